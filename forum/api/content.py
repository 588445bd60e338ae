"""API routes for boards, threads and posts; reading needs a token, like the pages need a login."""
from flask import abort, current_app, jsonify, request

from forum.api import bp
from forum.api.auth import api_member, token_required
from forum.api.payload import json_object, text_fields
from forum.ratelimits import posting_limit
from forum.request_guard import page_number
from forum.help.signposts import crisis_resources
from forum.messages import TITLE_FILTERED
from forum.services import AlreadySubmitted, posts
from forum.services.reading import ReaderView, board_threads, post_display, reader_view, title_display
from models import Board, Post, Thread, User, paginate
from moderation.reading import Display


@bp.get("/boards")
def list_boards():
    return jsonify(boards=[board.to_dict() for board in Board.ordered()])


@bp.get("/boards/<slug>/threads")
@token_required
def list_threads(slug):
    board = Board.find_by_slug(slug) or abort(404, "There is no board with that name.")
    page = paginate(
        board_threads(board, api_member()),
        page_number(),
        current_app.config["THREADS_PER_PAGE"],
    )
    view = reader_view(api_member())
    return jsonify(board=board.to_dict(), **page.to_dict("threads", lambda t: thread_json(t, view)))


@bp.post("/boards/<slug>/threads")
@token_required
@posting_limit
def create_thread(slug):
    board = Board.find_by_slug(slug) or abort(404, "There is no board with that name.")
    data = json_object()
    title, body = text_fields(data, "title", "body")
    try:
        thread, post = posts.create_thread(
            board, api_member(), title, body, data.get("content_notes"), submission_key=_idempotency_key()
        )
    except AlreadySubmitted as done:
        thread, post = done.post.thread, done.post
        return _replayed(jsonify(thread=thread.to_dict(), post=post_json(post, api_member())))
    return jsonify(thread=thread.to_dict(), post=post_json(post, api_member())), 201


@bp.get("/threads/<int:thread_id>")
@token_required
def get_thread(thread_id):
    viewer = api_member()
    thread = Thread.find_visible(thread_id, viewer) or abort(404, "There is no thread with that id.")
    statement, params = Post.in_thread(thread.id, viewer)
    page = paginate(statement, page_number(), current_app.config["POSTS_PER_PAGE"], params)
    view = reader_view(viewer)
    shown = [post for post in page.items if not view.has_muted_author_of(post)]
    return jsonify(
        thread=thread_json(thread, view),
        posts=[post_json(post, viewer, view) for post in shown],
        signposts=sorted({key for post in page.items for key in post.signposts}),
        pagination=page.meta(),
    )


@bp.post("/threads/<int:thread_id>/posts")
@token_required
@posting_limit
def create_post(thread_id):
    viewer = api_member()
    thread = Thread.find_visible(thread_id, viewer) or abort(404, "There is no thread with that id.")
    data = json_object()
    (body,) = text_fields(data, "body")
    try:
        post = posts.create_reply(thread, viewer, body, data.get("content_notes"), submission_key=_idempotency_key())
    except AlreadySubmitted as done:
        return _replayed(jsonify(post_json(done.post, viewer)))
    return jsonify(post_json(post, viewer)), 201


@bp.get("/posts/<int:post_id>")
@token_required
def get_post(post_id):
    viewer = api_member()
    post = Post.find_visible(post_id, viewer) or abort(404, "There is no post with that id.")
    return jsonify(post_json(post, viewer))


@bp.patch("/posts/<int:post_id>")
@token_required
@posting_limit
def edit_post(post_id):
    viewer = api_member()
    post = Post.find_visible(post_id, viewer) or abort(404, "There is no post with that id.")
    data = json_object()
    (body,) = text_fields(data, "body")
    posts.edit_post(post, viewer, body, data.get("content_notes"))
    return jsonify(post_json(post, viewer))


def thread_json(thread: Thread, view: ReaderView) -> dict:
    """A thread with the ``display`` hint for its title: as openly as its opening post, never more.
    A title the reader's word filter hides is not sent at all, only the words that stand in for it."""
    showing = title_display(thread, view)
    data = thread.to_dict() | {"display": showing.display, "word_filter": showing.by_word_filter}
    if showing.by_word_filter and showing.display == Display.HIDDEN.value:
        data["title"] = TITLE_FILTERED
    return data


def _idempotency_key() -> str | None:
    """The client's ``Idempotency-Key``: a retry with the same key and words gets the first answer again."""
    return request.headers.get("Idempotency-Key")


def _replayed(response):
    response.headers["Idempotent-Replayed"] = "true"
    return response, 201


def post_json(post: Post, viewer: User, view: ReaderView | None = None) -> dict:
    """A post as ``viewer`` should get it: with the ``display`` hint their reading choices give, and
    for the author of a crisis post, the emergency number and crisis lines to reach now."""
    showing = post_display(post, view or reader_view(viewer))
    data = post.to_dict(viewer) | {"display": showing.display, "word_filter": showing.by_word_filter}
    if showing.by_word_filter and showing.display == Display.HIDDEN.value:
        data["body_html"] = ""  # the reader asked never to see these words
    if post.is_crisis and viewer.id == post.author_id:
        data["crisis_resources"] = [resource.to_dict() for resource in crisis_resources(viewer)]
    return data
