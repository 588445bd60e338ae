"""Backtests and re-screens as background jobs through the API: started with 202, watched until done."""
import time

import pytest

from models import Role
from tests.samples import CALM_TEXT, RAINY_RULE


@pytest.fixture
def rainy_draft(admin_api) -> dict:
    draft = admin_api("POST", "/admin/rulesets", {"from": "active"}).get_json()
    document = {**draft["document"], "rules": [*draft["document"]["rules"], RAINY_RULE]}
    response = admin_api("PUT", f"/admin/rulesets/{draft['id']}", {"document": document})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.fixture
def history(member_api, moderator_api, texts):
    """A calm post that is up, an everyday one, and a contact-sharing one a moderator approved."""
    calm = member_api("POST", "/boards/coping/threads", {"title": "Film", "body": CALM_TEXT}).get_json()["post"]
    member_api("POST", "/boards/coping/threads", {"title": "Bread", "body": texts.EVERYDAY})
    held = member_api("POST", "/boards/coping/threads", {"title": "Hi", "body": texts.CONTACT}).get_json()["post"]
    item = next(i for i in moderator_api("GET", "/moderation/queue").get_json()["items"] if i["post_id"] == held["id"])
    decided = moderator_api("POST", f"/moderation/items/{item['id']}/decision", {"decision": "approve"})
    assert decided.status_code == 200
    return {"calm": calm, "held": held}


def finished(caller, job_id: int, timeout_s: float = 60) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = caller("GET", f"/admin/jobs/{job_id}").get_json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish: {job}")


def test_a_backtest_job_reports_flips_and_agreement_with_moderators(admin_api, rainy_draft, history):
    response = admin_api("POST", f"/admin/rulesets/{rainy_draft['id']}/backtest", {"limit": 1000})
    assert response.status_code == 202

    job = finished(admin_api, response.get_json()["job_id"])

    assert job["status"] == "done" and job["progress"] == 1 and job["done"] == job["total"] == 3
    result = job["result"]
    assert result["changes"] == [{"from": "publish", "to": "hold", "count": 1}]
    assert [(flip["post_id"], flip["text"]) for flip in result["flips"]] == [(history["calm"]["id"], CALM_TEXT)]
    assert result["decided"] == 1 and result["confusion"]["publish"]["hold"] == 1
    assert result["per_action"]["hold"]["precision"] == 0.0 and result["per_action"]["publish"]["recall"] == 0.0
    assert result["rescored"] == 0


def test_a_backtest_can_cover_the_last_days_instead_of_a_count(admin_api, rainy_draft, history):
    job_id = admin_api("POST", f"/admin/rulesets/{rainy_draft['id']}/backtest", {"days": 30}).get_json()["job_id"]
    assert finished(admin_api, job_id)["result"]["total"] == 3


@pytest.mark.parametrize(
    "payload, field",
    [({"limit": 0}, "limit"), ({"limit": "many"}, "limit"), ({"days": 9999}, "days"), ({"limit": 5, "days": 5}, "limit")],
)
def test_a_backtest_needs_a_sensible_size(admin_api, rainy_draft, payload, field):
    response = admin_api("POST", f"/admin/rulesets/{rainy_draft['id']}/backtest", payload)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]


def test_unknown_versions_and_jobs_are_404(admin_api):
    assert admin_api("POST", "/admin/rulesets/999/backtest", {"limit": 10}).status_code == 404
    assert admin_api("GET", "/admin/jobs/999").status_code == 404


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_members_and_moderators_cannot_start_or_watch_jobs(api, make_member, admin_api, rainy_draft, role):
    job_id = admin_api("POST", f"/admin/rulesets/{rainy_draft['id']}/backtest", {"limit": 10}).get_json()["job_id"]
    caller = api.as_member(make_member("sky", role))
    assert caller("POST", f"/admin/rulesets/{rainy_draft['id']}/backtest", {"limit": 10}).status_code == 403
    assert caller("GET", f"/admin/jobs/{job_id}").status_code == 403
    finished(admin_api, job_id)


def test_activating_with_a_rescreen_queues_published_posts_the_new_rules_hold_but_keeps_moderator_decisions(
    admin_api, member_api, moderator_api, rainy_draft, history
):
    response = admin_api("POST", f"/admin/rulesets/{rainy_draft['id']}/activate",
                         {"note": "Rainy Tuesdays need a look", "rescreen": True})
    assert response.status_code == 200

    job = finished(admin_api, response.get_json()["rescreen_job_id"])

    assert job["status"] == "done" and job["result"]["queued_post_ids"] == [history["calm"]["id"]]
    assert job["result"]["screened"] == 2
    queued = [item["post_id"] for item in moderator_api("GET", "/moderation/queue").get_json()["items"]]
    assert queued == [history["calm"]["id"]]
    assert member_api("GET", f"/posts/{history['calm']['id']}").get_json()["status"] == "held"
