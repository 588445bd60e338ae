"""Registering members, checking passwords and issuing API tokens."""
from functools import cache

from flask import current_app
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from forum.services import AccountSuspended, HandleTaken, InvalidInput, screening
from models import ApiToken, MemberSession, Role, User, db
from models.base import utcnow
from models.user import HANDLE_PATTERN, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, handle_key

def check_new_credentials(handle: str, password: str) -> None:
    fields = {}
    if not HANDLE_PATTERN.match((handle or "").strip()):
        fields["handle"] = "Use 3 to 24 letters, numbers, hyphens or underscores."
    if problem := _password_problem(password):
        fields["password"] = problem
    if fields:
        raise InvalidInput(fields)


def register_member(handle: str, password: str, role: Role = Role.MEMBER) -> User:
    """A new account; registering means accepting the community guidelines.

    The handle is screened first (``screening.handle_refusal``), and refused kindly if others
    should not see it.
    """
    handle = (handle or "").strip()
    check_new_credentials(handle, password)
    if User.find_by_handle(handle) is not None:
        raise HandleTaken(handle)
    refusal = screening.handle_refusal(handle)
    if refusal:
        raise InvalidInput({"handle": refusal})
    user = User(
        handle=handle,
        handle_key=handle_key(handle),
        password_hash=_hash(password),
        role=role.value,
        guidelines_accepted_at=utcnow(),
    )
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError as exc:  # two sign-ups racing for one handle
        db.session.rollback()
        raise HandleTaken(handle) from exc
    return user


def authenticate(handle: str, password: str) -> User | None:
    """The member these credentials belong to; raises ``AccountSuspended`` only once the password is right."""
    user = User.find_by_handle(handle or "") if handle else None
    if user is None:
        check_password_hash(_decoy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password or "")
        return None
    if not check_password_hash(user.password_hash, password or ""):
        return None
    if user.is_suspended:
        raise AccountSuspended(user.suspension_reason)
    return user


def issue_token(user: User) -> str:
    _, plain = ApiToken.issue(user)
    db.session.commit()
    return plain


def revoke_token(token: ApiToken) -> None:
    token.revoke()
    db.session.commit()


def sign_out_everywhere(user: User) -> None:
    """End every browser session of ``user`` and revoke every app token they hold."""
    end_sign_ins(user)
    db.session.commit()


def end_sign_ins(user: User) -> None:
    """``sign_out_everywhere`` inside a caller's own transaction (suspension, deletion)."""
    MemberSession.end_all_for(user)
    for token in ApiToken.active_for(user):
        token.revoke()


def change_password(user: User, current: str, new: str) -> None:
    """A new password, once the current one is confirmed; every other sign-in ends with the old one."""
    if not check_password_hash(user.password_hash, current or ""):
        raise InvalidInput({"current_password": "That isn't your current password."})
    if problem := _password_problem(new):
        raise InvalidInput({"new_password": problem})
    user.password_hash = _hash(new)
    sign_out_everywhere(user)


def _password_problem(password: str | None) -> str | None:
    if len(password or "") < PASSWORD_MIN_LENGTH:
        return f"Use at least {PASSWORD_MIN_LENGTH} characters."
    if len(password) > PASSWORD_MAX_LENGTH:
        return f"Use at most {PASSWORD_MAX_LENGTH} characters."
    return None


@cache
def _decoy_hash(method: str) -> str:
    """Checked when a handle is unknown, so login timing does not reveal which handles exist."""
    return generate_password_hash("harbour-decoy-password", method=method)


def _hash(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])
