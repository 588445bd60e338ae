"""The engine's one entry point: text (and what we know of its setting) in, verdict out.

``review`` is the straight path. ``review_or_hold`` is what anything that
publishes must call: if screening raises or is too slow, the post is held for a
moderator with the reason "screening unavailable" - never published unscreened.
It is plain Python (a worker thread and a deadline) so web requests and queue
workers fail closed in exactly the same way.
"""
import logging
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as DeadlineMissed
from dataclasses import replace

from moderation.contagion import pack
from moderation.policy import UNKNOWN_VERSION, decide, unavailable_verdict
from moderation.rules import PreparedText, RuleSet
from moderation.verdict import ReviewContext, Verdict

__all__ = ["ReviewContext", "Verdict", "review", "review_or_hold", "review_under", "review_under_or_hold"]

log = logging.getLogger(__name__)


def review(
    text: str, context: ReviewContext | None = None, *, classifier=None, ruleset: RuleSet | None = None
) -> Verdict:
    """Score, match rules and decide; ``classifier`` and ``ruleset`` default to the live ones."""
    return review_under(text, [ruleset or RuleSet.default()], context, classifier=classifier)[0]


def review_under(
    text: str, rulesets: list[RuleSet], context: ReviewContext | None = None, *, classifier=None
) -> list[Verdict]:
    """The verdict of each rule set on one text, scored once: the model is the slow part, rules are cheap.

    This is how an admin compares a draft with the active version side by side.
    """
    if classifier is None:
        from moderation.classifier import TriggerClassifier

        classifier = TriggerClassifier.load()
    context = context or ReviewContext()
    prepared = PreparedText.of(text)
    [scores], embeddings = classifier.score_and_embed([prepared.original])
    embedding = pack(embeddings[0])
    return [
        replace(decide(scores, ruleset.evaluate(prepared, context), ruleset, context,
                       model_version=classifier.version), embedding=embedding)
        for ruleset in rulesets
    ]


def review_or_hold(
    text: str,
    context: ReviewContext | None = None,
    *,
    timeout_s: float,
    classifier=None,
    ruleset: RuleSet | None = None,
) -> Verdict:
    """``review`` with a deadline; any failure or overrun becomes a hold for a person."""
    return review_under_or_hold(
        text, [ruleset or RuleSet.default()], context, timeout_s=timeout_s, classifier=classifier
    )[0]


def review_under_or_hold(
    text: str, rulesets: list[RuleSet], context: ReviewContext | None = None, *, timeout_s: float, classifier=None
) -> list[Verdict]:
    """``review_under`` with a deadline; on any failure or overrun every rule set's verdict is a hold.

    A fresh daemon thread per call (rather than a pool) means a screening that
    hangs can never starve the next post of a worker.
    """
    future: Future = Future()

    def screen() -> None:
        try:
            future.set_result(review_under(text, rulesets, context, classifier=classifier))
        except Exception as error:
            future.set_exception(error)

    threading.Thread(target=screen, name="harbour-review", daemon=True).start()
    try:
        return future.result(timeout=timeout_s)
    except DeadlineMissed:
        problem = f"no verdict within {timeout_s:g} s"
    except Exception as error:
        problem = f"{type(error).__name__}: {error}"
    log.warning("screening unavailable, holding post: %s", problem)
    model_version = getattr(classifier, "version", UNKNOWN_VERSION)
    return [unavailable_verdict(problem, model_version=model_version, ruleset_version=r.version) for r in rulesets]
