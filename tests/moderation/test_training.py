"""Training is reproducible: the same examples and settings write the same bytes."""
import json

import pytest

from moderation.classifier import MANIFEST_FILE, WEIGHTS_FILE, TriggerClassifier
from moderation.corpus import load_corpus
from moderation.taxonomy import CATEGORIES
from moderation.train import Settings, train

SMALL = Settings(members=2, hidden_units=32, epochs=3)


@pytest.fixture(scope="module")
def small_corpus():
    """About 100 examples: every train/dev example of a slice of the corpus, so both splits are present."""
    examples = load_corpus()
    return [e for e in examples if e.split == "train"][:80] + [e for e in examples if e.split == "dev"][:25]


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
