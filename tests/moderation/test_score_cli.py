"""`python -m moderation score` as a pipeline would run it: JSONL in, JSONL out, bad lines answered, never a crash."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from moderation.taxonomy import CATEGORIES

ROOT = Path(__file__).resolve().parents[2]


def run_score(lines: list[str], *args: str) -> list[dict]:
    finished = subprocess.run(
        [sys.executable, "-m", "moderation", "score", *args],
        input="\n".join(lines) + "\n", capture_output=True, text=True, cwd=ROOT, timeout=300, check=True,
    )
    return [json.loads(line) for line in finished.stdout.splitlines()]


@pytest.fixture(scope="module")
def outputs():
    lines = [
        json.dumps({"id": 1, "text": "I've written my goodbye letters and I'm going to end it tonight.", "board": "vent"}),
        "{this is not json",
        json.dumps({"id": 3, "text": ""}),
        json.dumps({"id": 4, "text": "🌧️💔😶"}),
        json.dumps({"id": 5, "text": "Ich fühle mich heute sehr allein."}),
        json.dumps({"id": 6, "text": "calm words " * 20_000}),
        json.dumps({"id": 7, "body": "no text field here"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": 9, "text": "we baked bread today and it rose"}),
    ]
    return run_score(lines)


def test_every_input_line_gets_exactly_one_output_line_in_order(outputs):
    assert len(outputs) == 10
    assert [o.get("id") for o in outputs] == [1, None, 3, 4, 5, 6, 7, None, None, 9]


def test_scored_lines_keep_their_fields_and_gain_categories_and_model_version(outputs):
    first = outputs[0]
    assert first["board"] == "vent" and first["text"].startswith("I've written")
    assert set(first["categories"]) == set(CATEGORIES)
    assert all(0 <= p <= 1 for p in first["categories"].values())
    assert first["model_version"].startswith("harbour-minilm-head-")
    assert first["categories"]["imminent_risk"] > outputs[-1]["categories"]["imminent_risk"]


@pytest.mark.parametrize("index", [2, 3, 4, 5])
def test_empty_emoji_foreign_and_huge_texts_are_scored_not_crashed_on(outputs, index):
    assert "error" not in outputs[index] and set(outputs[index]["categories"]) == set(CATEGORIES)


@pytest.mark.parametrize("index", [1, 6, 7, 8])
def test_unusable_lines_get_an_error_and_the_stream_goes_on(outputs, index):
    assert outputs[index]["error"] and "categories" not in outputs[index]


def test_the_text_field_can_be_chosen():
    (output,) = run_score([json.dumps({"body": "thinking about sewerslide again"})], "--text-field", "body")
    assert set(output["categories"]) == set(CATEGORIES) and output["body"] == "thinking about sewerslide again"
