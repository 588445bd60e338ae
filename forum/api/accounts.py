"""API routes for accounts and tokens."""
from flask import jsonify

from forum.api import bp
from forum.api.auth import token_required
from forum.api.errors import error_response
from forum.api.payload import json_object, text_fields
from forum.identity import bearer_token
from forum.ratelimits import handle_failures_limit, refuse_credentials, register_limit, token_limit
from forum.services import AccountSuspended, accounts


@bp.post("/users")
@register_limit
def create_user():
    handle, password = text_fields(json_object(), "handle", "password")
    user = accounts.register_member(handle, password)
    return jsonify(user.to_dict()), 201


@bp.post("/tokens")
@token_limit
@handle_failures_limit
def create_token():
    handle, password = text_fields(json_object(), "handle", "password")
    try:
        user = accounts.authenticate(handle, password)
    except AccountSuspended as suspended:
        return error_response(403, f"This account is suspended: {suspended.reason}")
    if user is None:
        refuse_credentials()
        return error_response(401, "That handle and password don't match.")
    return jsonify(token=accounts.issue_token(user)), 201


@bp.delete("/tokens/current")
@token_required
def revoke_current_token():
    accounts.revoke_token(bearer_token())
    return "", 204
