"""Rule-set versions in the database: one active version, compiled once, used by live screening."""
import pytest
from sqlalchemy.exc import IntegrityError

from models import RuleSetStatus, RuleSetVersion, active_ruleset, db
from moderation.rules import RuleSet


@pytest.fixture
def context(app):
    with app.app_context():
        yield


def test_the_shipped_rule_set_is_the_first_active_version(context):
    version = RuleSetVersion.active()
    assert version.number == 1
    assert version.ruleset().document["thresholds"] == RuleSet.default().thresholds
    assert active_ruleset().version == "default-5"


def test_the_active_rule_set_is_compiled_once_per_version(context):
    assert active_ruleset() is active_ruleset()


def test_a_version_without_its_own_label_is_named_by_its_number(context):
    document = {k: v for k, v in RuleSetVersion.active().document.items() if k != "version"}
    draft = RuleSetVersion(number=2, document=document)
    assert draft.ruleset().version == "v2"


def test_the_database_refuses_a_second_active_version(context):
    db.session.add(RuleSetVersion(number=2, status=RuleSetStatus.ACTIVE.value, document={"thresholds": {}}))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_without_a_stored_version_screening_falls_back_to_the_shipped_rule_set(make_app):
    app = make_app(seed=False)
    with app.app_context():
        assert active_ruleset() is RuleSet.default()
