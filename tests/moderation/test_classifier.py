"""The real classifier (no stubs): loads offline, scores every category, catches what it must, explains itself."""
import json
import shutil
import socket

import numpy as np
import pytest

from moderation.backbone import Backbone, BackboneSpec
from moderation.classifier import ARTIFACT_DIR, MANIFEST_FILE, WEIGHTS_FILE, TriggerClassifier
from moderation.review import review_or_hold
from moderation.taxonomy import CATEGORIES, Action, Category, severity

IMMINENT = Category.IMMINENT_RISK.value

# Held-out test-split posts (never trained on), each with the categories it must be flagged for.
CLEAR_POSITIVES = [
    ("i have everything ready and i'm just waiting for the right moment. i wanted to thank this community first",
     {IMMINENT, Category.SUICIDAL_IDEATION.value}),
    ("got home, locked the door, everything's ready. i just needed to tell someone", {IMMINENT}),
    ("i'm taking my life on friday. i've tied up loose ends. it's fine", {IMMINENT}),
    ("new here, hi. i used a lighter again. i said i'd never do burns but here we are. i just want to be normal.",
     {Category.SELF_HARM_MENTION.value}),
    # The classifier catches the eating talk; the number itself is the built-in numbers rule's to catch
    # (see the engine test below), and this model scores it low.
    ("bmi is 16.2 and my doctor wants me to go inpatient. i still don't think i'm ill",
     {Category.DISORDERED_EATING.value}),
    ("lol you only started self harming because your favourite youtuber did. copycat",
     {Category.SELF_HARM_MENTION.value}),
]
# Posts the engine must stop (classifier and rules together), with the action at least as strict as this.
ENGINE_CATCHES = [
    ("bmi is 16.2 and my doctor wants me to go inpatient. i still don't think i'm ill", Action.EDIT, "builtin.numbers"),
    ("lol you only started self harming because your favourite youtuber did. copycat", Action.HOLD, None),
]
HARD_NEGATIVES = [
    "i rang the eating disorder helpline at beat and they were lovely",
    "honestly just tired today. not sad, just the tired kind. early night",
    "one year ago today i was in hospital. today i went to the beach with my friends and laughed until i cried",
    "honestly, just finished a 5k!! first time ever running the whole thing",
    "my teacher was so kind today when i said i was struggling",
]
ODD_INPUTS = ["", "   ", "💔😭🙃✨", "Je me sens très seul ce soir et je ne sais pas quoi faire", "a" * 20_000]
FILLER = (
    "Today was mostly ordinary. I walked the dog along the canal, got a coffee, and read a few chapters of my book "
    "before college. My sister called about the weekend and we argued about whose turn it is to cook. "
)
TRIGGER = "I have written my goodbye letters and I am going to end my life tonight."


@pytest.fixture(scope="session")
def classifier():
    return TriggerClassifier.load()


def long_post(with_trigger: bool) -> str:
    words = (FILLER * 30).split()[:800]
    if with_trigger:
        words[600:600] = TRIGGER.split()
    return " ".join(words)


def test_the_model_loads_without_any_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    offline = TriggerClassifier.from_directory(ARTIFACT_DIR)
    assert offline.version.startswith("harbour-minilm-head-")


def test_load_returns_one_shared_instance(classifier):
    assert TriggerClassifier.load() is classifier


@pytest.mark.parametrize("text", ODD_INPUTS + ["I cut my hair short and I love it"])
def test_every_category_gets_a_probability_between_0_and_1(classifier, text):
    (scores,) = classifier.score([text])
    assert set(scores) == set(CATEGORIES)
    assert all(0.0 <= p <= 1.0 for p in scores.values())


def test_scoring_nothing_returns_nothing(classifier):
    assert classifier.score([]) == []


@pytest.mark.parametrize(("text", "expected"), CLEAR_POSITIVES)
def test_clear_held_out_posts_are_flagged_for_what_they_contain(classifier, text, expected):
    assert expected <= set(classifier.flagged(classifier.score([text])[0]))


@pytest.mark.parametrize(("text", "at_least", "rule"), ENGINE_CATCHES)
def test_the_engine_stops_what_the_classifier_alone_scores_low(classifier, text, at_least, rule):
    verdict = review_or_hold(text, timeout_s=60, classifier=classifier)
    assert severity(verdict.action) >= severity(at_least)
    assert rule is None or rule in [finding.rule_id for finding in verdict.findings]


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_held_out_recovery_and_everyday_posts_are_not_flagged(classifier, text):
    assert classifier.flagged(classifier.score([text])[0]) == []


def test_a_trigger_deep_inside_an_800_word_post_is_still_caught(classifier):
    quiet, dangerous = classifier.score([long_post(False), long_post(True)])
    assert dangerous[IMMINENT] >= classifier.crisis_threshold
    assert IMMINENT not in classifier.flagged(quiet)


