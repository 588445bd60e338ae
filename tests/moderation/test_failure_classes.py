"""Regression tests for the failure classes measured on real writing (issue 11), with our own examples.

Each example is written like the real posts that failed, and none gives any method or instruction.
They run on the shipped model: a retrained head that falls back into one of these classes fails here.
"""
import json

import pytest

from moderation.classifier import ARTIFACT_DIR, TriggerClassifier
from moderation.evaluate import BENCHMARK_FILE, benchmark_section, record_benchmark
from moderation.review import review_or_hold
from moderation.taxonomy import SELF_HARM_CONTENT, Action, Category, severity

IMMINENT = Category.IMMINENT_RISK.value
IDEATION = Category.SUICIDAL_IDEATION.value
NEAR_CERTAIN = 0.9

# 1. Text unlike anything about self-harm: hate, parcels, jokes, accidents, food.
OFF_TOPIC = [
    "The world would be better off without immigrants like you.",
    "Shipping weight: 29 lbs, 12L x 16W x 11H",
    "No, I don't eat poop.",
    "Caught my thumb on the can opener making dinner and it bled everywhere, ouch",
    "Rolled my ankle at football practice, coach says two weeks off",
    "Wheat Thins for breakfast again, I really need to go food shopping",
]
# 2. One explicit sentence about a past attempt inside an otherwise ordinary long post.
ORDINARY = ("College was busy this week and I finally finished the art project I had been putting off. "
            "My mum made pasta on Thursday and we watched a film together, which was nice. "
            "The bus has been late every morning so I keep getting to first period out of breath. ")
PAST_ATTEMPT = "Last spring I tried to end my life and I spent a week in hospital afterwards."
# 3. Brief, flat statements of ideation.
# "I can't do this anymore" without context is still missed by the shipped model (ideation 0.31): kept as a
# strict expected failure, so a model that catches it turns this red and the mark must go.
MISSED_BY_THIS_MODEL = pytest.mark.xfail(strict=True, reason="the shipped model scores it 0.31 for ideation")
FLAT = [pytest.param("I can't do this anymore", marks=MISSED_BY_THIS_MODEL), "been arrested and feeling suicidal",
        "wishing I didn't exist", "honestly i just want to not wake up tomorrow"]
# 4. A question that seeks a way to die, without naming one.
METHOD_SEEKING = ["which things in my house would be strong enough to end it for good?",
                  "does anyone know what would work fastest if i wanted to die tonight"]
# 5. and 6. Supportive replies and everyday venting: no ideation flag, never a crisis.
SUPPORTIVE = [
    "Please stay with us tonight. You matter so much and we're all here for you",
    "I'm so sorry you're hurting. Have you been able to talk to your GP? Sending love",
    "You're not alone, I felt exactly like that last year and it did get easier, one day at a time",
]
EVERYDAY_VENTS = ["this group project is going to be the death of me, my teammates have done nothing",
                  "ugh my sister ate the last of my cereal, i could scream"]
# A recent relapse told under a thread title: screened as "title, blank line, body". Shipped model 42397fc6f3e6
# reads the title "Tonight" beside "bad night" as imminent (0.46, crisis point 0.31); without the title it scores
# 0.25. Kept as a strict expected failure, so a model that gets it right turns this red and the mark must go.
TITLED_RELAPSE = "Tonight\n\nBad night, I hurt myself again and I feel awful about it."


@pytest.fixture(scope="module")
def classifier():
    return TriggerClassifier.load()


def _self_harm_flags(classifier, scores) -> set[str]:
    return set(classifier.flagged(scores)) & set(SELF_HARM_CONTENT)


@pytest.mark.parametrize("text", OFF_TOPIC)
def test_off_topic_text_is_never_near_certain_and_never_flagged_as_self_harm(classifier, text):
    (scores,) = classifier.score([text])
    assert max(scores[c] for c in SELF_HARM_CONTENT) < NEAR_CERTAIN, scores
    assert _self_harm_flags(classifier, scores) == set(), scores


def test_one_explicit_sentence_is_not_diluted_by_a_long_ordinary_post(classifier):
    alone, inside = classifier.score([PAST_ATTEMPT, ORDINARY * 4 + PAST_ATTEMPT + " " + ORDINARY * 4])
    assert _self_harm_flags(classifier, alone), alone
    assert _self_harm_flags(classifier, inside), inside
    assert max(inside[c] for c in SELF_HARM_CONTENT) >= 0.5 * max(alone[c] for c in SELF_HARM_CONTENT)


