"""Backtests and re-screens on the admin pages: a progress bar while running, the result when done."""
import json
import time

import pytest

from models import Job, Role, RuleSetVersion, db
from tests.samples import CALM_TEXT, RAINY_RULE


@pytest.fixture
def rainy_draft_id(app, admin_client) -> int:
    response = admin_client.post("/admin/rules/drafts")
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        document = RuleSetVersion.active().document
    edited = {k: v for k, v in document.items() if k != "version"} | {"rules": [*document["rules"], RAINY_RULE]}
    assert admin_client.post(f"/admin/rules/{draft_id}", data={"document": json.dumps(edited)}).status_code == 302
    return draft_id


@pytest.fixture
def calm_post(member_api):
    return member_api("POST", "/boards/coping/threads", {"title": "Film", "body": CALM_TEXT}).get_json()["post"]


def finished_page(client, location: str) -> str:
    deadline = time.monotonic() + 60
    while client.get(f"{location}.json").get_json()["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.05)
    return client.get(location).get_data(as_text=True)


def test_a_backtest_from_the_draft_page_shows_changes_agreement_and_blurred_flips(admin_client, rainy_draft_id, calm_post):
    response = admin_client.post(f"/admin/rules/{rainy_draft_id}/backtest", data={"limit": 100})
    assert response.status_code == 302

    html = finished_page(admin_client, response.headers["Location"])

    assert "<strong>1</strong> of 1 posts would change action" in html
    assert "<td>publish</td><td>hold</td><td>1</td>" in html
    assert "Moderator decisions against this version" in html
    assert 'class="reveal-toggle"' in html and f'<div class="post-text">{CALM_TEXT}</div>' in html


def test_a_running_job_shows_a_progress_bar_and_a_refresh_link_that_needs_no_script(app, admin_client, rainy_draft_id):
    with app.app_context():
        job = Job(kind="backtest", status="running", params={"ruleset_id": rainy_draft_id, "limit": 10}, done=4, total=10)
        db.session.add(job)
        db.session.commit()
        job_id = job.id

    html = admin_client.get(f"/admin/jobs/{job_id}").get_data(as_text=True)

    assert '<progress id="job-progress" max="1" value="0.4"' in html and "4 of 10" in html
    assert f'href="/admin/jobs/{job_id}">Refresh' in html and "js/job.js" in html
    assert admin_client.get(f"/admin/jobs/{job_id}.json").get_json()["progress"] == 0.4


def test_activating_with_the_rescreen_box_ticked_queues_posts_the_new_rules_hold(admin_client, rainy_draft_id, calm_post):
    response = admin_client.post(f"/admin/rules/{rainy_draft_id}/activate", data={"note": "Rainy", "rescreen": "y"})
    assert "/admin/jobs/" in response.headers["Location"]

    html = finished_page(admin_client, response.headers["Location"])

    assert "1 published posts screened again; 1 now wait" in html


def test_a_backtest_of_zero_posts_is_refused_on_the_field(admin_client, rainy_draft_id):
    response = admin_client.post(f"/admin/rules/{rainy_draft_id}/backtest", data={"limit": 0})
    assert response.status_code == 422 and "Use a whole number from 1 to 100,000." in response.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_members_and_moderators_cannot_see_jobs_on_pages(app, client, make_member, log_in, role):
    with app.app_context():
        job = Job(kind="rescreen", params={"days": 7})
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    log_in(client, make_member("sky", role))
    assert client.get(f"/admin/jobs/{job_id}").status_code == 403
    assert client.get(f"/admin/jobs/{job_id}.json").status_code == 403
    assert client.post("/admin/rules/1/backtest", data={"limit": 10}).status_code == 403
