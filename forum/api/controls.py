"""API routes for a member's own controls: the members they muted."""
from flask import abort, jsonify

from forum.api import bp
from forum.api.auth import api_member, token_required
from forum.services import breaks
from models import MemberMute, User


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


def _member_mutes():
    return jsonify(members=[mute.to_dict() for mute in MemberMute.of(api_member())])


def _member_or_404(handle: str) -> User:
    return User.find_by_handle(handle) or abort(404, "There is no member with that handle.")
