"""Rule sets on pages: versions, the draft editor, try-it, activate and roll back, and the audit log."""
import json

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from forum.admin import bp
from forum.admin.forms import ActionForm, ActivateForm, BacktestForm, DraftForm, TryForm
from forum.forms import parsed_json, show_errors
from forum.services import InvalidInput, duty, escalation, jobs, rulesets, training
from models import AdminAudit, OutboxMessage, RuleSetVersion, db
from models.audit import AuditAction, json_diff


MODERATORS_OWN_ACTIONS = (AuditAction.QUEUE_CLAIM, AuditAction.DUTY_ON, AuditAction.DUTY_OFF)


@bp.get("/")
def index():
    return render_template(
        # Moderators' claims and duty go to the full log only: on a busy day they would push every admin change off here.
        "admin/index.html", active=RuleSetVersion.active(),
        audit=AdminAudit.newest_first(10, without=MODERATORS_OWN_ACTIONS),
        outbox=OutboxMessage.newest_first(20), form=ActionForm(), on_duty=duty.on_duty_now(),
        escalations_go_nowhere=not escalation.sender_configured(), training_due=training.needing_attention(),
    )


@bp.post("/outbox/<int:message_id>/acknowledge")
def acknowledge_escalation(message_id):
    """An admin has reached someone about this crisis: stop sending it."""
    message = db.session.get(OutboxMessage, message_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    escalation.acknowledge(message, current_user)
    flash("Marked as handled; Harbour will stop sending it.", "success")
    return redirect(url_for("admin.index"))


@bp.get("/rules")
def rules():
    return render_template(
        "admin/rules.html", versions=RuleSetVersion.newest_first(), form=ActionForm(), activate_form=ActivateForm()
    )


@bp.post("/rules/drafts")
def new_draft():
    if not ActionForm().validate_on_submit():
        abort(400)
    draft = rulesets.create_draft(current_user, RuleSetVersion.active())
    return redirect(url_for("admin.version", version_id=draft.id))


@bp.route("/rules/<int:version_id>", methods=["GET", "POST"])
def version(version_id):
    """A version's document; for a draft, the editor (saved on POST)."""
    version = _version_or_404(version_id)
    form = DraftForm(data={"document": json.dumps(version.document, indent=2, ensure_ascii=False)})
    if version.is_draft and form.validate_on_submit():
        try:
            rulesets.update_draft(current_user, version, parsed_json(form.document.data, ""))
        except InvalidInput as error:
            form.document.errors = [f"{path}: {message}" if path else message for path, message in error.fields.items()]
            return _version_page(version, form), 422
        flash(f"Draft v{version.number} saved.", "success")
        return redirect(url_for("admin.version", version_id=version.id))
    return _version_page(version, form)


@bp.post("/rules/<int:version_id>/try")
def try_version(version_id):
    version = _version_or_404(version_id)
    try_form = TryForm()
    verdicts = None
    if try_form.validate_on_submit():
        try:
            verdicts = rulesets.try_text(version, try_form.text.data, try_form.board.data or None)
        except InvalidInput as error:
            show_errors(try_form, error)
    return _version_page(version, try_form=try_form, verdicts=verdicts)


@bp.post("/rules/<int:version_id>/activate")
def activate(version_id):
    version = _version_or_404(version_id)
    form = ActivateForm()
    if form.validate_on_submit():
        try:
            rulesets.activate(current_user, version, form.note.data)
        except (InvalidInput, rulesets.NotADraft):
            flash("That version could not be activated; it may already be active.", "info")
            return redirect(url_for("admin.rules"))
        flash(f"v{version.number} is now active and screens every new post.", "success")
        if form.rescreen.data:
            return redirect(url_for("admin.job", job_id=jobs.start_rescreen(current_user).id))
        return redirect(url_for("admin.rules"))
    return _version_page(version, activate_form=form), 422


@bp.post("/rules/<int:version_id>/backtest")
def backtest(version_id):
    version = _version_or_404(version_id)
    form = BacktestForm()
    if form.validate_on_submit():
        days = form.days.data
        try:
            job = jobs.start_backtest(current_user, version, limit=None if days else form.limit.data, days=days)
        except InvalidInput as error:
            show_errors(form, error)
        else:
            return redirect(url_for("admin.job", job_id=job.id))
    return _version_page(version, backtest_form=form), 422


@bp.get("/audit")
def audit():
    return render_template("admin/audit.html", entries=AdminAudit.newest_first(200))


def _version_or_404(version_id: int) -> RuleSetVersion:
    return db.session.get(RuleSetVersion, version_id) or abort(404)


def _version_page(version, form=None, *, try_form=None, activate_form=None, backtest_form=None, verdicts=None):
    active = RuleSetVersion.active()
    return render_template(
        "admin/version.html",
        version=version,
        active=active,
        form=form or DraftForm(data={"document": json.dumps(version.document, indent=2, ensure_ascii=False)}),
        try_form=try_form or TryForm(),
        activate_form=activate_form or ActivateForm(),
        backtest_form=backtest_form or BacktestForm(),
        verdicts=verdicts,
        diff=json_diff(active.document, version.document, "active") if active and active is not version else "",
        history=AdminAudit.newest_first(50, target=rulesets.target_of(version)),
    )
