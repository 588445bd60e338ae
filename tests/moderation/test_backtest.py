"""The backtest engine over a small hand-built history whose numbers are worked out by hand below."""
import pytest

from moderation.backtest import PastScreening, backtest
from moderation.classifier import TriggerClassifier
from moderation.rules import RuleSet

DRAFT = RuleSet({
    "version": "draft-under-test",
    "thresholds": {
        "self_harm_mention": {"warn": 0.5},
        "numbers": {"hold": 0.5},
        "imminent_risk": {"crisis": 0.3},
    },
    "links": "allow",
    "contact": "allow",
    "numbers": "allow",
    "new_member_hold": 0,
})


@pytest.fixture(scope="module")
def classifier():
    return TriggerClassifier.load()


def past(record_id, scores, action, decision=None, *, version, member_actions=(), text=None):
    return PastScreening(
        record_id=record_id,
        post_id=100 + record_id,
        text=text or f"Checking in again tonight, post number {record_id}.",
        scores=scores,
        model_version=version,
        action=action,
        decision=decision,
        member_actions=member_actions,
    )


def hand_built_history(version):
    return [
        past(1, {"self_harm_mention": 0.7}, "warn", "approve_with_warning", version=version),  # warn, agrees
        past(2, {"self_harm_mention": 0.6}, "publish", version=version),  # flips publish -> warn, undecided
        past(3, {"numbers": 0.8}, "hold", "remove", version=version),  # hold, agrees
        past(4, {"numbers": 0.55}, "hold", "approve", version=version),  # hold, moderator said publish
        past(5, {}, "publish", version=version),  # publish, undecided
        past(6, {"imminent_risk": 0.9}, "crisis", "escalate", version=version),  # crisis; escalate implies hold
        past(7, {"self_harm_mention": 0.2}, "hold", "approve", version=version, member_actions=("hold",)),  # new member
        past(8, {"self_harm_mention": 0.4}, "warn", "approve", version=version),  # flips warn -> publish, agrees
    ]


def test_backtest_counts_flips_and_builds_the_confusion_table_by_hand(classifier):
    result = backtest(hand_built_history(classifier.version), DRAFT, classifier=classifier)

    assert result.total == 8
    assert result.rescored == 0
    assert result.changes == {("publish", "warn"): 1, ("warn", "publish"): 1}
    assert [(flip.record_id, flip.before, flip.after) for flip in result.flips] == [(2, "publish", "warn"),
                                                                                     (8, "warn", "publish")]
    assert result.decided == 6
    # record 7, a new member's post held by probation and approved, agrees: its words alone publish
    assert result.confusion["publish"] == {"publish": 2, "warn": 0, "edit": 0, "hold": 1, "crisis": 0}
    assert result.confusion["warn"] == {"publish": 0, "warn": 1, "edit": 0, "hold": 0, "crisis": 0}
    assert result.confusion["hold"] == {"publish": 0, "warn": 0, "edit": 0, "hold": 1, "crisis": 1}
    assert result.confusion["edit"] == dict.fromkeys(["publish", "warn", "edit", "hold", "crisis"], 0)


def test_precision_and_recall_per_action_match_the_hand_computed_values(classifier):
    scores = backtest(hand_built_history(classifier.version), DRAFT, classifier=classifier).precision_recall()

    assert scores["publish"]["precision"] == 1.0 and scores["publish"]["recall"] == pytest.approx(2 / 3)
    assert scores["warn"]["precision"] == 1.0 and scores["warn"]["recall"] == 1.0
    assert scores["hold"]["precision"] == 0.5 and scores["hold"]["recall"] == 0.5
    assert scores["crisis"]["precision"] == 0.0 and scores["crisis"]["recall"] is None
    assert scores["edit"] == {"precision": None, "recall": None, "predicted": 0, "actual": 0}


def test_records_from_an_older_model_are_rescored_by_the_live_one(classifier, texts):
    stale = past(1, {}, "publish", version="an-older-model", text=texts.CRISIS)

    result = backtest([stale], DRAFT, classifier=classifier)

    assert result.rescored == 1
    assert result.changes == {("publish", "crisis"): 1}


def test_progress_is_reported_batch_by_batch_up_to_the_total(classifier):
    heard = []

    backtest(hand_built_history(classifier.version), DRAFT, classifier=classifier, progress=heard.append, batch_size=3)

    assert heard == [3, 6, 8]
