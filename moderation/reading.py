"""How a post with content notes is shown to one reader, from that reader's choices.

Readers choose per category to show, collapse or hide; the strictest choice
among a post's notes wins, so a post is never shown more openly than any of its
notes allows. Readers who have chosen nothing (or are not logged in) get the
safe default, collapse, for every category, including ones added later.
"""
from enum import Enum
from typing import Iterable, Mapping

from moderation.taxonomy import CATEGORY_LABELS


class Choice(str, Enum):
    """What a reader asks for, per category."""

    SHOW = "show"
    COLLAPSE = "collapse"
    HIDE = "hide"


class Display(str, Enum):
    """How one post is rendered for one reader."""

    SHOWN = "shown"
    COLLAPSED = "collapsed"
    HIDDEN = "hidden"


CHOICES: tuple[str, ...] = tuple(c.value for c in Choice)
DEFAULT_CHOICE = Choice.COLLAPSE.value
DISPLAYS: tuple[str, ...] = tuple(d.value for d in Display)


def display_for(warnings: Iterable[str], choices: Mapping[str, str] | None) -> str:
    """``hidden`` if any note is hidden, else ``collapsed`` if any is collapsed, else ``shown``."""
    picked = {(choices or {}).get(warning, DEFAULT_CHOICE) for warning in warnings}
    if Choice.HIDE.value in picked:
        return Display.HIDDEN.value
    if Choice.COLLAPSE.value in picked:
        return Display.COLLAPSED.value
    return Display.SHOWN.value


def note_labels(warnings: Iterable[str]) -> list[str]:
    """The reader-facing words for a post's notes ("self-harm", "suicidal thoughts")."""
    return [CATEGORY_LABELS.get(warning, warning) for warning in warnings]
