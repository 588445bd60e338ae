"""Asking the engine about a post: the context it may know, the live rule set, the deadline.

Everything that screens (new posts, edits, compose-time previews, an admin's
"try it") goes through here, so all of them use the activated model, the
board's strictness and the deadline, and fail closed the same way.
"""
import json
import logging
import re
import time
from functools import lru_cache

from flask import current_app

import models
from forum import messages, redis_jobs
from forum.services import InvalidInput, classifier_versions
from moderation.policy import UNAVAILABLE_RULE_ID, unavailable_verdict
from moderation.review import review_under_or_hold
from moderation.rules import RuleSet
from moderation.taxonomy import SELF_HARM_CONTENT, Action
from moderation.verdict import ReviewContext, Verdict
from models import BODY_MAX_LENGTH, Board, Post, User

log = logging.getLogger(__name__)
_MODEL_PROCESS = "harbour.model_process"
HANDLE_MIN_SCORE = 0.7


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


def text_of(post: Post, body: str | None = None) -> str:
    """What the engine reads for a post: an opening post's words come after its thread's title, so a
    title that needs holding holds the thread (a thread is as visible as its opening post)."""
    body = post.body_markdown if body is None else body
    return f"{post.thread.title}\n\n{body}" if post.is_opening else body


def handle_refusal(handle: str) -> str | None:
    """Why a handle may not be shown beside every post (None: it may). It is screened like a post,
    as nobody's in particular, with ``_`` and ``-`` read as spaces.

    The classifier learnt from posts, not names: on one or two words its scores are noisy
    ("bluebird22" looks like contact sharing, "member0" scores 0.86 for disordered eating), so a
    handle is refused when a rule fires, or when a self-harm content category is flagged with at
    least HANDLE_MIN_SCORE. When screening is unavailable the member is asked to try again (fail closed).
    """
    verdict, _ = screen_text(re.sub(r"[_-]+", " ", handle), ReviewContext())
    if any(finding.rule_id == UNAVAILABLE_RULE_ID for finding in verdict.findings):
        return messages.HANDLE_CHECK_UNAVAILABLE
    strong = [c for c in verdict.flagged if c in SELF_HARM_CONTENT and verdict.categories.get(c, 0) >= HANDLE_MIN_SCORE]
    if verdict.action != Action.PUBLISH and (verdict.findings or strong):
        return messages.HANDLE_NOT_ALLOWED
    return None


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


def runs_model_here() -> bool:
    """Embedded mode, and the processes scaled mode keeps the model in (``flask worker``), screen in-process."""
    return not current_app.config["SCREENING_ON_RQ"] or bool(current_app.extensions.get(_MODEL_PROCESS))


def become_model_process(app) -> None:
    app.extensions[_MODEL_PROCESS] = True


def _screen(text: str, rulesets: list[RuleSet], context: ReviewContext) -> list[Verdict]:
    """Each rule set's verdict, the text scored once. In a scaled web process the model is not here:
    a worker screens the text, first in line, and no answer in time is a hold (fail closed)."""
    if runs_model_here():
        return _screen_here(text, rulesets, context)
    try:
        return redis_jobs.call(
            screen_on_worker, text, [ruleset.document for ruleset in rulesets], context,
            timeout_s=current_app.config["SCREENING_TIMEOUT_S"],
        )
    except redis_jobs.QueueUnavailable as error:
        log.warning("screening on a worker failed: %s", error)
        return [unavailable_verdict(str(error), ruleset_version=ruleset.version) for ruleset in rulesets]


def screen_on_worker(text: str, documents: list[dict], context: ReviewContext) -> list[Verdict]:
    """What a worker runs for ``_screen``: rule sets travel as their documents, verdicts come back whole."""
    return _screen_here(text, [RuleSet(document) for document in documents], context)


def _screen_here(text: str, rulesets: list[RuleSet], context: ReviewContext) -> list[Verdict]:
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


def live_classifier_failure() -> str | None:
    """Why every new post is being held (None: the live model loads), for the admin page; in scaled
    mode, asked of a worker, where the model is.

    It tries the very load screening makes, so it cannot disagree with it; once the model is cached
    that is a dictionary lookup, and the failures we know of (a vanished folder, an unreadable file,
    an artefact from an older backbone) are found before any backbone is built.
    """
    if not runs_model_here():
        try:
            return redis_jobs.call(live_classifier_failure, timeout_s=current_app.config["SCREENING_TIMEOUT_S"])
        except redis_jobs.QueueUnavailable as error:
            return f"No screening worker could be asked ({error}); posts wait until one is running."
    try:
        live_classifier()
    except Exception as error:
        return classifier_versions.explain_failure(error)
    return None
