"""From scores and rule findings to one decision about a post.

Every source of concern (a category score over its threshold, a rule that
fired, several categories together, a rule about the member) proposes an
action; the most severe wins. The only softening allowed: when a rule says the
author can fix a problem themselves (``edit``), that replaces the classifier's
``hold`` for the same category, so "leave out the numbers" goes straight back
to the author instead of waiting for a moderator. Nothing ever softens a crisis.
"""
from dataclasses import dataclass

from moderation import messages
from moderation.rules import RuleSet
from moderation.signposting import signposts_for
from moderation.taxonomy import CATEGORIES, SELF_HARM_CONTENT, Action, most_severe, severity
from moderation.verdict import Finding, ReviewContext, Verdict

UNAVAILABLE_RULE_ID = "engine.unavailable"
UNKNOWN_VERSION = "unknown"


@dataclass(frozen=True)
class _Concern:
    """One proposed action with the member-facing reason and the moderator-facing line for it.

    ``categories`` are what the reason is about, so the author hears it once even when a rule and the
    model both found it; a rule's reason is ``specific`` (it names what it matched) and is preferred.
    """

    action: str
    author_reason: str
    moderator_line: str
    categories: tuple[str, ...] = ()
    specific: bool = False


@dataclass(frozen=True)
class _ScoreHit:
    category: str
    action: str
    score: float
    threshold: float


def decide(
    scores: dict[str, float],
    findings: list[Finding],
    ruleset: RuleSet,
    context: ReviewContext,
    *,
    model_version: str,
) -> Verdict:
    """The verdict for one text; ``context.preview`` keeps member rules out of the action.

    Scores and findings come in ready-made so a backtest can re-decide stored
    scores under a new rule set without running the model again.
    """
    member_rules = ruleset.member_findings(context)
    level, factor = ruleset.strictness_of(context)
    hits = _score_hits(scores, ruleset, factor)
    strictness = messages.MODERATOR_STRICTNESS.format(level=level, factor=factor) if factor != 1 else ""
    author_fixable = {c for f in findings if f.action == Action.EDIT for c in f.categories}
    flagged_set = {hit.category for hit in hits} | {c for f in findings for c in f.categories}
    flagged = [c for c in CATEGORIES if c in flagged_set]

    concerns = [_score_concern(hit, author_fixable, strictness) for hit in hits]
    concerns += [_finding_concern(finding) for finding in findings]
    concerns += _combination_concerns(ruleset, flagged_set)
    if not context.preview:
        concerns += [_member_concern(rule, applied=True) for rule in member_rules]
    action = most_severe(concern.action for concern in concerns)
    warnings = [c for c in flagged if c in SELF_HARM_CONTENT] if action != Action.PUBLISH else []

    moderator_lines = [concern.moderator_line for concern in concerns]
    if context.preview:
        moderator_lines += [_member_concern(rule, applied=False).moderator_line for rule in member_rules]
    return Verdict(
        action=action,
        warnings=warnings,
        signposts=signposts_for(flagged, action),
        findings=list(findings),
        categories=dict(scores),
        flagged=flagged,
        member_rules=list(member_rules),
        explanation_for_author=_author_explanation(action, concerns, warnings),
        explanation_for_moderators=_moderator_explanation(action, moderator_lines, model_version, ruleset.version),
        model_version=model_version,
        ruleset_version=ruleset.version,
    )


def unavailable_verdict(
    error: str, *, model_version: str = UNKNOWN_VERSION, ruleset_version: str = UNKNOWN_VERSION
) -> Verdict:
    """Fail closed: a post that could not be screened is held for a person, never published."""
    finding = Finding(UNAVAILABLE_RULE_ID, (), Action.HOLD.value, messages.SCREENING_UNAVAILABLE_REASON)
    return Verdict(
        action=Action.HOLD.value,
        warnings=[],
        signposts=[],
        findings=[finding],
        categories={},
        flagged=[],
        member_rules=[],
        explanation_for_author=messages.SCREENING_UNAVAILABLE_FOR_AUTHOR,
        explanation_for_moderators=messages.MODERATOR_UNAVAILABLE.format(error=error),
        model_version=model_version,
        ruleset_version=ruleset_version,
    )


