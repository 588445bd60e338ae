"""Moderators asking their supervisor for a check-in: after a tap-out, an item that stayed with them, or a
hard limit passed while they were the only one on duty.

One function makes every request, so each is stored, audited and announced live
to supervisors the same way whichever page, API route or service asked. Only
supervisors (admins, until the supervisor role exists) read the list; a
moderator reads only their own.
"""
from forum import live, messages
from forum.services import InvalidInput, NotAllowed
from models import AdminAudit, QueueItem, SupervisionRequest, User, db
from models.audit import AuditAction
from models.base import isoformat
from models.supervision import NOTE_MAX_LENGTH, REQUEST_KINDS, RequestKind


def request_check_in(moderator: User, kind: RequestKind | str, item: QueueItem | None = None,
                     note: str | None = None) -> SupervisionRequest:
    """Store a request for the supervisor on call, audit it and tell supervisors live (all in one commit)."""
    check_request(moderator, kind, note)
    request = SupervisionRequest(
        moderator_id=moderator.id, kind=RequestKind(kind).value, queue_item_id=item.id if item else None,
        note=(note or "").strip() or None,
    )
    db.session.add(request)
    db.session.flush()
    AdminAudit.record(moderator, AuditAction.SUPERVISION_REQUEST, f"member {moderator.handle}",
                      note=f"{request.kind} (request {request.id})")
    live.announce_to_supervisors(live.CHECK_IN, {
        "id": request.id, "kind": request.kind, "moderator": moderator.handle,
        "queue_item_id": request.queue_item_id, "created_at": isoformat(request.created_at),
    })
    db.session.commit()
    return request


def check_request(moderator: User, kind, note) -> None:
    """Refuse a request before anything else changes (tap-out validates first, then acts)."""
    if not moderator.is_moderator:
        raise NotAllowed("only moderators ask for supervision check-ins")
    fields = {}
    if kind not in REQUEST_KINDS:
        fields["kind"] = messages.CHECK_IN_KIND_INVALID
    if note is not None and not isinstance(note, str):
        fields["note"] = messages.CHECK_IN_NOTE_INVALID
    elif note is not None and len(note) > NOTE_MAX_LENGTH:
        fields["note"] = messages.CHECK_IN_NOTE_TOO_LONG
    if fields:
        raise InvalidInput(fields)


def requests_for(viewer: User, *, open_only: bool = False) -> list[SupervisionRequest]:
    """Every moderator's requests, newest first, for a supervisor; refused to anyone else."""
    if not viewer.is_supervisor:
        raise NotAllowed("only supervisors read check-in requests")
    return SupervisionRequest.newest_first(open_only=open_only)


def own_requests(moderator: User) -> list[SupervisionRequest]:
    """The moderator's own requests, so they can see what they asked for and whether it was answered."""
    return SupervisionRequest.newest_first(moderator=moderator)