def test_a_posts_scores_do_not_depend_on_the_posts_scored_with_it(classifier):
    """Screening scores posts one at a time, training and backtests many at once: the backbone's
    features must be the same bits either way (the head's float sums may differ in the last place)."""
    post, others = CLEAR_POSITIVES[0][0], HARD_NEGATIVES + [long_post(True)]
    alone = classifier.backbone.features([post])
    together = classifier.backbone.features(others + [post])
    assert np.array_equal(alone.features, together.features[together.owner == len(others)])
    alone_scores = classifier.score([post])[0]
    together_scores = classifier.score(others + [post])[-1]
    assert all(abs(alone_scores[c] - together_scores[c]) < 1e-6 for c in CATEGORIES)


def test_an_artefact_trained_on_another_exports_features_is_refused(tmp_path):
    for name in (WEIGHTS_FILE, MANIFEST_FILE):
        shutil.copy(ARTIFACT_DIR / name, tmp_path / name)
    manifest = json.loads((tmp_path / MANIFEST_FILE).read_text())
    manifest["backbone"] = manifest["backbone"].replace("onnxruntime-", "onnxruntime-r0-")
    (tmp_path / MANIFEST_FILE).write_text(json.dumps(manifest))
    with pytest.raises(ValueError, match="retrain"):
        TriggerClassifier.from_directory(tmp_path)


def test_an_artefact_whose_head_is_of_an_older_format_is_refused(tmp_path):
    for name in (WEIGHTS_FILE, MANIFEST_FILE):
        shutil.copy(ARTIFACT_DIR / name, tmp_path / name)
    manifest = json.loads((tmp_path / MANIFEST_FILE).read_text())
    del manifest["head_format"]
    (tmp_path / MANIFEST_FILE).write_text(json.dumps(manifest))
    with pytest.raises(ValueError, match="retrain"):
        TriggerClassifier.from_directory(tmp_path)


def test_the_prototype_prior_reads_meaning_not_words_and_the_aggregator_weighs_it(classifier):
    """Neither post shares a word with the descriptions of suicidal thoughts; only one is close in meaning."""
    column = CATEGORIES.index(Category.SUICIDAL_IDEATION.value)
    evidence = classifier.evidence(["honestly i'd rather just stop existing", "the bus was late again this morning"])
    close, far = evidence[:, column, 2].tolist()
    assert close > far + 1.5  # cosine similarity 0.15 higher
    assert classifier.head.calibration_weight[column, 2] > 0


def test_operating_points_cover_every_category_and_crisis_is_the_most_sensitive(classifier):
    assert set(classifier.operating_points) == set(CATEGORIES)
    assert 0 < classifier.crisis_threshold <= classifier.operating_points[IMMINENT] < 1


def test_explain_highlights_the_words_that_drove_a_flag_in_the_original_text(classifier):
    text = "Nice weather at the park with my cousins. " * 4 + TRIGGER + " Anyway the dog was happy."
    explanation = classifier.explain(text)
    assert explanation and all(explanation.values())
    trigger_start = text.index(TRIGGER)
    for spans in explanation.values():
        assert all(text[s["start"]:s["end"]] == s["text"] and s["weight"] > 0 for s in spans)
        top = spans[0]
        assert trigger_start - 1 <= top["start"] and top["end"] <= trigger_start + len(TRIGGER) + 1


def test_explain_maps_filter_dodging_spellings_back_to_what_was_written(classifier):
    text = "i'm going to unalive myself tonight, i've said my goodbyes"
    spans = [span["text"] for spans in classifier.explain(text).values() for span in spans]
    assert spans and all(span in text for span in spans)


def test_explain_says_nothing_about_an_ordinary_post(classifier):
    assert classifier.explain("We baked bread at my nan's today and it actually rose.") == {}


def test_the_served_onnx_int8_backbone_stays_close_to_plain_torch_fp32(classifier):
    """A broken export (lost mask, wrong layer) would drift far more than int8 rounding does."""
    reference = Backbone(BackboneSpec(runtime="torch", precision="fp32", pooled=classifier.backbone.spec.pooled))
    texts = [CLEAR_POSITIVES[0][0], HARD_NEGATIVES[0], long_post(True)]
    served, plain = classifier.backbone.features(texts), reference.features(texts)
    assert (served.owner == plain.owner).all() and (served.is_sentence == plain.is_sentence).all()
    served, plain = served.features, plain.features
    cosine = (served * plain).sum(axis=1) / np.linalg.norm(served, axis=1) / np.linalg.norm(plain, axis=1)
    assert cosine.min() > 0.98
