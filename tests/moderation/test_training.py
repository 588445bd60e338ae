"""Training is reproducible (the same examples and settings write the same bytes), and calibrates on posts the
head never trained on."""
import json

import pytest
import torch

from moderation.classifier import MANIFEST_FILE, WEIGHTS_FILE, TriggerClassifier
from moderation.corpus import load_corpus
from moderation.taxonomy import CATEGORIES
from moderation.train import (Settings, calibration_set, embed, embed_prototypes, evidence_of, fit_head, train,
                              weigh_team_writing)

SMALL = Settings(members=2, hidden_units=32, epochs=3)


@pytest.fixture(scope="module")
def small_corpus():
    """About 100 examples: every train/dev example of a slice of the corpus, so both splits are present."""
    examples = load_corpus()
    team = [e for e in examples if e.is_team_written]
    real = [e for e in examples if e.is_hand_labelled_real]
    return ([e for e in team if e.split == "train"][:80] + [e for e in real if e.split == "train"][:60]
            + [e for e in team + real if e.split == "dev"][:25])


@pytest.fixture(scope="module")
def backbone():
    return TriggerClassifier.load().backbone


def test_training_twice_on_the_same_examples_gives_identical_weights(small_corpus, backbone, tmp_path):
    first = train(small_corpus, tmp_path / "first", settings=SMALL, backbone=backbone)
    second = train(small_corpus, tmp_path / "second", settings=SMALL, backbone=backbone)
    assert (tmp_path / "first" / WEIGHTS_FILE).read_bytes() == (tmp_path / "second" / WEIGHTS_FILE).read_bytes()
    assert first == second


def test_a_trained_artefact_loads_and_records_its_version_and_operating_points(small_corpus, backbone, tmp_path):
    manifest = train(small_corpus, tmp_path, settings=SMALL, backbone=backbone)
    stored = json.loads((tmp_path / MANIFEST_FILE).read_text())
    assert stored["version"] == manifest.version and manifest.version.startswith("harbour-minilm-head-")
    assert set(stored["operating_points"]) == set(CATEGORIES)
    reloaded = TriggerClassifier.from_directory(tmp_path, backbone)
    assert reloaded.version == manifest.version
    assert set(reloaded.score(["a small test"])[0]) == set(CATEGORIES)


def test_hand_labelled_real_posts_are_calibrated_on_as_scored_by_a_head_that_never_saw_them(small_corpus, backbone):
    train_examples = [e for e in small_corpus if e.split == "train"]
    dev_examples = [e for e in small_corpus if e.split == "dev"]
    train_data, dev_data = embed(backbone, train_examples), embed(backbone, dev_examples)
    prototypes = embed_prototypes(backbone)
    head = fit_head(train_data, SMALL, prototypes)
    calibration = calibration_set(head, train_examples, train_data, dev_examples, dev_data, SMALL, prototypes)
    hand = [e for e in train_examples if e.is_hand_labelled_real]
    assert len(calibration.evidence) == len(dev_examples) + len(hand)
    assert int(calibration.is_real.sum()) == len(hand) + sum(e.is_hand_labelled_real for e in dev_examples)
    # The same posts scored by the final head, which trained on them, look different: they were held out.
    seen = evidence_of(head, embed(backbone, hand))
    out_of_fold = calibration.evidence[len(dev_examples):]
    # (The folds list the posts in another order, so rows are compared as sorted per-post totals.)
    def totals(evidence):
        return evidence.sum(dim=1).sort(dim=0).values

    assert seen.shape == out_of_fold.shape and not torch.allclose(totals(seen[..., :2]), totals(out_of_fold[..., :2]))
    # The prior needs no training: it is the same whichever head scores the posts.
    assert torch.allclose(totals(seen[..., 2:]), totals(out_of_fold[..., 2:]))


def test_the_manifest_says_what_the_calibration_held(small_corpus, backbone, tmp_path):
    manifest = train(small_corpus, tmp_path, settings=SMALL, backbone=backbone)
    calibration = manifest.training["calibration"]
    hand = [e for e in small_corpus if e.is_hand_labelled_real and e.split in ("train", "dev")]
    assert calibration["real_texts"] == len(hand)
    assert calibration["texts"] == len(hand) + sum(not e.is_hand_labelled_real for e in small_corpus if e.split == "dev")
    assert 0 < calibration["real_positives"]["suicidal_ideation"] <= calibration["positives"]["suicidal_ideation"]
    dev_imminent = sum("imminent_risk" in e.categories for e in small_corpus if e.split == "dev")
    assert manifest.training["crisis_point"]["positives"] == dev_imminent


def test_team_writing_counts_less_than_real_posts_in_training(small_corpus, backbone):
    """The team's posts teach its style as much as their content, so each counts a fraction of a real post."""
    data = embed(backbone, small_corpus)
    weighed = weigh_team_writing(data, small_corpus, 0.3)
    team = torch.tensor([e.is_team_written for e in small_corpus])
    assert team.any() and (~team).any()
    assert torch.allclose(weighed.weights[team], data.weights[team] * 0.3)
    assert torch.equal(weighed.weights[~team], data.weights[~team])
    assert torch.equal(weighed.labels, data.labels) and torch.equal(weighed.features, data.features)
