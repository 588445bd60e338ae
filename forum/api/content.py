"""API routes for boards, threads and posts; reading needs a token, like the pages need a login."""
from flask import abort, current_app, jsonify, request

from forum.api import bp
from forum.api.auth import api_member, token_required
from forum.api.payload import json_object, text_fields
from forum.ratelimits import posting_limit
from forum.services import posts
from models import Board, Post, Thread, paginate


@bp.get("/boards")
def list_boards():
    return jsonify(boards=[board.to_dict() for board in Board.ordered()])


@bp.get("/boards/<slug>/threads")
@token_required
def list_threads(slug):
    board = Board.find_by_slug(slug) or abort(404, "There is no board with that name.")
    page = paginate(
        Thread.in_board(board, api_member()),
        request.args.get("page", 1, type=int),
        current_app.config["THREADS_PER_PAGE"],
    )
    return jsonify(board=board.to_dict(), **page.to_dict("threads", Thread.to_dict))


@bp.post("/boards/<slug>/threads")
@token_required
@posting_limit
def create_thread(slug):
    board = Board.find_by_slug(slug) or abort(404, "There is no board with that name.")
    title, body = text_fields(json_object(), "title", "body")
    thread, post = posts.create_thread(board, api_member(), title, body)
    return jsonify(thread=thread.to_dict(), post=post.to_dict(api_member())), 201


@bp.get("/threads/<int:thread_id>")
@token_required
def get_thread(thread_id):
    viewer = api_member()
    thread = Thread.find_visible(thread_id, viewer) or abort(404, "There is no thread with that id.")
    page = paginate(
        Post.in_thread(thread.id, viewer),
        request.args.get("page", 1, type=int),
        current_app.config["POSTS_PER_PAGE"],
    )
    return jsonify(thread=thread.to_dict(), **page.to_dict("posts", lambda p: p.to_dict(viewer)))


@bp.post("/threads/<int:thread_id>/posts")
@token_required
@posting_limit
def create_post(thread_id):
    viewer = api_member()
    thread = Thread.find_visible(thread_id, viewer) or abort(404, "There is no thread with that id.")
    (body,) = text_fields(json_object(), "body")
    post = posts.create_reply(thread, viewer, body)
    return jsonify(post.to_dict(viewer)), 201


@bp.get("/posts/<int:post_id>")
@token_required
def get_post(post_id):
    viewer = api_member()
    post = Post.find_visible(post_id, viewer) or abort(404, "There is no post with that id.")
    return jsonify(post.to_dict(viewer))


@bp.patch("/posts/<int:post_id>")
@token_required
@posting_limit
def edit_post(post_id):
    viewer = api_member()
    post = Post.find_visible(post_id, viewer) or abort(404, "There is no post with that id.")
    (body,) = text_fields(json_object(), "body")
    posts.edit_post(post, viewer, body)
    return jsonify(post.to_dict(viewer))
