"""Harbour's safety vocabulary, defined once.

Every other module imports these names instead of re-spelling them, so that a
category or action can be renamed or added in exactly one place.
"""
from enum import Enum


class Category(str, Enum):
    """What a text would do to a vulnerable reader, whoever it is about."""

    SELF_HARM_MENTION = "self_harm_mention"
    SUICIDAL_IDEATION = "suicidal_ideation"
    IMMINENT_RISK = "imminent_risk"
    METHOD_DETAIL = "method_detail"
    GRAPHIC_INJURY = "graphic_injury"
    NUMBERS = "numbers"
    DISORDERED_EATING = "disordered_eating"
    ENCOURAGEMENT = "encouragement"
    CONTACT_SHARING = "contact_sharing"
    HARASSMENT = "harassment"


CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)

# Categories that count as "self-harm content" for the union metric and for
# reader-facing content notes; contact sharing and harassment are safety
# concerns of a different kind.
SELF_HARM_CONTENT: tuple[str, ...] = tuple(
    c for c in CATEGORIES if c not in (Category.CONTACT_SHARING, Category.HARASSMENT)
)

# What imitation and comparison look like in a post: the contagion guard (``moderation.contagion``) counts a
# group of similar posts as a cluster only when these are among what was found in them.
IMITATION_CATEGORIES: tuple[str, ...] = tuple(
    c.value for c in (Category.METHOD_DETAIL, Category.GRAPHIC_INJURY, Category.NUMBERS, Category.ENCOURAGEMENT)
)

# The content notes an author may put on their own post: what the guidelines allow behind a note.
# Method details, injuries, numbers and encouragement are not allowed at all, so no note can make
# them acceptable; someone in immediate danger needs help, not a label.
AUTHOR_NOTE_CATEGORIES: tuple[str, ...] = tuple(
    c.value for c in (Category.SELF_HARM_MENTION, Category.SUICIDAL_IDEATION, Category.DISORDERED_EATING)
)

# What a moderator past their hard limit stops being offered while someone else on duty can take it
# (with crisis items): someone in immediate danger, and injuries described.
HARD_LIMIT_CATEGORIES: tuple[str, ...] = tuple(c.value for c in (Category.IMMINENT_RISK, Category.GRAPHIC_INJURY))

CATEGORY_LABELS: dict[str, str] = {
    Category.SELF_HARM_MENTION: "self-harm",
    Category.SUICIDAL_IDEATION: "suicidal thoughts",
    Category.IMMINENT_RISK: "someone in immediate danger",
    Category.METHOD_DETAIL: "method details",
    Category.GRAPHIC_INJURY: "descriptions of injuries",
    Category.NUMBERS: "numbers",
    Category.DISORDERED_EATING: "eating difficulties",
    Category.ENCOURAGEMENT: "encouragement or comparison",
    Category.CONTACT_SHARING: "contact details",
    Category.HARASSMENT: "unkind words",
}

# The order moderators see an item's reasons in: someone in danger first, then what could harm a
# vulnerable reader most. Queue priorities and reasons are both sorted by it.
CATEGORY_SEVERITY: tuple[str, ...] = tuple(
    c.value
    for c in (
        Category.IMMINENT_RISK,
        Category.SUICIDAL_IDEATION,
        Category.METHOD_DETAIL,
        Category.ENCOURAGEMENT,
        Category.GRAPHIC_INJURY,
        Category.CONTACT_SHARING,
        Category.SELF_HARM_MENTION,
        Category.DISORDERED_EATING,
        Category.NUMBERS,
        Category.HARASSMENT,
    )
)


def category_rank(category: str) -> int:
    """0 for the most severe category; anything unknown sorts after every known one."""
    return CATEGORY_SEVERITY.index(category) if category in CATEGORY_SEVERITY else len(CATEGORY_SEVERITY)


class Action(str, Enum):
    """What screening does with a post, listed from least to most severe."""

    PUBLISH = "publish"
    WARN = "warn"
    EDIT = "edit"
    HOLD = "hold"
    CRISIS = "crisis"


ACTIONS: tuple[str, ...] = tuple(a.value for a in Action)
_SEVERITY = {action: rank for rank, action in enumerate(ACTIONS)}


def severity(action: str) -> int:
    """Rank of an action; the most severe action found wins."""
    return _SEVERITY[Action(action).value]


def most_severe(actions) -> str:
    """The most severe of several actions (publish when there are none)."""
    return max((Action(a).value for a in actions), key=severity, default=Action.PUBLISH.value)


class Decision(str, Enum):
    """What a moderator can do with a queue item; each decision is also a label for retraining."""

    APPROVE = "approve"
    APPROVE_WITH_WARNING = "approve_with_warning"
    EDIT_AND_APPROVE = "edit_and_approve"
    RETURN_TO_AUTHOR = "return_to_author"
    REMOVE = "remove"
    ESCALATE = "escalate"


DECISIONS: tuple[str, ...] = tuple(d.value for d in Decision)

# Decisions an author may appeal once: those that keep their words from others.
APPEALABLE_DECISIONS: tuple[str, ...] = (Decision.RETURN_TO_AUTHOR.value, Decision.REMOVE.value)


class AppealOutcome(str, Enum):
    """What became of an appeal: a second moderator upheld or overturned the decision (an overturned
    decision's label gives way to the review's), or the author changed the words, which withdraws it."""

    UPHELD = "upheld"
    OVERTURNED = "overturned"
    WITHDRAWN = "withdrawn"


APPEAL_OUTCOMES: tuple[str, ...] = tuple(o.value for o in AppealOutcome)


class ReportReason(str, Enum):
    """Why a member reports a post; worry about the writer is the most urgent."""

    TRIGGERING = "triggering"
    UNKIND = "unkind"
    CONTACT_SHARING = "contact_sharing"
    WORRIED = "worried"
    OTHER = "other"


REPORT_REASONS: tuple[str, ...] = tuple(r.value for r in ReportReason)
