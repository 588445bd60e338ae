"""Rule sets: the community's own, versioned idea of what needs a second look.

A rule set is a JSON document (the default ships in moderation/data/rulesets/,
admins edit copies stored in the database), so changing what counts as
triggering never means changing code. ``ruleset_schema`` says what a document
may contain; ``RuleSet`` compiles a valid one into matchers and finds the rule
hits in a post, with spans in the text the author wrote.

Document shape (see default.json):
    version            string; a content hash is used when absent
    thresholds         {category: {action: probability}}
    combinations       [{categories: [...], action}]  several categories together
    rules              [{id, kind: phrase|pattern, match, action, categories, reason, boards, note}]
    allow              [phrases]  cancel any finding they overlap; "#" stands for any number
    links, contact, numbers   an action, or "allow" to switch that built-in detector off
    new_member_hold    a member's first N posts are held (0 switches it off)
    strictness         {level: factor in (0, 1]}  thresholds are multiplied by the factor
    board_strictness   {board slug: level}
    pattern_timeout_ms time limit for each pattern rule on each post
"""
import hashlib
import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import regex

from moderation import detectors, messages
from moderation.ruleset_schema import DEFAULTS, SWITCH_OFF, RuleSetError, validate_document
from moderation.taxonomy import Action
from moderation.text import normalise, normalise_with_offsets
from moderation.verdict import Finding, ReviewContext, Span

DEFAULT_PATH = Path(__file__).parent / "data" / "rulesets" / "default.json"
MEMBER_RULE_PREFIX = "member."  # rules about the author rather than the words
NEW_MEMBER_RULE_ID = f"{MEMBER_RULE_PREFIX}new_member"
STANDARD_STRICTNESS = "standard"


@dataclass(frozen=True)
class PreparedText:
    """A post as rules see it: the original, its normalised form, and the way back."""

    original: str
    normalised: str
    offsets: list[int]

    @classmethod
    def of(cls, text: str) -> "PreparedText":
        normalised, offsets = normalise_with_offsets(text)
        return cls(text, normalised, offsets)

    def original_span(self, start: int, end: int, *, normalised: bool) -> Span:
        if normalised:
            mapped = self.offsets[start:end]
            start, end = min(mapped), max(mapped) + 1
        return Span(start, end, self.original[start:end])


@dataclass(frozen=True)
class _Rule:
    id: str
    pattern: "regex.Pattern"
    action: str
    categories: tuple[str, ...]
    reason: str
    boards: frozenset[str]

    def applies_to(self, board: str | None) -> bool:
        return not self.boards or board in self.boards


def _phrase_pattern(phrase: str) -> str:
    """Words of the normalised phrase with any spacing or punctuation between them, whole words only."""
    pieces = []
    for part in phrase.split("#"):
        words = normalise(part).split() if part.strip() else []
        pieces.append(r"[\W_]*".join(regex.escape(word) for word in words))
    body = r"[\W_]*\d+(?:[.,]\d+)?[\W_]*".join(pieces)
    return rf"(?<!\w){body}(?!\w)"


class RuleSet:
    """A validated rule-set document, compiled once and used for many posts."""

    def __init__(self, document: dict):
        errors = validate_document(document)
        if errors:
            raise RuleSetError(errors)
        self.document = document
        settings = {**DEFAULTS, **document}
        self.version: str = settings["version"] or _content_hash(document)
        self.thresholds: dict[str, dict[str, float]] = document["thresholds"]
        self.combinations: list[dict] = settings["combinations"]
        self.new_member_hold: int = settings["new_member_hold"]
        self.strictness: dict[str, float] = settings["strictness"]
        self.board_strictness: dict[str, str] = settings["board_strictness"]
        self._timeout_s = settings["pattern_timeout_ms"] / 1000
        self._rules = [_compile_rule(rule) for rule in settings["rules"]]
        self._allow = [regex.compile(_phrase_pattern(phrase)) for phrase in settings["allow"]]
        self._detectors = [
            (detector, settings[detector.group])
            for detector in detectors.DETECTORS
            if settings[detector.group] != SWITCH_OFF
        ]

    @classmethod
    def from_json(cls, path: Path) -> "RuleSet":
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def default(cls) -> "RuleSet":
        """The shipped rule set, compiled once per process."""
        return _default_ruleset()

    def strictness_of(self, context: ReviewContext) -> tuple[str, float]:
        """The board's level and threshold factor; an unknown level errs on the strict side."""
        level = context.board_strictness or self.board_strictness.get(context.board or "", STANDARD_STRICTNESS)
        if level in self.strictness:
            return level, self.strictness[level]
        return level, min(self.strictness.values(), default=1.0)

    def evaluate(self, text: PreparedText, context: ReviewContext) -> list[Finding]:
        """Findings about the words, with spans in the original text; allow-listed matches removed."""
        findings = [
            Finding(detector.rule_id, detector.categories, action, detector.reason, spans)
            for detector, action in self._detectors
            if (spans := self._detector_spans(detector, text))
        ]
        findings.extend(
            finding for rule in self._rules if rule.applies_to(context.board)
            if (finding := self._rule_finding(rule, text))
        )
        return self._without_allowed(findings, text)

    def member_findings(self, context: ReviewContext) -> list[Finding]:
        """Findings about the author rather than the words (new-member pre-moderation)."""
        published = context.author_published_posts
        if published is None or published >= self.new_member_hold:
            return []
        reason = messages.new_member_reason(self.new_member_hold)
        return [Finding(NEW_MEMBER_RULE_ID, (), Action.HOLD.value, reason)]

    def _detector_spans(self, detector: detectors.Detector, text: PreparedText) -> tuple[Span, ...]:
        source = text.normalised if detector.reads_normalised else text.original
        return tuple(
            text.original_span(start, end, normalised=detector.reads_normalised)
            for start, end in detector.matches(source)
        )

    def _rule_finding(self, rule: _Rule, text: PreparedText) -> Finding | None:
        try:
            matches = list(rule.pattern.finditer(text.normalised, timeout=self._timeout_s))
        except TimeoutError:
            return Finding(rule.id, (), Action.HOLD.value, messages.PATTERN_TIMED_OUT_REASON)
        spans = tuple(text.original_span(*m.span(), normalised=True) for m in matches if m.end() > m.start())
        return Finding(rule.id, rule.categories, rule.action, rule.reason, spans) if spans else None

    def _without_allowed(self, findings: list[Finding], text: PreparedText) -> list[Finding]:
        """Drop the spans an allow-list phrase overlaps, and any finding left with none."""
        allowed = [
            text.original_span(*m.span(), normalised=True)
            for pattern in self._allow
            for m in pattern.finditer(text.normalised)
            if m.end() > m.start()
        ]
        kept = []
        for finding in findings:
            spans = tuple(span for span in finding.spans if not any(_overlap(span, a) for a in allowed))
            if spans or not finding.spans:
                kept.append(replace(finding, spans=spans))
        return kept


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _compile_rule(rule: dict) -> _Rule:
    source = rule["match"] if rule["kind"] == "pattern" else _phrase_pattern(rule["match"])
    return _Rule(
        id=rule["id"],
        pattern=regex.compile(source, regex.IGNORECASE),
        action=rule["action"],
        categories=tuple(rule.get("categories", [])),
        reason=rule["reason"],
        boards=frozenset(rule.get("boards", [])),
    )


def _content_hash(document: dict) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    return "sha256:" + hashlib.sha256(canonical).hexdigest()[:12]


@lru_cache(maxsize=1)
def _default_ruleset() -> RuleSet:
    return RuleSet.from_json(DEFAULT_PATH)
