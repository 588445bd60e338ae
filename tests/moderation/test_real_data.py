"""Weak labels from real sources, and the wall between what is trained on and what is held out."""
import importlib.util

import numpy as np
import pytest

from moderation import real_data
from moderation.corpus import weight_matrix
from moderation.real_eval import bootstrap, union_labels
from moderation.taxonomy import CATEGORIES, SELF_HARM_CONTENT, Category

needs_construct_tracker = pytest.mark.skipif(importlib.util.find_spec("construct_tracker") is None,
                                             reason="construct-tracker's data is not installed (requirements-train.txt)")
HARASSMENT = Category.HARASSMENT.value


def test_hostile_tweets_are_harassment_and_known_negatives_for_self_harm():
    tweets = real_data.hostile_tweets()
    hate = [e for e in tweets if e.source == "davidson:hate"]
    neither = [e for e in tweets if e.source == "davidson:neither"]
    assert hate and neither
    assert all(HARASSMENT in e.categories for e in hate)
    assert all(not e.categories and HARASSMENT not in e.unknown for e in neither)
    assert all(not (e.categories & set(SELF_HARM_CONTENT)) for e in tweets)


def test_a_weak_negative_that_uses_a_categorys_words_leaves_that_category_unknown():
    example = real_data._probably_none("honestly i want to kill myself after that exam lol", "goemotions")
    assert Category.SUICIDAL_IDEATION.value in example.unknown
    assert Category.NUMBERS.value not in example.unknown
    ordinary = real_data._probably_none("the shipping weight is 12 lbs", "goemotions")
    assert ordinary.unknown == {c for c in CATEGORIES if c not in SELF_HARM_CONTENT}
    row = weight_matrix([ordinary])[0]
    assert row[CATEGORIES.index(Category.NUMBERS.value)] == 1.0 and row[CATEGORIES.index(HARASSMENT)] == 0.0


def test_the_any_self_harm_label_is_unknown_unless_every_category_is_known():
    positive = real_data._example("x", "s", positives=[Category.SUICIDAL_IDEATION.value])
    negative = real_data._example("y", "s", negatives=SELF_HARM_CONTENT)
    unsure = real_data._example("z", "s", negatives=SELF_HARM_CONTENT[1:])
    union = union_labels([positive, negative, unsure])
    assert union[0] == 1 and union[1] == 0 and np.isnan(union[2])


def test_a_bootstrap_interval_contains_its_figure():
    rng = np.random.default_rng(1)
    labels = rng.random(300) < 0.2
    scores = labels + rng.normal(0, 0.7, 300)
    figure = bootstrap(scores, labels, rounds=200)
    assert figure["low"] <= figure["auprc"] <= figure["high"]


@needs_construct_tracker
def test_nothing_held_out_is_ever_trained_on():
    training = real_data.training_examples()
    held_out = real_data.held_out()
    trained = {real_data.text_key(e.text) for e in training}
    assert held_out and not trained & {real_data.text_key(e.text) for e in held_out}
    communities = {e.source.rsplit(":", 1)[-1] for e in training if e.is_public}
    assert not communities & real_data.HELD_OUT_COMMUNITIES
