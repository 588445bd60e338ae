"""The values that travel between rules, policy and the forum.

They are plain, immutable data with ``to_dict()`` so a verdict can be stored as
a screening record, returned by the API, or compared in a backtest without any
of the engine's machinery attached.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Where a rule matched, in the ORIGINAL text, so moderators see the exact words."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Finding:
    """One rule that fired: what it implies, what it asks for, and why, in the author's words."""

    rule_id: str
    categories: tuple[str, ...]
    action: str
    reason: str
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict:
        return {
            "rule_id": self.rule_id,
            "categories": list(self.categories),
            "action": self.action,
            "reason": self.reason,
            "spans": [span.to_dict() for span in self.spans],
        }


@dataclass(frozen=True)
class ReviewContext:
    """What the engine may know about where and by whom a text is posted.

    ``author_published_posts`` is None when the author is unknown (a benchmark,
    a backtest of text alone); member rules then stay silent rather than guess.
    ``preview`` marks a compose-time check: member rules are reported but do not
    change the action, because they are about the member, not the words.
    """

    board: str | None = None
    board_strictness: str | None = None
    author_published_posts: int | None = None
    is_reply: bool = False
    region: str | None = None
    preview: bool = False


@dataclass(frozen=True)
class Verdict:
    """The engine's one answer about a text; the forum turns it into rows and pages."""

    action: str
    warnings: list[str]
    signposts: list[str]
    findings: list[Finding]
    categories: dict[str, float]
    flagged: list[str]
    member_rules: list[Finding]
    explanation_for_author: str
    explanation_for_moderators: str
    model_version: str
    ruleset_version: str
    # The text's sentence embedding (float16 bytes, ``moderation.contagion.pack``), kept with the screening
    # record for the contagion guard; not part of ``to_dict``, which is what people and the API read.
    embedding: bytes | None = None

    def to_dict(self) -> dict:
        return {
            "action": self.action,
            "warnings": list(self.warnings),
            "signposts": list(self.signposts),
            "findings": [finding.to_dict() for finding in self.findings],
            "categories": dict(self.categories),
            "flagged": list(self.flagged),
            "member_rules": [finding.to_dict() for finding in self.member_rules],
            "explanation_for_author": self.explanation_for_author,
            "explanation_for_moderators": self.explanation_for_moderators,
            "model_version": self.model_version,
            "ruleset_version": self.ruleset_version,
        }
