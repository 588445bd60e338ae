from flask import abort, current_app, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user, login_required

from forum.api import invalid_input
from forum.api.previews import preview_response
from forum.boards import blank_forms, bp, request_reader_view
from forum.boards.forms import PostForm, ReportForm, ThreadForm, new_submission_token
from forum.request_guard import page_number
from forum.forms import show_errors
from forum.messages import ALREADY_POSTED, FORM_ALREADY_USED, POST_OUTCOMES, REPORT_ALREADY, REPORT_THANKS
from forum.ratelimits import posting_limit, screen_limit
from forum.services import AlreadySubmitted, InvalidInput, posts, queue, screening
from forum.help.signposts import one_panel_per_page
from forum.services.drafts import compose_guidance
from forum.services.reading import board_threads, post_display
from forum.services.unanswered import unanswered_for
from models import Board, BoardMute, Post, PostStatus, Thread, paginate


@bp.get("/")
def index():
    boards = Board.ordered()
    if current_user.is_authenticated:
        muted = {mute.board_id for mute in BoardMute.of(current_user)}
        boards = [board for board in boards if board.id not in muted]
    return render_template("boards/index.html", boards=boards)


@bp.get("/b/<slug>")
@login_required
def board(slug):
    board = _board_or_404(slug)
    page = paginate(board_threads(board, current_user), page_number(), current_app.config["THREADS_PER_PAGE"])
    muted = request_reader_view().has_muted(board)
    return render_template("boards/board.html", board=board, page=page, muted=muted)


@bp.route("/b/<slug>/new", methods=["GET", "POST"])
@login_required
@posting_limit
def new_thread(slug):
    board = _board_or_404(slug)
    form = ThreadForm()
    return _compose(
        form, board, "Start a new thread",
        lambda: posts.create_thread(
            board, current_user, form.title.data, form.body.data, form.content_notes.data,
            submission_key=form.submission_token.data or None,
        )[1],
    )


@bp.get("/t/<int:thread_id>")
@login_required
def thread(thread_id):
    thread = _thread_or_404(thread_id)
    statement, params = Post.in_thread(thread.id, current_user)
    page = paginate(statement, page_number(), current_app.config["POSTS_PER_PAGE"], params)
    view = request_reader_view()
    return render_template(
        "boards/thread.html", thread=thread, page=page, submission_token=new_submission_token(),
        reply_fields=blank_forms.reply_fields(), report_fields=blank_forms.report_fields(),
        muted=view.has_muted(thread), author_muted=thread.author_id in view.muted,
        displays={post.id: post_display(post, view) for post in page.items},
        left_out={post.id for post in page.items if view.has_muted_author_of(post)},
        panel=one_panel_per_page(((post.id, post.signposts) for post in page.items), current_user),
    )


@bp.route("/t/<int:thread_id>/reply", methods=["GET", "POST"])
@login_required
@posting_limit
def reply(thread_id):
    thread = _thread_or_404(thread_id)
    form = PostForm()
    return _compose(
        form, thread.board, "Reply to this thread",
        lambda: posts.create_reply(
            thread, current_user, form.body.data, form.content_notes.data,
            submission_key=form.submission_token.data or None,
        ),
        thread=thread,
    )


@bp.get("/p/<int:post_id>")
@login_required
def post(post_id):
    return redirect(_post_url(_post_or_404(post_id)))


@bp.get("/p/<int:post_id>/state")
@login_required
def post_state(post_id):
    """Whether the author's post is still being checked, for the thread page to show its verdict when it lands."""
    post = _post_or_404(post_id)
    crisis = post.is_crisis and post.author_id == current_user.id
    url = url_for("care.crisis", post_id=post.id) if crisis else _post_url(post)
    return jsonify(status=post.status, pending=post.status == PostStatus.PENDING.value, crisis=crisis, url=url)


@bp.route("/p/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
@posting_limit
def edit_post(post_id):
    post = _post_or_404(post_id)
    if post.author_id != current_user.id:
        abort(403)
    form = PostForm(body=post.body_markdown, content_notes=post.author_notes)
    form.body.label.text = "Your post"
    return _compose(
        form, post.thread.board, "Edit your post",
        lambda: posts.edit_post(
            post, current_user, form.body.data, form.content_notes.data,
            submission_key=form.submission_token.data or None,
        ),
        thread=post.thread,
    )


@bp.post("/compose/check")
@login_required
@screen_limit
def check_draft():
    """The compose page's live nudge: ``POST /api/v1/screen``'s very preview, for a cookie session."""
    try:
        return preview_response(current_user)
    except InvalidInput as error:
        return invalid_input(error)


@bp.post("/p/<int:post_id>/report")
@login_required
def report(post_id):
    post = _post_or_404(post_id)
    form = ReportForm()
    if not form.validate_on_submit():
        flash("Please choose a reason for your report.", "info")
        return redirect(_post_url(post))
    _, created = queue.report_post(post, current_user, form.reason.data, form.note.data)
    flash(REPORT_THANKS if created else REPORT_ALREADY, "success")
    return redirect(_post_url(post))


def _compose(form: PostForm, board: Board, heading: str, submit, thread: Thread | None = None):
    """Post the draft, or with "Check my post" show the guidance the live check gives, posting nothing."""
    guidance = None
    if form.validate_on_submit():
        if form.check.data:
            verdict = screening.preview(form.body.data, current_user, board)
            guidance = compose_guidance(verdict, current_user, form.content_notes.data)
        else:
            try:
                return _after_submit(submit())
            except AlreadySubmitted as done:
                flash(ALREADY_POSTED, "info")
                return redirect(_post_url(done.post))
            except InvalidInput as error:
                if "idempotency_key" in error.fields:  # this page was posted before, with other words
                    form.submission_token.data = new_submission_token()
                    flash(FORM_ALREADY_USED, "info")
                show_errors(form, error)
    return render_template(
        "boards/compose.html", form=form, board=board, thread=thread, heading=heading, guidance=guidance
    )


def _after_submit(post: Post):
    """Tell the author at once what happened, in the engine's own kind words when it held anything back;
    someone who may be in danger is taken straight to help instead. A post still being checked says
    so, and its page shows the verdict when it lands."""
    if post.is_crisis:
        return redirect(url_for("care.crisis", post_id=post.id))
    plain = post.is_published and not post.warnings
    if plain or post.status == PostStatus.PENDING.value:
        flash(POST_OUTCOMES[post.status], "success" if plain else "info")
    else:
        flash(post.explanation_for_author, "info")
    return redirect(_post_url(post))


def _post_url(post: Post) -> str:
    page = post.position_for(current_user) // current_app.config["POSTS_PER_PAGE"] + 1
    return url_for("boards.thread", thread_id=post.thread_id, page=page, _anchor=f"post-{post.id}")


def _board_or_404(slug: str) -> Board:
    return Board.find_by_slug(slug) or abort(404)


def _thread_or_404(thread_id: int) -> Thread:
    return Thread.find_visible(thread_id, current_user) or abort(404)


def _post_or_404(post_id: int) -> Post:
    return Post.find_visible(post_id, current_user) or abort(404)


@bp.get("/unanswered")
@login_required
def unanswered():
    """Threads nobody has answered yet, for members who offered to be there for someone (a break pauses it,
    like every boards page)."""
    page = None
    if current_user.offers_support:
        page = paginate(unanswered_for(current_user), page_number(), current_app.config["THREADS_PER_PAGE"])
    return render_template("boards/unanswered.html", page=page)
