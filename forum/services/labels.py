"""Moderator decisions as training labels, with members' handles taken out of the text.

A label line is ``{"text", "categories", "decision", "model_version",
"ruleset_version", "appeal", "appeal_review"}``; ``moderation.corpus.load_label_export``
reads it back for training. Categories follow ``moderation.labels.implied_categories``.
``appeal`` is the outcome (upheld / overturned) of the author's appeal against the
decision, ``appeal_review`` the outcome this decision gave as the second look; an
overturned decision is a wrong label, and training leaves it out.
"""
import re

from models.queue import decisions_with_screenings
from moderation.labels import implied_categories

HANDLE_MENTION = re.compile(r"(?<![\w@])@\w[\w.-]*")
HANDLE_PLACEHOLDER = "@member"


def without_handles(text: str, handles: list[str]) -> str:
    """Replace every @mention and the named handles (as whole words, any case) with a placeholder."""
    text = HANDLE_MENTION.sub(HANDLE_PLACEHOLDER, text)
    for handle in filter(None, handles):
        text = re.sub(rf"(?<!\w){re.escape(handle)}(?!\w)", HANDLE_PLACEHOLDER, text, flags=re.IGNORECASE)
    return text


def label_lines() -> list[dict]:
    return [
        {
            "text": without_handles(row.text, [row.author, row.moderator]),
            "categories": implied_categories(row.decision, row.flagged, row.warnings_after),
            "decision": row.decision,
            "model_version": row.model_version,
            "ruleset_version": row.ruleset_version,
            "appeal": row.appeal,
            "appeal_review": row.appeal_review,
        }
        for row in decisions_with_screenings()
    ]
