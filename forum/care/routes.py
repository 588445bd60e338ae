from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from forum.care import bp
from forum.care.forms import BreakForm, SafetyPlanForm, WordFilterForm
from forum.forms import show_errors
from forum.help.signposts import crisis_resources, reader_region
from forum.messages import WORD_FILTER_ADDED, WORD_FILTER_CHOICE, WORD_FILTER_DONE, WORD_FILTER_EXISTS
from forum.services import InvalidInput, breaks, word_filters
from forum.services.safety_plans import save_safety_plan
from models import Board, Break, Post, Resource, SafetyPlan, Thread, User, db
from models.safety_plan import PLAN_SECTIONS


@bp.get("/safety-plan")
@login_required
def safety_plan():
    return render_template("care/safety_plan.html", plan=SafetyPlan.of(current_user), form=SafetyPlanForm())


@bp.route("/safety-plan/edit", methods=["GET", "POST"])
@login_required
def edit_safety_plan():
    form = SafetyPlanForm(obj=SafetyPlan.of(current_user))
    if form.validate_on_submit():
        try:
            save_safety_plan(current_user, {section: form[section].data or "" for section in PLAN_SECTIONS})
        except InvalidInput as error:
            show_errors(form, error)
        else:
            flash("Your safety plan is saved. Only you can see it.", "success")
            return redirect(url_for("care.safety_plan"))
    return render_template("care/safety_plan_edit.html", form=form)


@bp.get("/crisis/<int:post_id>")
@login_required
def crisis(post_id):
    """The calm page a crisis post's author sees at once; nobody else can open it."""
    post = db.session.get(Post, post_id)
    if post is None or post.author_id != current_user.id:
        abort(404)
    services = crisis_resources(current_user)
    return render_template(
        "care/crisis.html",
        post=post,
        emergency=[s for s in services if s.is_emergency],
        lines=[s for s in services if not s.is_emergency],
        plan=SafetyPlan.of(current_user),
    )


@bp.post("/break")
@login_required
def take_break():
    form = BreakForm()
    if form.validate_on_submit():
        breaks.take_break(current_user, form.length.data)
        return redirect(url_for("boards.index"))
    flash("Please choose how long your break should be.", "info")
    return redirect(url_for("auth.account", _anchor="break"))


@bp.post("/break/end")
@login_required
def end_break():
    breaks.end_break(current_user)
    flash("Welcome back. Go gently.", "success")
    return redirect(url_for("boards.index"))


def break_page_if_paused():
    """While a member's break runs, boards and threads give way to a calm page instead.

    Registered before every boards request; the help page, the account page and
    the safety plan stay open.
    """
    if not current_user.is_authenticated:
        return None
    pause = Break.active_for(current_user)
    if pause is None:
        return None
    return render_template(
        "care/break.html",
        pause=pause,
        plan=SafetyPlan.of(current_user),
        plan_form=SafetyPlanForm(),
        services=Resource.in_region(reader_region(current_user)),
    )


@bp.post("/mutes/boards/<slug>")
@login_required
def mute_board(slug):
    board = _board_or_404(slug)
    breaks.mute_board(current_user, board)
    flash(f"You've muted {board.name}. You can unmute it from your account page.", "info")
    return redirect(url_for("boards.index"))


@bp.post("/mutes/boards/<slug>/remove")
@login_required
def unmute_board(slug):
    board = _board_or_404(slug)
    breaks.unmute_board(current_user, board)
    return redirect(url_for("boards.board", slug=board.slug))


@bp.post("/mutes/threads/<int:thread_id>")
@login_required
def mute_thread(thread_id):
    thread = _thread_or_404(thread_id)
    breaks.mute_thread(current_user, thread)
    flash(f"You've muted “{thread.title}”. You can unmute it from your account page.", "info")
    return redirect(url_for("boards.board", slug=thread.board.slug))


@bp.post("/mutes/threads/<int:thread_id>/remove")
@login_required
def unmute_thread(thread_id):
    thread = _thread_or_404(thread_id)
    breaks.unmute_thread(current_user, thread)
    return redirect(url_for("boards.thread", thread_id=thread.id))


@bp.post("/mutes/members/<handle>")
@login_required
def mute_member(handle):
    """Mute a member from beside one of their posts; back to that post's thread, now without them."""
    other = _member_or_404(handle)
    try:
        breaks.mute_member(current_user, other)
    except InvalidInput as refusal:
        flash(refusal.fields["handle"], "info")
    else:
        flash(f"You've muted {other.handle}. You won't see their posts. You can unmute them from your account page.",
              "info")
    return redirect(_back_to_thread() or url_for("auth.account", _anchor="mutes"))


@bp.post("/mutes/members/<handle>/remove")
@login_required
def unmute_member(handle):
    breaks.unmute_member(current_user, _member_or_404(handle))
    return redirect(url_for("auth.account", _anchor="mutes"))


@bp.post("/word-filters")
@login_required
def add_word_filter():
    form = WordFilterForm()
    if form.validate_on_submit():
        try:
            added = word_filters.add_filter(current_user, form.phrase.data, form.choice.data)
        except InvalidInput as error:
            for message in error.fields.values():
                flash(message, "info")
        except word_filters.FilterExists:
            flash(WORD_FILTER_EXISTS, "info")
        else:
            flash(WORD_FILTER_ADDED.format(phrase=added.phrase, choice=WORD_FILTER_DONE[added.choice]), "success")
    else:
        flash(WORD_FILTER_CHOICE, "info")
    return redirect(url_for("auth.account", _anchor="word-filters"))


@bp.post("/word-filters/<int:filter_id>/remove")
@login_required
def remove_word_filter(filter_id):
    if not word_filters.remove_filter(current_user, filter_id):
        abort(404)
    return redirect(url_for("auth.account", _anchor="word-filters"))


def _back_to_thread() -> str | None:
    """The thread the mute button sat in (a number only, so this can never redirect off-site)."""
    thread_id = request.form.get("thread_id", "")
    return url_for("boards.thread", thread_id=int(thread_id)) if thread_id.isdigit() else None


def _member_or_404(handle: str) -> User:
    return User.find_by_handle(handle) or abort(404)


def _board_or_404(slug: str) -> Board:
    return Board.find_by_slug(slug) or abort(404)


def _thread_or_404(thread_id: int) -> Thread:
    return Thread.find_visible(thread_id, current_user) or abort(404)