def test_a_long_ordinary_post_is_not_flagged(classifier):
    (scores,) = classifier.score([ORDINARY * 8])
    assert _self_harm_flags(classifier, scores) == set(), scores


@pytest.mark.parametrize("text", FLAT)
def test_brief_flat_statements_of_ideation_are_flagged(classifier, text):
    (scores,) = classifier.score([text])
    assert IDEATION in classifier.flagged(scores) or scores[IMMINENT] >= classifier.crisis_threshold, scores


@pytest.mark.parametrize("text", METHOD_SEEKING)
def test_questions_seeking_a_way_to_die_are_flagged(classifier, text):
    (scores,) = classifier.score([text])
    flagged = set(classifier.flagged(scores))
    assert flagged & {Category.METHOD_DETAIL.value, IMMINENT} or scores[IMMINENT] >= classifier.crisis_threshold, scores


@pytest.mark.parametrize("text", SUPPORTIVE)
def test_supportive_replies_are_not_read_as_ideation(classifier, text):
    (scores,) = classifier.score([text])
    assert IDEATION not in classifier.flagged(scores), scores


def test_the_committed_speed_figures_name_the_shipped_model(classifier):
    """The card's speed section comes from this file; figures of another model would be passed off as ours."""
    benchmark = json.loads(BENCHMARK_FILE.read_text(encoding="utf-8"))
    assert benchmark["version"] == classifier.version
    assert classifier.version in benchmark["lines"][0]
    assert benchmark_section(classifier.version).startswith("```")


def test_speed_figures_of_another_model_are_flagged_on_the_card(tmp_path):
    recorded = tmp_path / "benchmark.json"
    record_benchmark("harbour-minilm-head-older", ["model harbour-minilm-head-older"], recorded)
    section = benchmark_section("harbour-minilm-head-newer", recorded)
    assert section.startswith("_These figures were measured on `harbour-minilm-head-older`, not on "
                              "`harbour-minilm-head-newer`")
    recorded.write_text(json.dumps({"lines": ["model of an older record"]}))
    assert "a model the record does not name" in benchmark_section("harbour-minilm-head-newer", recorded)


@pytest.mark.parametrize("text", SUPPORTIVE + EVERYDAY_VENTS)
def test_supportive_replies_and_everyday_vents_never_reach_the_crisis_threshold(classifier, text):
    (scores,) = classifier.score([text])
    assert scores[IMMINENT] < classifier.crisis_threshold, scores


@pytest.mark.xfail(strict=True, reason="the shipped model scores it 0.46 for imminent risk, above its crisis point")
def test_a_recent_relapse_under_a_title_of_tonight_is_not_a_crisis(classifier):
    (scores,) = classifier.score([TITLED_RELAPSE])
    assert scores[IMMINENT] < classifier.crisis_threshold, scores


def test_the_crisis_point_was_chosen_on_dev_with_its_precision_and_recall_recorded(classifier):
    crisis = classifier.manifest.training["crisis_point"]
    assert 0 < crisis["threshold"] == classifier.crisis_threshold < 1
    assert crisis["precision"] >= 0.5 and crisis["recall"] >= 0.7


def test_the_committed_evaluation_names_the_shipped_model(classifier):
    evaluation = json.loads((ARTIFACT_DIR / "evaluation.json").read_text(encoding="utf-8"))
    assert evaluation["version"] == classifier.version


@pytest.mark.parametrize("text", SUPPORTIVE + EVERYDAY_VENTS)
def test_the_engine_never_sends_a_supportive_reply_or_an_everyday_vent_to_the_crisis_page(classifier, text):
    """What ships is the classifier with the default rule set's crisis threshold, so check that too."""
    assert review_or_hold(text, timeout_s=60, classifier=classifier).action != Action.CRISIS.value


@pytest.mark.parametrize("text", FLAT + METHOD_SEEKING)
def test_the_engine_never_publishes_ideation_or_a_method_seeking_question_unmarked(classifier, text):
    verdict = review_or_hold(text, timeout_s=60, classifier=classifier)
    assert severity(verdict.action) >= severity(Action.WARN.value), verdict
