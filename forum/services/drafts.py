"""What the compose form tells an author about a draft, live or with "Check my post".

Most drafts get the engine's kind words and, at most, the content notes the
author could tick themselves. A draft that suggests the writer may be in danger
gets help first instead: the crisis lines for their region with tap-to-call and
tap-to-text, their own safety plan, and the knowledge that a moderator will see
it. It is never asked to label itself.
"""
from forum import messages
from forum.help.signposts import crisis_resources
from forum.services.posts import AUTHOR_NOTE_CHOICES
from moderation.taxonomy import CATEGORY_LABELS, Action
from moderation.verdict import Verdict
from models import SafetyPlan, User


def compose_guidance(verdict: Verdict, member: User, author_notes=()) -> dict:
    """``suggested_notes`` are the notes the author can tick (the ones they have not ticked yet), so adding
    them is one click; ``help`` is set only for a crisis draft."""
    crisis = verdict.action == Action.CRISIS
    suggested = [] if crisis else [c for c in AUTHOR_NOTE_CHOICES if c in verdict.warnings and c not in author_notes]
    clear = verdict.action in (Action.PUBLISH, Action.WARN) and not suggested
    if crisis:
        closing = messages.DRAFT_CRISIS_CLOSING
    else:
        closing = messages.DRAFT_CLEAR if clear else messages.DRAFT_STILL_POSTABLE
    return {
        "action": verdict.action,
        "clear": clear,
        "crisis": crisis,
        "explanation": verdict.explanation_for_author,
        "suggested_notes": [{"category": c, "label": CATEGORY_LABELS[c]} for c in suggested],
        "help": _help(member) if crisis else None,
        "closing": closing,
    }


def _help(member: User) -> dict:
    plan = SafetyPlan.of(member)
    return {
        "resources": [_contact(resource) for resource in crisis_resources(member)],
        "has_safety_plan": plan is not None and not plan.is_empty,
    }


def _contact(resource) -> dict:
    return {
        "name": resource.name,
        "is_emergency": resource.is_emergency,
        "phone": resource.phone,
        "phone_href": resource.phone_href,
        "text_number": resource.text_number,
        "text_keyword": resource.text_keyword,
        "text_href": resource.text_href,
        "chat_url": resource.chat_url,
        "website": resource.website,
    }
