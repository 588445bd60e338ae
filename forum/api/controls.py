"""API routes for a member's own controls: the members they muted and their word filters."""
from flask import abort, jsonify

from forum.api import bp
from forum.api.auth import api_member, token_required
from forum.api.errors import error_response
from forum.api.payload import json_object
from forum.messages import WORD_FILTER_EXISTS
from forum.services import InvalidInput, breaks, word_filters
from models import MemberMute, User, WordFilter
from moderation.reading import Choice
from moderation.word_filters import FILTERS_MAX, PHRASE_MAX_LENGTH


@bp.get("/me/mutes/members")
@token_required
def list_member_mutes():
    return _member_mutes()


@bp.put("/me/mutes/members/<handle>")
@token_required
def mute_member(handle):
    breaks.mute_member(api_member(), _member_or_404(handle))
    return _member_mutes()


@bp.delete("/me/mutes/members/<handle>")
@token_required
def unmute_member(handle):
    breaks.unmute_member(api_member(), _member_or_404(handle))
    return _member_mutes()


@bp.errorhandler(word_filters.FilterExists)
def filter_exists(error: word_filters.FilterExists):
    return error_response(409, WORD_FILTER_EXISTS, {"phrase": WORD_FILTER_EXISTS})


@bp.get("/me/word-filters")
@token_required
def list_word_filters():
    return _word_filters()


@bp.post("/me/word-filters")
@token_required
def add_word_filter():
    data = json_object()
    unknown = set(data) - {"phrase", "choice"}
    if unknown:
        raise InvalidInput({name: "This field is not part of a word filter." for name in unknown})
    added = word_filters.add_filter(api_member(), data.get("phrase"), data.get("choice", Choice.COLLAPSE.value))
    return jsonify(added.to_dict()), 201


@bp.delete("/me/word-filters/<int:filter_id>")
@token_required
def remove_word_filter(filter_id):
    if not word_filters.remove_filter(api_member(), filter_id):
        abort(404, "You have no word filter with that id.")
    return _word_filters()


def _word_filters():
    return jsonify(filters=[f.to_dict() for f in WordFilter.of(api_member())],
                   limits={"filters": FILTERS_MAX, "phrase_length": PHRASE_MAX_LENGTH})


def _member_mutes():
    return jsonify(members=[mute.to_dict() for mute in MemberMute.of(api_member())])


def _member_or_404(handle: str) -> User:
    return User.find_by_handle(handle) or abort(404, "There is no member with that handle.")