def _score_hits(scores: dict[str, float], ruleset: RuleSet, factor: float) -> list[_ScoreHit]:
    """For each category, the most severe action whose (board-adjusted) threshold the score reaches."""
    hits = []
    for category in CATEGORIES:
        score = scores.get(category, 0.0)
        reached = [
            _ScoreHit(category, action, score, threshold * factor)
            for action, threshold in ruleset.thresholds.get(category, {}).items()
            if score >= threshold * factor
        ]
        if reached:
            hits.append(max(reached, key=lambda hit: severity(hit.action)))
    return hits


def _score_concern(hit: _ScoreHit, author_fixable: set[str], strictness: str) -> _Concern:
    line = messages.MODERATOR_SCORE.format(
        category=hit.category, score=hit.score, threshold=hit.threshold, action=hit.action, strictness=strictness
    )
    if hit.action == Action.HOLD and hit.category in author_fixable:
        return _Concern(
            Action.EDIT.value,
            messages.category_reason(hit.category),
            f"{line}; " + messages.MODERATOR_EDIT_SUPERSEDES.format(category=hit.category),
            (hit.category,),
        )
    return _Concern(hit.action, messages.category_reason(hit.category), line, (hit.category,))


def _finding_concern(finding: Finding) -> _Concern:
    categories = f" [{', '.join(finding.categories)}]" if finding.categories else ""
    spans = ", ".join(f'"{span.text}"' for span in finding.spans) or finding.reason
    line = messages.MODERATOR_RULE.format(
        rule_id=finding.rule_id, action=finding.action, categories=categories, spans=spans
    )
    return _Concern(finding.action, finding.reason, line, tuple(finding.categories), specific=True)


def _combination_concerns(ruleset: RuleSet, flagged: set[str]) -> list[_Concern]:
    concerns = []
    for combination in ruleset.combinations:
        categories = combination["categories"]
        if flagged.issuperset(categories):
            line = messages.MODERATOR_COMBINATION.format(categories="+".join(categories), action=combination["action"])
            reason = " ".join(messages.category_reason(category) for category in categories)
            concerns.append(_Concern(combination["action"], reason, line))
    return concerns


def _member_concern(rule: Finding, *, applied: bool) -> _Concern:
    preview = "" if applied else messages.MODERATOR_PREVIEW
    line = messages.MODERATOR_MEMBER_RULE.format(rule_id=rule.rule_id, action=rule.action, preview=preview)
    return _Concern(rule.action, rule.reason, line)


def _author_explanation(action: str, concerns: list[_Concern], warnings: list[str]) -> str:
    """A headline for the action, then what to change: every reason at edit level or above, text first."""
    if action == Action.WARN:
        headline = messages.HEADLINES[action].format(labels=messages.content_labels(warnings))
        return f"{headline} {messages.WARN_SUPPORT}"
    if action in (Action.PUBLISH, Action.CRISIS):
        return messages.HEADLINES[action]
    serious = [c for c in concerns if severity(c.action) >= severity(Action.EDIT)]
    reasons = list(dict.fromkeys(concern.author_reason for concern in _once_per_category(serious)))
    closing = [messages.EDIT_INVITATION] if action == Action.EDIT else []
    return " ".join([messages.HEADLINES[action], *reasons, *closing])


def _once_per_category(concerns: list[_Concern]) -> list[_Concern]:
    """Drop a reason about categories another already covers, keeping rules' specific words first."""
    covered: set[str] = set()
    kept = []
    for concern in sorted(concerns, key=lambda c: not c.specific):
        if concern.categories and covered.issuperset(concern.categories):
            continue
        covered.update(concern.categories)
        kept.append(concern)
    return kept


def _moderator_explanation(action: str, lines: list[str], model_version: str, ruleset_version: str) -> str:
    """One fact per line: the action, each concern with its numbers, then the versions that decided."""
    parts = [messages.MODERATOR_ACTION.format(action=action), *(lines or [messages.MODERATOR_NOTHING])]
    parts.append(messages.MODERATOR_VERSIONS.format(model_version=model_version, ruleset_version=ruleset_version))
    return "\n".join(parts)
