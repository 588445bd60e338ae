"""Members' personal word filters: which words a reader asked not to see, and whether a text has them.

Phrases are compared in one folded form (Unicode NFKC, then casefolded, runs of
space made one), so "Scars", "SCARS" and "ｓｃａｒｓ" are one filter, and they
match whole words only: filtering "cut" leaves "shortcut" and "cute" alone.
Each filter asks to collapse (the default) or hide; the strictest match wins,
like content notes in ``moderation.reading``.
"""
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from moderation.reading import Choice, Display

PHRASE_MAX_LENGTH = 60
FILTERS_MAX = 50
FILTER_CHOICES: tuple[str, ...] = (Choice.COLLAPSE.value, Choice.HIDE.value)
_WORD = re.compile(r"\w")


def fold(text: str) -> str:
    """The form phrases and texts are compared in."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def phrase_problem(phrase: str) -> str | None:
    """Why a phrase can't be a filter, in the member's words; None when it can."""
    if not fold(phrase):
        return "Write a word or phrase."
    if len(phrase.strip()) > PHRASE_MAX_LENGTH:
        return f"Keep it to {PHRASE_MAX_LENGTH} characters or fewer."
    if not _WORD.search(phrase) or any(unicodedata.category(ch) == "Cc" for ch in phrase):
        return "Use letters or numbers; a filter matches whole words."
    return None


@dataclass(frozen=True)
class WordFilters:
    """A reader's filters, compiled once per request: one pattern for hiding, one for collapsing."""

    hide: re.Pattern | None = None
    collapse: re.Pattern | None = None

    @classmethod
    def of(cls, filters: Iterable[tuple[str, str]]) -> "WordFilters":
        """From (folded phrase, choice) pairs."""
        by_choice: dict[str, list[str]] = {choice: [] for choice in FILTER_CHOICES}
        for phrase, choice in filters:
            by_choice[choice if choice in by_choice else Choice.COLLAPSE.value].append(phrase)
        return cls(_pattern(by_choice[Choice.HIDE.value]), _pattern(by_choice[Choice.COLLAPSE.value]))

    def display_for(self, *texts: str) -> str:
        """``hidden`` if any text has a phrase to hide, else ``collapsed`` if any has one to collapse."""
        if self.hide is None and self.collapse is None:
            return Display.SHOWN.value  # most readers have no filters: nothing to fold the texts for
        folded = [fold(text) for text in texts if text]
        if self.hide is not None and any(self.hide.search(text) for text in folded):
            return Display.HIDDEN.value
        if self.collapse is not None and any(self.collapse.search(text) for text in folded):
            return Display.COLLAPSED.value
        return Display.SHOWN.value


def _pattern(phrases: list[str]) -> re.Pattern | None:
    """Whole-word alternatives, longest first; a space in a phrase matches any run of space."""
    if not phrases:
        return None
    alternatives = [r"\s+".join(map(re.escape, phrase.split())) for phrase in sorted(set(phrases), key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
