"""Boards and people, as admins shape them: every change is checked and audited.

A suspended member cannot log in, use API tokens or post; the reason is kept so
they can be told why. Suspending ends every sign-in and token at once; lifting
the suspension restores the account, and the member logs in again.
"""
import re

from forum.services import InvalidInput
from forum.services.accounts import end_sign_ins
from models import AdminAudit, Board, Role, User, active_ruleset, db
from models.audit import AuditAction
from models.base import utcnow

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
REASON_MAX_LENGTH = 500


def strictness_levels() -> list[str]:
    """The levels the active rule set defines; a board may name one of them."""
    return list(active_ruleset().strictness)


def create_board(actor: User, slug: str, **fields) -> Board:
    slug = (slug or "").strip()
    errors = _board_errors(fields)
    if not SLUG_PATTERN.match(slug):
        errors["slug"] = "Use 2 to 64 lowercase letters, digits or hyphens."
    elif Board.find_by_slug(slug) is not None:
        errors["slug"] = "Another board already has this address."
    if errors:
        raise InvalidInput(errors)
    board = Board(slug=slug, position=len(Board.ordered()), **fields)
    db.session.add(board)
    AdminAudit.record(actor, AuditAction.BOARD_CREATE, f"board {slug}", after=_board_dict(board))
    db.session.commit()
    return board


def edit_board(actor: User, board: Board, **fields) -> Board:
    """Rename a board or change its description, guidelines or strictness."""
    errors = _board_errors(fields)
    if errors:
        raise InvalidInput(errors)
    before = _board_dict(board)
    for name, value in fields.items():
        setattr(board, name, value)
    AdminAudit.record(actor, AuditAction.BOARD_EDIT, f"board {board.slug}", before=before, after=_board_dict(board))
    db.session.commit()
    return board


def set_member_role(actor: User | None, member: User, role: Role, *, note: str = "") -> None:
    """Change a role with its audit row; the actor is None when an operator does it at the command line."""
    if actor is not None and member.id == actor.id:
        raise InvalidInput({"role": "Ask another admin to change your own role."})
    before = member.role
    member.role = role.value
    AdminAudit.record(actor, AuditAction.MEMBER_ROLE, f"member {member.handle}", note=note,
                      before={"role": before}, after={"role": role.value})
    db.session.commit()


def suspend_member(actor: User, member: User, reason: str) -> None:
    reason = (reason or "").strip()
    if member.id == actor.id:
        raise InvalidInput({"reason": "Admins cannot suspend themselves."})
    if not reason:
        raise InvalidInput({"reason": "Say why, in words the member will read."})
    if len(reason) > REASON_MAX_LENGTH:
        raise InvalidInput({"reason": f"Use at most {REASON_MAX_LENGTH} characters."})
    member.suspended_at = utcnow()
    member.suspension_reason = reason
    end_sign_ins(member)  # so reinstating them later revives none of the old sign-ins
    AdminAudit.record(actor, AuditAction.MEMBER_SUSPEND, f"member {member.handle}", note=reason)
    db.session.commit()


def reinstate_member(actor: User, member: User) -> None:
    member.suspended_at = None
    member.suspension_reason = ""
    AdminAudit.record(actor, AuditAction.MEMBER_REINSTATE, f"member {member.handle}")
    db.session.commit()


def _board_errors(fields: dict) -> dict[str, str]:
    errors = {}
    if not (fields.get("name") or "").strip():
        errors["name"] = "Give the board a name."
    elif len(fields["name"]) > 100:
        errors["name"] = "Use at most 100 characters."
    if fields.get("strictness") not in (None, *strictness_levels()):
        errors["strictness"] = f"Use one of {', '.join(strictness_levels())}, or none to follow the rule set."
    return errors


def _board_dict(board: Board) -> dict:
    return {name: getattr(board, name) for name in ("slug", "name", "description", "guidelines", "strictness")}
