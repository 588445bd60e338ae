"""The engine end to end with the real classifier, and failing closed when screening cannot run."""
import threading
import time

import pytest

from moderation.review import review, review_or_hold
from moderation.rules import RuleSet
from moderation.taxonomy import CATEGORIES, Action
from moderation.verdict import ReviewContext
from tests.samples import ScoresOnly


@pytest.fixture(scope="module")
def classifier():
    """The real model, loaded once for the module (imported here so the fail-closed tests need no model)."""
    from moderation.classifier import TriggerClassifier

    return TriggerClassifier.load()


def test_an_ordinary_post_is_published(classifier):
    verdict = review("We baked bread at my nan's today and it actually rose. Small wins!", classifier=classifier)
    assert verdict.action == Action.PUBLISH
    assert set(verdict.categories) == set(CATEGORIES)
    assert (verdict.model_version, verdict.ruleset_version) == (classifier.version, RuleSet.default().version)


def test_a_post_about_being_in_danger_tonight_is_a_crisis(classifier):
    verdict = review("I've written my goodbye letters and I'm going to end it tonight.", classifier=classifier)
    assert verdict.action == Action.CRISIS
    assert verdict.signposts[0] == "crisis"


def test_a_post_about_urges_gets_a_content_note_and_support(classifier):
    verdict = review(
        "The urges to self harm have been really strong this week and I don't know who to talk to.",
        classifier=classifier,
    )
    assert verdict.action == Action.WARN
    assert "self_harm_mention" in verdict.warnings
    assert "self_harm" in verdict.signposts


def test_contact_details_written_to_dodge_filters_are_held_with_the_original_words_highlighted(classifier):
    text = "ADD ME ON 1NSTA if u wanna talk x"
    verdict = review(text, classifier=classifier)
    assert verdict.action == Action.HOLD
    spans = [span for finding in verdict.findings for span in finding.spans]
    assert spans and all(text[span.start:span.end] == span.text for span in spans)
    assert any(span.text.startswith("ADD ME ON") for span in spans)


def test_a_new_members_post_is_held_but_their_preview_is_not(classifier):
    text = "Hi everyone, I'm new here and a bit nervous about posting."
    submitted = review(text, ReviewContext(author_published_posts=0), classifier=classifier)
    preview = review(text, ReviewContext(author_published_posts=0, preview=True), classifier=classifier)
    assert submitted.action == Action.HOLD
    assert preview.action == Action.PUBLISH
    assert preview.member_rules == submitted.member_rules != []


def test_review_or_hold_returns_the_real_verdict_when_screening_works(classifier):
    text = "We baked bread at my nan's today and it actually rose. Small wins!"
    assert review_or_hold(text, timeout_s=30, classifier=classifier) == review(text, classifier=classifier)


class BrokenClassifier(ScoresOnly):
    version = "broken-1"

    def score(self, texts):
        raise RuntimeError("weights missing")


class StuckClassifier(ScoresOnly):
    version = "stuck-1"

    def __init__(self):
        self.release = threading.Event()

    def score(self, texts):
        self.release.wait(timeout=5)
        return [{category: 0.0 for category in CATEGORIES} for _ in texts]


def test_a_classifier_that_raises_holds_the_post_as_screening_unavailable():
    verdict = review_or_hold("a perfectly ordinary post", timeout_s=5, classifier=BrokenClassifier())
    assert verdict.action == Action.HOLD
    assert [f.reason for f in verdict.findings] == ["screening unavailable"]
    assert "RuntimeError: weights missing" in verdict.explanation_for_moderators
    assert verdict.model_version == "broken-1"


def test_a_classifier_that_takes_too_long_holds_the_post_at_the_deadline():
    stuck = StuckClassifier()
    started = time.perf_counter()
    verdict = review_or_hold("a perfectly ordinary post", timeout_s=0.2, classifier=stuck)
    waited = time.perf_counter() - started
    stuck.release.set()
    assert verdict.action == Action.HOLD
    assert [f.reason for f in verdict.findings] == ["screening unavailable"]
    assert "no verdict within 0.2 s" in verdict.explanation_for_moderators
    assert waited < 2
