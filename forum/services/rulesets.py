"""Rule-set versions for admins: drafts, checks, try-it, activation and rollback, each in the audit log.

The engine decides what a document means (``moderation.ruleset_schema``); this
module only turns admin requests into versions and audit rows.
"""
from forum.services import InvalidInput, screening
from models import AdminAudit, RuleSetStatus, RuleSetVersion, User, active_ruleset, db
from models.audit import AuditAction
from models.base import utcnow
from moderation.ruleset_schema import validate_document
from moderation.verdict import Verdict

NOTE_MAX_LENGTH = 2000
TRY_TEXT_MAX_LENGTH = 20000


class NotADraft(Exception):
    """Only drafts change; active and retired versions are history."""


def create_draft(actor: User, source: RuleSetVersion) -> RuleSetVersion:
    """A new draft copied from ``source``; its version label is left for Harbour to assign."""
    document = {key: value for key, value in source.document.items() if key != "version"}
    draft = RuleSetVersion(number=RuleSetVersion.next_number(), document=document, created_by=actor.id, based_on=source.id)
    db.session.add(draft)
    db.session.flush()
    AdminAudit.record(actor, AuditAction.RULESET_DRAFT, target_of(draft), note=f"copied from v{source.number}")
    db.session.commit()
    return draft


def update_draft(actor: User, draft: RuleSetVersion, document) -> RuleSetVersion:
    """Replace a draft's document; every problem comes back as a field error, nothing half-saved."""
    if not draft.is_draft:
        raise NotADraft(draft.id)
    errors = validate_document(document)
    if isinstance(document, dict) and "version" in document:
        errors["version"] = "Harbour numbers versions itself; leave this field out"
    if errors:
        raise InvalidInput(errors)
    before = draft.document
    draft.document = document
    AdminAudit.record(actor, AuditAction.RULESET_EDIT, target_of(draft), before=before, after=document)
    db.session.commit()
    return draft


def activate(actor: User, version: RuleSetVersion, note: str) -> RuleSetVersion:
    """Make ``version`` the one screening uses; activating a retired version is a rollback.

    The audit diff is against the version that was active, which is what the change did.
    """
    note = (note or "").strip()
    if not note:
        raise InvalidInput({"note": "Say in a sentence why this change is being made."})
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidInput({"note": f"Use at most {NOTE_MAX_LENGTH} characters."})
    if version.is_active:
        raise NotADraft(version.id)
    previous = RuleSetVersion.active()
    action = AuditAction.RULESET_ACTIVATE if version.is_draft else AuditAction.RULESET_ROLLBACK
    if previous is not None:
        previous.status = RuleSetStatus.RETIRED.value
        db.session.flush()  # the one-active index must see the old version retired first
    if version.is_draft:
        version.note = note
    version.status = RuleSetStatus.ACTIVE.value
    version.activated_at = utcnow()
    AdminAudit.record(
        actor, action, target_of(version), note=note, before=previous.document if previous else None, after=version.document
    )
    db.session.commit()
    return version


def try_text(version: RuleSetVersion, text: str, board: str | None = None) -> dict[str, Verdict]:
    """What ``version`` and the active version would each decide about ``text``, through the same screening
    as live posts (activated model, board strictness, deadline); the text is scored once."""
    text = text or ""
    if not text.strip():
        raise InvalidInput({"text": "Paste some text to try."})
    if len(text) > TRY_TEXT_MAX_LENGTH:
        raise InvalidInput({"text": f"Use at most {TRY_TEXT_MAX_LENGTH} characters."})
    tried, live = screening.try_rulesets(text, [version.ruleset(), active_ruleset()], board)
    return {"version": tried, "active": live}


def target_of(version: RuleSetVersion) -> str:
    return f"ruleset v{version.number}"
