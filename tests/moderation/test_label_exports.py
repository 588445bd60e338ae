"""Moderator label exports join the training data: train split only, named after their file."""
import importlib.util
import json

import pytest

from moderation import __main__ as cli
from moderation.corpus import CorpusError, load_corpus, load_label_export
from moderation.real_data import training_examples


def write_export(path, *rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_a_label_line_becomes_a_training_example_named_after_its_export(tmp_path):
    export = write_export(tmp_path / "week-48.jsonl",
                          {"text": "The urges have been loud this week.", "categories": ["self_harm_mention"],
                           "decision": "approve_with_warning", "model_version": "m", "ruleset_version": "v2"})

    (example,) = load_label_export(export)

    assert example.categories == {"self_harm_mention"}
    assert (example.split, example.source) == ("train", "moderator-labels:week-48.jsonl")


def test_an_unknown_category_in_an_export_names_the_file_and_line(tmp_path):
    export = write_export(tmp_path / "bad.jsonl", {"text": "hi", "categories": ["sadness"]})
    with pytest.raises(CorpusError, match="bad.jsonl:1"):
        load_label_export(export)


@pytest.mark.skipif(importlib.util.find_spec("construct_tracker") is None,
                    reason="training reads construct-tracker's data: pip install --no-deps -r requirements-train.txt")
def test_train_with_labels_passes_the_real_data_and_the_exports_to_training(tmp_path, monkeypatch, capsys):
    export = write_export(tmp_path / "labels.jsonl", {"text": "A calm day at the allotment.", "categories": []})
    seen = {}

    class Manifest:
        version, operating_points, crisis_threshold = "test", {}, 0.5

    def train(examples):
        seen["examples"] = examples
        return Manifest

    monkeypatch.setattr("moderation.train.train", train)

    assert cli.main(["train", "--labels", str(export)]) == 0

    assert len(seen["examples"]) == len(training_examples(load_corpus())) + 1
    assert "moderator-labels:labels.jsonl" in {example.source for example in seen["examples"]}
