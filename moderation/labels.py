"""What a moderator's decision says about a post's categories: the label used for training and agreement.

- ``approve``: none; the moderator found nothing to keep.
- ``approve_with_warning``: the content notes the moderator kept on it.
- every other decision (edit and approve, return to author, remove, escalate): the
  categories screening flagged, which the moderator upheld by acting on them.
"""
from moderation.taxonomy import CATEGORIES, Decision


def implied_categories(decision: str, flagged: list[str], warnings_after: list[str]) -> list[str]:
    if decision == Decision.APPROVE:
        return []
    kept = warnings_after if decision == Decision.APPROVE_WITH_WARNING else flagged
    return [category for category in CATEGORIES if category in kept]
