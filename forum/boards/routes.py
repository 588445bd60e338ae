from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from forum.boards import bp
from forum import live
from forum.boards.forms import PostForm, ReportForm, ThreadForm
from forum.forms import show_errors
from forum.messages import POST_OUTCOMES, REPORT_ALREADY, REPORT_THANKS
from forum.ratelimits import posting_limit
from forum.services import InvalidInput, posts, queue
from forum.services.breaks import is_muted
from models import Board, BoardMute, Post, QueueItem, Thread, ThreadMute, paginate


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
    threads = Thread.in_board(board, current_user).where(ThreadMute.not_muted_by(current_user))
    page = paginate(threads, _page_number(), current_app.config["THREADS_PER_PAGE"])
    return render_template("boards/board.html", board=board, page=page, muted=is_muted(current_user, board))


@bp.route("/b/<slug>/new", methods=["GET", "POST"])
@login_required
@posting_limit
def new_thread(slug):
    board = _board_or_404(slug)
    form = ThreadForm()
    if form.validate_on_submit():
        try:
            _, post = posts.create_thread(board, current_user, form.title.data, form.body.data)
        except InvalidInput as error:
            show_errors(form, error)
        else:
            return _after_submit(post)
    return render_template("boards/compose.html", form=form, board=board, heading="Start a new thread")


@bp.get("/t/<int:thread_id>")
@login_required
def thread(thread_id):
    thread = _thread_or_404(thread_id)
    page = paginate(Post.in_thread(thread.id, current_user), _page_number(), current_app.config["POSTS_PER_PAGE"])
    return render_template(
        "boards/thread.html", thread=thread, page=page, form=PostForm(), report_form=ReportForm(),
        muted=is_muted(current_user, thread),
    )


@bp.route("/t/<int:thread_id>/reply", methods=["GET", "POST"])
@login_required
@posting_limit
def reply(thread_id):
    thread = _thread_or_404(thread_id)
    form = PostForm()
    if form.validate_on_submit():
        try:
            post = posts.create_reply(thread, current_user, form.body.data)
        except InvalidInput as error:
            show_errors(form, error)
        else:
            return _after_submit(post)
    return render_template(
        "boards/compose.html", form=form, board=thread.board, thread=thread, heading=f"Reply to “{thread.title}”"
    )


@bp.get("/p/<int:post_id>")
@login_required
def post(post_id):
    return redirect(_post_url(_post_or_404(post_id)))


@bp.route("/p/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
@posting_limit
def edit_post(post_id):
    post = _post_or_404(post_id)
    if post.author_id != current_user.id:
        abort(403)
    form = PostForm(body=post.body_markdown)
    form.body.label.text = "Your post"
    if form.validate_on_submit():
        try:
            posts.edit_post(post, current_user, form.body.data)
        except InvalidInput as error:
            show_errors(form, error)
        else:
            return _after_submit(post)
    return render_template(
        "boards/compose.html", form=form, board=post.thread.board, thread=post.thread, heading="Edit your post"
    )


@bp.post("/p/<int:post_id>/report")
@login_required
def report(post_id):
    post = _post_or_404(post_id)
    form = ReportForm()
    if not form.validate_on_submit():
        flash("Please choose a reason for your report.", "info")
        return redirect(_post_url(post))
    _, created = queue.report_post(post, current_user, form.reason.data, form.note.data)
    if created:
        live.item_changed(live.ITEM_NEW, QueueItem.for_post(post))
    flash(REPORT_THANKS if created else REPORT_ALREADY, "success")
    return redirect(_post_url(post))


def _after_submit(post: Post):
    """Tell the author at once what happened, in the engine's own kind words when it held anything back."""
    plain = post.is_published and not post.warnings
    flash(POST_OUTCOMES[post.status] if plain else post.explanation_for_author, "success" if plain else "info")
    return redirect(_post_url(post))


def _post_url(post: Post) -> str:
    page = post.position_for(current_user) // current_app.config["POSTS_PER_PAGE"] + 1
    return url_for("boards.thread", thread_id=post.thread_id, page=page, _anchor=f"post-{post.id}")


def _page_number() -> int:
    return request.args.get("page", 1, type=int)


def _board_or_404(slug: str) -> Board:
    return Board.find_by_slug(slug) or abort(404)


def _thread_or_404(thread_id: int) -> Thread:
    return Thread.find_visible(thread_id, current_user) or abort(404)


def _post_or_404(post_id: int) -> Post:
    return Post.find_visible(post_id, current_user) or abort(404)
