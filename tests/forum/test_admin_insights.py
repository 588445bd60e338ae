"""/admin/insights: server-drawn charts over tables of real activity, each table exported as CSV."""
import csv
import io

import pytest

from models import Role


@pytest.fixture
def admin_client(client, make_member, log_in):
    log_in(client, make_member("keeper", Role.ADMIN))
    return client


@pytest.fixture
def activity(api, member_api, moderator_api, make_member, texts):
    """An everyday post, a contact-sharing post a moderator approved anyway, and one report of unkindness."""
    everyday = member_api("POST", "/boards/coping/threads", {"title": "Bread", "body": texts.EVERYDAY}).get_json()["post"]
    held = member_api("POST", "/boards/coping/threads", {"title": "Hi", "body": texts.CONTACT}).get_json()["post"]
    item = next(i for i in moderator_api("GET", "/moderation/queue").get_json()["items"] if i["post_id"] == held["id"])
    assert moderator_api("POST", f"/moderation/items/{item['id']}/decision", {"decision": "approve"}).status_code == 200
    reporter = api.as_member(make_member("maple"))
    assert reporter("POST", f"/posts/{everyday['id']}/reports", {"reason": "unkind"}).status_code in (200, 201)


def rows_of(client, name: str) -> list[dict]:
    response = client.get(f"/admin/insights/{name}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_the_insights_page_draws_each_chart_as_svg_with_its_table(admin_client, activity):
    html = admin_client.get("/admin/insights").get_data(as_text=True)
    assert html.count('<svg class="chart" role="img"') == 9
    assert html.count('<table class="data">') == 8
    assert "<script" not in html and "/admin/insights/agreement.csv" in html


def test_posts_per_day_count_todays_actions(admin_client, activity):
    today = rows_of(admin_client, "posts-per-day")[-1]
    assert int(today["publish"]) == 1 and int(today["hold"]) == 1


def test_an_approved_hold_counts_against_the_classifier_and_as_a_rule_override(admin_client, activity):
    agreement = {row["category"]: row for row in rows_of(admin_client, "agreement")}
    assert agreement["contact_sharing"]["flagged"] == "1" and agreement["contact_sharing"]["upheld"] == "0"
    assert agreement["contact_sharing"]["precision"] == "0.0" and agreement["contact_sharing"]["recall"] == ""
    overridden = [row for row in rows_of(admin_client, "rules") if row["approved"] == "1"]
    assert overridden and all(row["override_rate"] == "1.0" for row in overridden)


def test_the_queue_table_counts_todays_decision_and_reports_count_by_reason(admin_client, activity):
    today = rows_of(admin_client, "queue")[-1]
    assert today["decided"] == "1" and float(today["median_hours"]) < 1
    reports = {row["reason"]: row["reports"] for row in rows_of(admin_client, "reports")}
    assert reports["unkind"] == "1" and reports["worried"] == "0"


def test_an_unknown_table_is_404(admin_client):
    assert admin_client.get("/admin/insights/secrets.csv").status_code == 404


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_members_and_moderators_cannot_see_insights(client, make_member, log_in, role):
    log_in(client, make_member("sky", role))
    assert client.get("/admin/insights").status_code == 403
    assert client.get("/admin/insights/reports.csv").status_code == 403
