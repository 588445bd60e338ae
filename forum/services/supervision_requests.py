"""Moderators asking their supervisor for a check-in: after a tap-out, an item that stayed with them, or a
hard limit passed while they were the only one on duty; and the supervisor answering, with a private note.

One function makes every request, so each is stored, audited and told to the
supervisor on call (``supervision.on_call_for``: a live event to them alone and
a notification) the same way whichever page, API route or service asked.
Who reads what (``forum.services.supervision``): a moderator their own
requests; their supervisor, and admins, the requests; the moderator's own words
on a request their supervisor only; a supervisor's note its author and that
moderator only.
"""
from sqlalchemy import update

from forum import live, messages
from forum.services import InvalidInput, NotAllowed, supervision
from models import AdminAudit, Notification, QueueItem, SupervisionNote, SupervisionRequest, User, db
from models.audit import AuditAction
from models.base import isoformat, utcnow
from models.supervision import NOTE_MAX_LENGTH, REQUEST_KINDS, RequestKind
from models.supervision_notes import NOTE_BODY_MAX_LENGTH

NOTIFICATION_KIND = "check_in_request"


class AlreadyAnswered(Exception):
    """Someone answered this request already."""


def request_check_in(moderator: User, kind: RequestKind | str, item: QueueItem | None = None,
                     note: str | None = None) -> SupervisionRequest:
    """Store a request for the supervisor on call, audit it and tell them (all in one commit)."""
    check_request(moderator, kind, note)
    request = SupervisionRequest(
        moderator_id=moderator.id, kind=RequestKind(kind).value, queue_item_id=item.id if item else None,
        note=(note or "").strip() or None,
    )
    db.session.add(request)
    db.session.flush()
    AdminAudit.record(moderator, AuditAction.SUPERVISION_REQUEST, f"member {moderator.handle}",
                      note=f"{request.kind} (request {request.id})")
    _tell_on_call(moderator, request)
    db.session.commit()
    return request


def _tell_on_call(moderator: User, request: SupervisionRequest) -> None:
    """A live event to each person on call (never the moderator's words) and a notification that waits for them."""
    payload = {"id": request.id, "kind": request.kind, "moderator": moderator.handle,
               "queue_item_id": request.queue_item_id, "created_at": isoformat(request.created_at)}
    for person in supervision.on_call_for(moderator):
        live.announce_event(live.CHECK_IN, payload, room=live.user_room(person.id))
        db.session.add(Notification(user_id=person.id, kind=NOTIFICATION_KIND, message=messages.CHECK_IN_ASKED.format(
            handle=moderator.handle, kind=messages.CHECK_IN_KIND_LABELS[request.kind])))


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
    """The requests of the moderators ``viewer`` looks after (admins: everyone's), newest first."""
    if not viewer.is_supervisor:
        raise NotAllowed("only supervisors read check-in requests")
    return [request for request in SupervisionRequest.newest_first(open_only=open_only)
            if supervision.sees_load(viewer, request.moderator)]


def visible_request(viewer: User, request_id: int) -> SupervisionRequest | None:
    """The request, if ``viewer`` made it or looks after the moderator who did; else None (a 404)."""
    request = db.session.get(SupervisionRequest, request_id)
    if request is None or (request.moderator_id != viewer.id and not supervision.sees_load(viewer, request.moderator)):
        return None
    return request


def request_dict(viewer: User, request: SupervisionRequest) -> dict:
    """The request as ``viewer`` may read it: the moderator's words and the private note only for the two of them."""
    data = request.to_dict()
    mine = viewer.id == request.moderator_id
    if not (mine or supervision.supervises(viewer, request.moderator)):
        data["note"] = None
    note = SupervisionNote.for_request(request.id)
    data["private_note"] = note.to_dict() if note and (mine or note.author_id == viewer.id) else None
    return data


def answer(viewer: User, request: SupervisionRequest, note: str | None = None) -> SupervisionRequest:
    """Answer (close) a request, with an optional private note; audited, never with the note's words."""
    if request.moderator_id == viewer.id or not supervision.sees_load(viewer, request.moderator):
        raise NotAllowed("only the moderator's supervisor or an admin answers a request")
    if note is not None:
        _store_note(viewer, request, note)
    # One conditional UPDATE, like a queue claim: of two supervisors answering at once, one wins.
    answered = db.session.execute(
        update(SupervisionRequest)
        .where(SupervisionRequest.id == request.id, SupervisionRequest.answered_at.is_(None))
        .values(answered_at=utcnow(), answered_by_id=viewer.id)
        .execution_options(synchronize_session=False)
    )
    if answered.rowcount != 1:
        db.session.rollback()
        raise AlreadyAnswered(f"request {request.id}")
    AdminAudit.record(viewer, AuditAction.SUPERVISION_ANSWER, f"member {request.moderator.handle}",
                      note=f"{request.kind} (request {request.id})")
    db.session.commit()  # expires ``request``, so it reads the stored answer
    return request


def write_note(viewer: User, request: SupervisionRequest, body) -> SupervisionNote:
    """Write or change the request's private note: the moderator's own supervisor only; audited without its words."""
    note = _store_note(viewer, request, body)
    db.session.commit()
    return note


def _store_note(viewer: User, request: SupervisionRequest, body) -> SupervisionNote:
    if not supervision.supervises(viewer, request.moderator):
        raise NotAllowed("only the moderator's own supervisor writes a note")
    if not isinstance(body, str) or not body.strip() or len(body) > NOTE_BODY_MAX_LENGTH:
        raise InvalidInput({"note": messages.SUPERVISION_NOTE_INVALID})
    note = SupervisionNote.for_request(request.id)
    if note is not None and note.author_id != viewer.id:
        raise NotAllowed("only the note's author changes it")
    if note is None:
        note = SupervisionNote(request_id=request.id, author_id=viewer.id, body=body.strip())
        db.session.add(note)
    note.body = body.strip()
    AdminAudit.record(viewer, AuditAction.SUPERVISION_NOTE, f"member {request.moderator.handle}",
                      note=f"request {request.id}")
    return note


def own_requests(moderator: User) -> list[SupervisionRequest]:
    """The moderator's own requests, so they can see what they asked for and whether it was answered."""
    return SupervisionRequest.newest_first(moderator=moderator)
