"""Asking the engine about a post: the context it may know, the live rule set, the deadline.

Everything that screens (new posts, edits, compose-time previews) goes through
here, so all of them see the same rules and fail closed the same way.
"""
import logging
import time

from flask import current_app

from moderation.review import review_or_hold
from moderation.rules import DEFAULT_PATH, RuleSet
from moderation.verdict import ReviewContext, Verdict
from models import Board, Post, User

RULESET_KEY = "harbour.ruleset"

log = logging.getLogger(__name__)


def active_ruleset() -> RuleSet:
    """The shipped rule set with this deployment's overrides, compiled once per app.

    Admin-edited rule sets in the database will replace this lookup.
    """
    ruleset = current_app.extensions.get(RULESET_KEY)
    if ruleset is None:
        overrides = current_app.config["SCREENING_RULESET_OVERRIDES"]
        ruleset = RuleSet(RuleSet.from_json(DEFAULT_PATH).document | overrides) if overrides else RuleSet.default()
        current_app.extensions[RULESET_KEY] = ruleset
    return ruleset


def context_for(author: User, board: Board | None, *, is_reply: bool, preview: bool = False) -> ReviewContext:
    return ReviewContext(
        board=board.slug if board else None,
        author_published_posts=Post.published_count(author),
        is_reply=is_reply,
        region=author.region,
        preview=preview,
    )


def screen_text(text: str, context: ReviewContext) -> tuple[Verdict, float]:
    """The verdict and how long it took in milliseconds; never raises, never waits past the deadline."""
    classifier = _classifier()
    started = time.perf_counter()
    verdict = review_or_hold(
        text,
        context,
        timeout_s=current_app.config["SCREENING_TIMEOUT_S"],
        classifier=classifier,
        ruleset=active_ruleset(),
    )
    return verdict, (time.perf_counter() - started) * 1000


def _classifier():
    """The process-wide model, loaded outside the deadline so a cold start holds no post.

    If it cannot load, ``review_or_hold`` tries again under its deadline and fails closed.
    """
    from moderation.classifier import TriggerClassifier

    try:
        return TriggerClassifier.load()
    except Exception:
        log.exception("the classifier could not be loaded")
        return None
