"""What a draft rule set would have done to posts already screened, and how it agrees with moderators.

A backtest changes nothing. For each stored screening it re-decides the post
under the draft: when the record was scored by the live classifier's version,
its stored scores are reused and only rules and policy run again (cheap: 10,000
posts in seconds); otherwise the text is rescored in batches first.

Moderator decisions are compared through the action each one implies:

- ``approve`` -> ``publish``: the post was fine as written;
- ``approve_with_warning`` -> ``warn``: fine behind a content note;
- ``edit_and_approve`` and ``return_to_author`` -> ``edit``: the words needed changing;
- ``remove`` -> ``hold``: it should never have reached readers;
- ``escalate`` -> ``hold``: a person had to look further; a decision does not tell a
  crisis from a hold, so the draft's ``crisis`` counts as agreeing only when it says ``hold``.

Rules about the member (new-member pre-moderation) are not re-run, because
a backtest does not know who the author was then; the member rules stored with
each record still apply, so a new member's held post does not show as a flip.
Agreement with moderators, though, is judged on the words alone: a moderator
who approves a new member's post judged the text, not the probation, so that
hold never counts against the rules.
"""
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from moderation.policy import decide
from moderation.rules import PreparedText, RuleSet
from moderation.taxonomy import ACTIONS, Action, Decision, most_severe
from moderation.verdict import ReviewContext

RESCORE_BATCH = 64

IMPLIED_ACTION = {
    Decision.APPROVE.value: Action.PUBLISH.value,
    Decision.APPROVE_WITH_WARNING.value: Action.WARN.value,
    Decision.EDIT_AND_APPROVE.value: Action.EDIT.value,
    Decision.RETURN_TO_AUTHOR.value: Action.EDIT.value,
    Decision.REMOVE.value: Action.HOLD.value,
    Decision.ESCALATE.value: Action.HOLD.value,
}


@dataclass(frozen=True)
class PastScreening:
    """One stored screening, as the backtest needs it: no database rows, plain values."""

    record_id: int
    post_id: int
    text: str
    scores: dict[str, float]
    model_version: str
    action: str
    decision: str | None = None
    member_actions: tuple[str, ...] = ()
    context: ReviewContext = field(default_factory=ReviewContext)


@dataclass(frozen=True)
class Flip:
    record_id: int
    post_id: int
    text: str
    before: str
    after: str
    decision: str | None

    def to_dict(self) -> dict:
        return {"record_id": self.record_id, "post_id": self.post_id, "text": self.text,
                "from": self.before, "to": self.after, "decision": self.decision}


@dataclass
class BacktestResult:
    """Counts, the confusion table ``confusion[implied][draft]`` and precision/recall per action."""

    ruleset_version: str
    total: int = 0
    rescored: int = 0
    changes: dict[tuple[str, str], int] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=lambda: {a: dict.fromkeys(ACTIONS, 0) for a in ACTIONS})
    flips: list[Flip] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(self.changes.values())

    @property
    def decided(self) -> int:
        return sum(sum(row.values()) for row in self.confusion.values())

    def precision_recall(self) -> dict[str, dict]:
        """Per action: of the posts the draft gave it, how many moderators agreed (precision);
        of the posts moderators implied it for, how many the draft gave it (recall). None where undefined."""
        scores = {}
        for action in ACTIONS:
            agreed = self.confusion[action][action]
            predicted = sum(self.confusion[implied][action] for implied in ACTIONS)
            actual = sum(self.confusion[action].values())
            scores[action] = {
                "precision": agreed / predicted if predicted else None,
                "recall": agreed / actual if actual else None,
                "predicted": predicted,
                "actual": actual,
            }
        return scores

    def to_dict(self, max_flips: int | None = None) -> dict:
        """Plain JSON; ``max_flips`` keeps the stored list short while ``changed`` still counts them all."""
        return {
            "ruleset_version": self.ruleset_version,
            "total": self.total,
            "rescored": self.rescored,
            "changed": self.changed,
            "decided": self.decided,
            "changes": [{"from": a, "to": b, "count": n} for (a, b), n in sorted(self.changes.items())],
            "confusion": self.confusion,
            "per_action": self.precision_recall(),
            "flips": [flip.to_dict() for flip in self.flips[:max_flips]],
        }


def backtest(
    history: Iterable[PastScreening],
    ruleset: RuleSet,
    *,
    classifier,
    progress: Callable[[int], None] | None = None,
    batch_size: int = RESCORE_BATCH,
) -> BacktestResult:
    """Re-decide every past screening under ``ruleset``; ``progress`` hears how many are done, batch by batch.

    ``classifier`` is the live model (anything with ``version`` and ``score(texts)``); it only runs
    for records an older version scored.
    """
    result = BacktestResult(ruleset.version)
    batch: list[PastScreening] = []
    for past in history:
        batch.append(past)
        if len(batch) >= batch_size:
            _run_batch(batch, ruleset, classifier, result)
            batch = []
            if progress:
                progress(result.total)
    if batch:
        _run_batch(batch, ruleset, classifier, result)
    if progress:
        progress(result.total)
    return result


def _run_batch(batch: list[PastScreening], ruleset: RuleSet, classifier, result: BacktestResult) -> None:
    """Decide one batch, rescoring together the records an older model version scored."""
    stale = [past for past in batch if past.model_version != classifier.version]
    fresh_scores = dict(zip((past.record_id for past in stale), classifier.score([past.text for past in stale])))
    result.rescored += len(stale)
    for past in batch:
        scores = fresh_scores.get(past.record_id, past.scores)
        context = replace(past.context, author_published_posts=None, preview=False)
        findings = ruleset.evaluate(PreparedText.of(past.text), context)
        verdict = decide(scores, findings, ruleset, context, model_version=classifier.version)
        _count(result, past, most_severe([verdict.action, *past.member_actions]), verdict.action)


def _count(result: BacktestResult, past: PastScreening, action: str, words_action: str) -> None:
    """``action`` is what the post would get (flips); ``words_action`` what its text alone gets (agreement)."""
    result.total += 1
    if action != past.action:
        key = (past.action, action)
        result.changes[key] = result.changes.get(key, 0) + 1
        result.flips.append(Flip(past.record_id, past.post_id, past.text, past.action, action, past.decision))
    implied = IMPLIED_ACTION.get(past.decision or "")
    if implied is not None:
        result.confusion[implied][words_action] += 1
