"""Tapping out: one step that lets a moderator stop now.

It gives their claims back to the queue (announced, so others see the items
free at once), ends their shift, ends any break, and asks the supervisor on
call to check in, all in one transaction; then it offers the moderator their
own safety plan and the support lines for their region, as Harbour offers its
members. "This one stayed with me" asks for a check-in about one item without
stopping.
"""
from dataclasses import dataclass

from forum.help.signposts import signpost_resources
from forum.services import duty, queue
from forum.services.supervision_requests import check_request, request_check_in
from moderation.signposting import ResourceKey
from models import QueueItem, RequestKind, Resource, SafetyPlan, ShiftEnd, SupervisionRequest, User
from models.base import utcnow
from models.exposure import ModeratorBreak

SUPPORT_KEYS = (ResourceKey.CRISIS.value, ResourceKey.SELF_HARM.value)


@dataclass(frozen=True)
class TapOut:
    released: int
    request: SupervisionRequest


def tap_out(moderator: User, note: str | None = None) -> TapOut:
    check_request(moderator, RequestKind.TAP_OUT, note)
    released = queue.release_claims(moderator)
    duty.end_shift(moderator, ShiftEnd.TAP_OUT)
    running = ModeratorBreak.latest(moderator)
    if running is not None and running.is_running:
        running.ended_at = utcnow()
    return TapOut(released, request_check_in(moderator, RequestKind.TAP_OUT, note=note))  # commits it all


def stayed_with_me(moderator: User, item: QueueItem, note: str | None = None) -> SupervisionRequest:
    return request_check_in(moderator, RequestKind.STAYED_WITH_ME, item, note)


def own_support(moderator: User) -> tuple[SafetyPlan | None, list[Resource]]:
    """The moderator's own safety plan (theirs alone) and the support lines for their region."""
    return SafetyPlan.of(moderator), signpost_resources(SUPPORT_KEYS, moderator)
