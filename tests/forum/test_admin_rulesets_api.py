"""Admins draft, check, try and activate rule sets through the API; everyone else gets 403."""
import time

import pytest

from forum.services import accounts, posts, screening
from models import AdminAudit, Board, Role, active_ruleset
from moderation.review import review
from moderation.rules import RuleSet
from tests.samples import CALM_TEXT, RAINY_RULE, ScoresOnly


def _draft(admin_api) -> dict:
    response = admin_api("POST", "/admin/rulesets", {"from": "active"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _draft_with_rainy_rule(admin_api) -> dict:
    draft = _draft(admin_api)
    document = {**draft["document"], "rules": [*draft["document"]["rules"], RAINY_RULE]}
    response = admin_api("PUT", f"/admin/rulesets/{draft['id']}", {"document": document})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_members_and_moderators_cannot_touch_rule_sets(api, make_member, role):
    caller = api.as_member(make_member("sky", role))
    assert caller("GET", "/admin/rulesets").status_code == 403
    assert caller("POST", "/admin/rulesets", {"from": "active"}).status_code == 403
    assert caller("POST", "/admin/rulesets/1/activate", {"note": "mine now"}).status_code == 403


def test_the_list_says_which_version_is_active(admin_api):
    listing = admin_api("GET", "/admin/rulesets").get_json()
    assert [v["status"] for v in listing["versions"]] == ["active"]
    assert listing["active_id"] == listing["versions"][0]["id"]


def test_a_draft_starts_as_a_copy_of_the_active_version(admin_api):
    draft = _draft(admin_api)
    assert draft["status"] == "draft" and draft["number"] == 2
    assert draft["document"]["rules"] == RuleSet.default().document["rules"]
    assert "version" not in draft["document"]


@pytest.mark.parametrize(
    "change, field, words",
    [
        (lambda d: d["rules"].append({**RAINY_RULE, "kind": "pattern", "match": "(a+)+$"}), "rules[6].match", "repeat"),
        (lambda d: d["rules"].append({**RAINY_RULE, "kind": "pattern", "match": "(rainy"}), "rules[6].match", "compile"),
        (lambda d: d["thresholds"]["numbers"].update(hold=1.5), "thresholds.numbers.hold", "between 0 and 1"),
        (lambda d: d["rules"].append({**RAINY_RULE, "categories": ["sadness"]}), "rules[6].categories[0]", "unknown"),
        (lambda d: d["rules"].append({**RAINY_RULE, "action": "delete"}), "rules[6].action", "unknown action"),
    ],
)
def test_an_invalid_draft_is_refused_with_a_message_on_the_field(admin_api, change, field, words):
    draft = _draft(admin_api)
    document = draft["document"]
    change(document)
    response = admin_api("PUT", f"/admin/rulesets/{draft['id']}", {"document": document})
    assert response.status_code == 422
    assert words in response.get_json()["error"]["fields"][field]
    assert admin_api("GET", f"/admin/rulesets/{draft['id']}").get_json()["document"] == _draft(admin_api)["document"]


def test_only_drafts_can_be_edited(admin_api):
    active_id = admin_api("GET", "/admin/rulesets").get_json()["active_id"]
    response = admin_api("PUT", f"/admin/rulesets/{active_id}", {"document": RuleSet.default().document})
    assert response.status_code == 409


def test_trying_text_shows_the_drafts_verdict_with_spans_next_to_the_active_one(admin_api):
    draft = _draft_with_rainy_rule(admin_api)
    result = admin_api("POST", f"/admin/rulesets/{draft['id']}/try", {"text": CALM_TEXT}).get_json()
    assert result["active"]["action"] == "publish"
    assert result["version"]["action"] == "hold"
    finding = next(f for f in result["version"]["findings"] if f["rule_id"] == "rainy_days")
    assert finding["spans"][0]["text"] == "rainy tuesday"
    assert "rainy_days" in result["version"]["explanation_for_moderators"]
    assert result["version"]["categories"] == result["active"]["categories"]


def test_activation_changes_live_screening_and_rollback_restores_it(app, admin_api):
    first_id = admin_api("GET", "/admin/rulesets").get_json()["active_id"]
    draft = _draft_with_rainy_rule(admin_api)
    assert admin_api("POST", f"/admin/rulesets/{draft['id']}/activate", {"note": ""}).status_code == 422
    activated = admin_api("POST", f"/admin/rulesets/{draft['id']}/activate", {"note": "Hold rainy days"})
    assert activated.get_json()["status"] == "active"
    with app.app_context():
        assert review(CALM_TEXT, ruleset=active_ruleset()).action == "hold"
    rolled_back = admin_api("POST", f"/admin/rulesets/{first_id}/activate", {"note": "Too many holds"})
    assert rolled_back.status_code == 200
    with app.app_context():
        assert review(CALM_TEXT, ruleset=active_ruleset()).action == "publish"
        actions = [entry.action for entry in AdminAudit.newest_first()]
        assert actions[:4] == ["ruleset.rollback", "ruleset.activate", "ruleset.edit", "ruleset.draft"]
        rollback = AdminAudit.newest_first()[0]
        assert rollback.actor.handle == "keeper" and rollback.note == "Too many holds"
        assert '-      "match": "rainy tuesday",' in rollback.diff.splitlines()
    statuses = {v["id"]: v["status"] for v in admin_api("GET", "/admin/rulesets").get_json()["versions"]}
    assert statuses == {first_id: "active", draft["id"]: "retired"}


class FixedClassifier(ScoresOnly):
    """A stand-in for an admin-activated model: its own version, fixed scores, and an optional stall."""

    version = "activated-candidate-7"

    def __init__(self, scores, stall_s=0.0):
        self.scores, self.stall_s = scores, stall_s

    def score(self, texts):
        time.sleep(self.stall_s)
        return [dict(self.scores) for _ in texts]


def test_try_it_gives_the_verdict_live_screening_gives_on_that_board(app, admin_api, make_member, texts):
    draft = _draft(admin_api)
    tried = admin_api("POST", f"/admin/rulesets/{draft['id']}/try", {"text": texts.URGES, "board": "introductions"})
    active = tried.get_json()["active"]
    assert "strict board x0.8" in active["explanation_for_moderators"]
    with app.app_context():
        author = accounts.register_member("fern", "a calm harbour at dusk")
        _, post = posts.create_thread(Board.find_by_slug("introductions"), author, "Hi", texts.URGES)
        record = post.latest_screening
        live = (record.action, record.flagged, record.model_version, record.ruleset_version)
    assert live == (active["action"], active["flagged"], active["model_version"], active["ruleset_version"])


def test_try_it_uses_the_activated_model_and_the_screening_deadline(app, admin_api, monkeypatch):
    draft = _draft(admin_api)
    monkeypatch.setattr(screening, "live_classifier", lambda: FixedClassifier({"imminent_risk": 0.9}))
    result = admin_api("POST", f"/admin/rulesets/{draft['id']}/try", {"text": CALM_TEXT}).get_json()
    assert result["active"]["model_version"] == "activated-candidate-7" and result["active"]["action"] == "crisis"
    app.config["SCREENING_TIMEOUT_S"] = 0.2
    monkeypatch.setattr(screening, "live_classifier", lambda: FixedClassifier({}, stall_s=2))
    started = time.perf_counter()
    stalled = admin_api("POST", f"/admin/rulesets/{draft['id']}/try", {"text": CALM_TEXT}).get_json()
    assert time.perf_counter() - started < 1.5
    assert stalled["version"]["action"] == stalled["active"]["action"] == "hold"
    assert "Screening unavailable" in stalled["active"]["explanation_for_moderators"]


def test_try_it_refuses_a_board_that_does_not_exist(admin_api):
    draft = _draft(admin_api)
    response = admin_api("POST", f"/admin/rulesets/{draft['id']}/try", {"text": CALM_TEXT, "board": "nowhere"})
    assert response.status_code == 422 and response.get_json()["error"]["fields"] == {
        "board": "There is no board with that name."}
