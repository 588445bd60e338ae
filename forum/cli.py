"""Operator commands: ``flask --app wsgi init | create-admin | set-role | seed-demo | labels export | outbox deliver
| screening sweep | targets check | supervision remind | worker | purge-safety-records``."""
import json
import os
import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade

from forum import redis_jobs, seed, workers
from forum.services import (HandleTaken, InvalidInput, accounts, community, contagion, escalation, labels, screening,
                            supervision_sessions, target_alerts, wellbeing_checkins)
from forum.services.erasure import purge_expired_records
from models import Role, User, db
from models.coverage import AlertChannel


@click.command("init")
@with_appcontext
def init_command():
    """Create or upgrade the database with migrations, then add the default boards, help services, rule set and training."""
    upgrade()
    added = seed.ensure_default_boards()
    resources_added, resources_updated = seed.ensure_resources()
    stored_ruleset = seed.ensure_active_ruleset()
    training_added = seed.ensure_training_module()
    click.echo(f"Database is up to date; {added} board(s) added.")
    click.echo(f"Help services: {resources_added} added, {resources_updated} updated.")
    click.echo(f"Moderator training: {training_added} page(s) added.")
    if stored_ruleset:
        click.echo("The shipped rule set is stored as version 1 and active.")


@click.command("create-admin")
@click.argument("handle")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create_admin_command(handle, password_stdin):
    """Create an admin account (audited, with no actor)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = accounts.register_member(handle, password)
    except InvalidInput as error:
        raise click.ClickException(str(error)) from error
    except HandleTaken as error:
        raise click.ClickException(f"The handle {handle!r} is taken; use set-role instead.") from error
    # Made an admin through the members page's own service, so the promotion has its audit row.
    community.set_member_role(None, user, Role.ADMIN,
                              note="A new account made an admin by an operator with flask create-admin.")
    click.echo(f"Admin {user.handle} created.")


@click.command("set-role")
@click.argument("handle")
@click.argument("role", type=click.Choice([role.value for role in Role]))
@with_appcontext
def set_role_command(handle, role):
    """Make a member a member, moderator or admin; audited like the members page, with no actor."""
    user = User.find_by_handle(handle)
    if user is None:
        raise click.ClickException(f"No member has the handle {handle!r}.")
    community.set_member_role(None, user, Role(role), note="Set by an operator with flask set-role.")
    click.echo(f"{user.handle} is now {role}.")


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Add a small demo community (safe to run again: it adds nothing twice)."""
    # A one-off command screens what it needs here rather than wait for workers to start: its posts
    # right after each commit (embedded mode), the demo members' handles in this process.
    current_app.config["SCREENING_WORKERS"] = 0
    screening.become_model_process(current_app._get_current_object())
    seed.ensure_default_boards()
    created = seed.seed_demo_community()
    click.echo(f"Demo community ready; {created} thread(s) added.")


labels_group = click.Group("labels", help="Moderator decisions as training labels.")


@labels_group.command("export")
@click.option("--out", type=click.File("w", encoding="utf-8"), default="-", help="Where to write (default: stdout).")
@with_appcontext
def export_labels_command(out):
    """Write every moderator decision as a JSONL label, member handles removed (for python -m moderation train --labels)."""
    lines = labels.label_lines()
    for line in lines:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    click.echo(f"{len(lines)} label(s) exported.", err=True)


@click.group("outbox")
def outbox_group():
    """Crisis escalations waiting to reach someone."""


@outbox_group.command("deliver")
@with_appcontext
def deliver_command():
    """Send every escalation whose time has come; run it from cron every minute."""
    delivered, failed = escalation.deliver_due()
    click.echo(f"Outbox: {delivered} delivered, {failed} to try again.")


@click.command("purge-safety-records")
@with_appcontext
def purge_safety_records_command():
    """Delete deleted members' safety records whose retention period has ended; run it from cron daily."""
    purged = purge_expired_records()
    db.session.commit()
    click.echo(f"Purged {purged} safety record(s) past their retention period.")


@click.group("screening")
def screening_group():
    """Screening jobs: posts waiting for their verdict."""


@screening_group.command("sweep")
@with_appcontext
def sweep_command():
    """Hand out again every screening job left unfinished, hold posts out of attempts, and end the contagion
    guard's clusters whose window has passed (the web and worker processes do this every minute themselves;
    run it from cron where neither runs)."""
    report = workers.sweep_once()
    if report is None:
        raise click.ClickException("The sweep could not reach the database; see the log.")
    click.echo(f"Screening sweep: {len(report.requeued)} job(s) handed out again, "
               f"{len(report.held)} post(s) held for a moderator.")
    try:
        ended = contagion.sweep()
    except Exception as error:
        raise click.ClickException(f"The contagion guard's sweep failed: {error}") from error
    click.echo(f"Contagion guard: {len(ended)} cluster(s) ended and their slow modes and holds undone.")


@click.group("targets")
def targets_group():
    """Response-time targets: alerts before one is missed."""


@targets_group.command("check")
@with_appcontext
def check_targets_command():
    """Alert about members waiting close to a response target (the web and worker processes' sweep does this
    every minute; run it from cron where neither runs)."""
    alerts = target_alerts.check_targets()
    live = sum(alert.channel == AlertChannel.LIVE.value for alert in alerts)
    click.echo(f"Response targets: {len(alerts)} alert(s) sent, {live} live to moderators on duty, "
               f"{len(alerts) - live} to the outbox.")


@click.group("supervision")
def supervision_group():
    """Supervision: session reminders and the weekly check-in prompt."""


@supervision_group.command("remind")
@with_appcontext
def remind_command():
    """Remind moderators of sessions starting within a day, and prompt this week's check-in (the sweep does this
    every minute; run it from cron where no web or worker process runs)."""
    click.echo(f"Supervision: {supervision_sessions.send_reminders()} session reminder(s), "
               f"{wellbeing_checkins.send_prompts()} weekly check-in prompt(s) sent.")


@click.command("worker")
@click.option("--queue", "queues", multiple=True, type=click.Choice(redis_jobs.QUEUES), default=redis_jobs.QUEUES,
              show_default=True, help="Queues to serve, most urgent first (repeat the option).")
@click.option("--burst", is_flag=True, help="Stop once the queues are empty.")
@click.option("--nice", "niceness", type=click.IntRange(0, 19), default=0, show_default=True,
              help="Lower this worker's CPU priority, so web processes on the same cores answer pages first.")
@with_appcontext
def worker_command(queues, burst, niceness):
    """Run screening and admin jobs from Redis with the classifier loaded (scaled mode: needs REDIS_URL)."""
    if not current_app.config["REDIS_URL"]:
        raise click.ClickException("Set REDIS_URL: without it, screening runs in threads of the web process.")
    os.nice(niceness)
    workers.run_rq_worker(current_app._get_current_object(), tuple(queues), burst=burst)


def init_app(app: Flask) -> None:
    for command in (init_command, create_admin_command, set_role_command, seed_demo_command,
                    labels_group, outbox_group, screening_group, targets_group, supervision_group,
                    worker_command, purge_safety_records_command):
        app.cli.add_command(command)
