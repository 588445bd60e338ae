"""One-time submission keys: a retried post (after a timeout, a 500, a double click) is shown again, never stored twice.

``once`` checks a key before anything is built; ``remember`` stores it in the
transaction that accepts the post; ``after_conflict`` turns the database's
refusal of a racing duplicate into the same answer as a plain retry.
"""
import hashlib
import json
from dataclasses import dataclass

from forum import messages
from forum.services import AlreadySubmitted, InvalidInput
from models import Post, Submission, User, db
from models.submissions import KEY_MAX_LENGTH


@dataclass(frozen=True)
class OneTimeKey:
    key: str
    fingerprint: str


def once(member: User, key: str | None, *submitted) -> OneTimeKey | None:
    """The key for this submission (None when the client sent none); raises ``AlreadySubmitted`` when the
    same words were stored under it before, ``InvalidInput`` when it was used for something else."""
    if key is None:
        return None
    if not isinstance(key, str) or not 0 < len(key) <= KEY_MAX_LENGTH or not key.isprintable():
        raise InvalidInput({"idempotency_key": messages.SUBMISSION_KEY_INVALID})
    fingerprint = hashlib.sha256(json.dumps(submitted, sort_keys=True, default=str).encode()).hexdigest()
    one_time = OneTimeKey(key, fingerprint)
    _raise_if_used(member, one_time)
    return one_time


def remember(member: User, one_time: OneTimeKey | None, post: Post) -> None:
    if one_time is not None:
        db.session.add(Submission(user_id=member.id, key=one_time.key, fingerprint=one_time.fingerprint, post=post))


def after_conflict(member: User, one_time: OneTimeKey | None) -> None:
    """After a failed commit (already rolled back): if a racing twin stored this key, answer as a retry."""
    if one_time is not None:
        _raise_if_used(member, one_time)


def _raise_if_used(member: User, one_time: OneTimeKey) -> None:
    seen = Submission.find(member, one_time.key)
    if seen is None:
        return
    if seen.fingerprint != one_time.fingerprint:
        raise InvalidInput({"idempotency_key": messages.SUBMISSION_KEY_REUSED})
    raise AlreadySubmitted(seen.post)
