"""Asking the engine about a post: the context it may know, the live rule set, the deadline.

Everything that screens (new posts, edits, compose-time previews, an admin's
"try it") goes through here, so all of them use the activated model, the
board's strictness and the deadline, and fail closed the same way.
"""
import json
import logging
import threading
import time
from functools import lru_cache

from flask import Flask, current_app

import models
from forum.services import InvalidInput, classifier_versions
from moderation.policy import unavailable_verdict
from moderation.review import review_under_or_hold
from moderation.rules import RuleSet
from moderation.verdict import ReviewContext, Verdict
from models import BODY_MAX_LENGTH, Board, Post, User

log = logging.getLogger(__name__)


def active_ruleset() -> RuleSet:
    """The rule-set version admins made active, with this deployment's SCREENING_RULESET_OVERRIDES on top
    (tests use them to switch off new-member holds)."""
    return with_deployment_overrides(models.active_ruleset())


def with_deployment_overrides(ruleset: RuleSet) -> RuleSet:
    overrides = current_app.config["SCREENING_RULESET_OVERRIDES"]
    return _overridden(ruleset, json.dumps(overrides, sort_keys=True)) if overrides else ruleset


@lru_cache(maxsize=16)
def _overridden(ruleset: RuleSet, overrides: str) -> RuleSet:
    return RuleSet(ruleset.document | json.loads(overrides))


def context_for(author: User, board: Board | None, *, is_reply: bool, preview: bool = False) -> ReviewContext:
    return ReviewContext(
        board=board.slug if board else None,
        board_strictness=board.strictness if board else None,
        author_published_posts=Post.published_count(author),
        is_reply=is_reply,
        region=author.region,
        preview=preview,
    )


def preview(text: str, member: User, board: Board | None) -> Verdict:
    """The verdict a draft would get, for compose-time nudges (API and pages alike); nothing is stored."""
    verdict, _ = screen_text(text, context_for(member, board, is_reply=False, preview=True))
    return verdict


def preview_draft(text: str, member: User, board_slug: str | None = None) -> Verdict:
    """The one compose-time preview behind ``POST /compose/check`` and ``POST /api/v1/screen``: the same
    checks, the same field errors, and the verdict live screening would give the words on that board."""
    fields = {}
    if not text.strip():
        fields["text"] = "Write something to check."
    elif len(text) > BODY_MAX_LENGTH:
        fields["text"] = f"Please keep posts under {BODY_MAX_LENGTH:,} characters."
    board = _board(board_slug, fields)
    if fields:
        raise InvalidInput(fields)
    return preview(text, member, board)


def try_rulesets(text: str, rulesets: list[RuleSet], board_slug: str | None = None) -> list[Verdict]:
    """What each rule set would decide about ``text`` on that board, as live screening would: the activated
    model, the board's strictness and the deadline, with the text scored once (admins' "try it")."""
    fields = {}
    board = _board(board_slug, fields)
    if fields:
        raise InvalidInput(fields)
    context = ReviewContext(
        board=board.slug if board else None, board_strictness=board.strictness if board else None, preview=True
    )
    return _screen(text, [with_deployment_overrides(ruleset) for ruleset in rulesets], context)


def screen_text(text: str, context: ReviewContext) -> tuple[Verdict, float]:
    """The verdict and how long it took in milliseconds; never raises, never waits past the deadline."""
    started = time.perf_counter()
    [verdict] = _screen(text, [active_ruleset()], context)
    return verdict, (time.perf_counter() - started) * 1000


def _screen(text: str, rulesets: list[RuleSet], context: ReviewContext) -> list[Verdict]:
    try:
        classifier = live_classifier()
    except Exception as error:
        log.exception("the classifier could not be loaded; holding the post")
        problem = classifier_versions.explain_failure(error)
        return [unavailable_verdict(problem, ruleset_version=ruleset.version) for ruleset in rulesets]
    return review_under_or_hold(
        text, rulesets, context, timeout_s=current_app.config["SCREENING_TIMEOUT_S"], classifier=classifier
    )


def _board(slug: str | None, fields: dict) -> Board | None:
    if slug is None:
        return None
    board = Board.find_by_slug(slug) if isinstance(slug, str) else None
    if board is None:
        fields["board"] = "There is no board with that name."
    return board


def live_classifier():
    """The model an admin activated (else the committed one), loaded outside the deadline so a cold
    start holds no post. Loaded models stay cached per directory, so only the lookup runs per post.

    It raises when that model cannot load: screening then holds the post rather than quietly
    using a model the admins did not choose.
    """
    from moderation.classifier import TriggerClassifier

    return TriggerClassifier.load(classifier_versions.live_directory())


def warm_in_background(app: Flask) -> threading.Thread:
    """Load the live model and score one sentence in a daemon thread at start-up, so the first member to
    post after a restart does not wait the 8 to 20 seconds a cold model takes."""

    def warm() -> None:
        with app.app_context():
            started = time.perf_counter()
            try:
                live_classifier().score(["Warming up."])
            except Exception:
                log.exception("warming the classifier failed; the first post will try again (or be held)")
                return
            log.info("classifier ready in %.1f s", time.perf_counter() - started)

    thread = threading.Thread(target=warm, name="harbour-warm-classifier", daemon=True)
    thread.start()
    return thread


def live_classifier_failure() -> str | None:
    """Why every new post is being held (None: the live model loads), for the admin page.

    It tries the very load screening makes, so it cannot disagree with it; once the model is cached
    that is a dictionary lookup, and the failures we know of (a vanished folder, an unreadable file,
    an artefact from an older backbone) are found before any backbone is built.
    """
    try:
        live_classifier()
    except Exception as error:
        return classifier_versions.explain_failure(error)
    return None
