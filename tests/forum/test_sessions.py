"""Sign-ins end when they should: a copy of the cookie made before opens nothing afterwards."""
import html
from datetime import timedelta

import pytest

from models import MemberSession, User, db


def _copy_of_cookie(client, app):
    """A second browser holding exactly the cookie ``client`` has now (a copy on a shared computer)."""
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    return copy


def _opens_account(client) -> bool:
    return client.get("/account").status_code == 200


def test_a_cookie_copied_before_logout_no_longer_opens_the_account(app, member_client):
    copy = _copy_of_cookie(member_client, app)
    assert _opens_account(copy)
    member_client.post("/logout")
    assert not _opens_account(copy)
    assert not _opens_account(member_client)


def test_log_out_everywhere_ends_other_devices_and_app_tokens(app, member_client, log_in, api):
    laptop = app.test_client()
    log_in(laptop, "willow")
    token = api.as_member("willow")
    response = member_client.post("/account/sign-out-everywhere")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert not _opens_account(laptop) and not _opens_account(member_client)
    assert token("GET", "/me/preferences").status_code == 401


def test_changing_the_password_ends_other_copies_but_keeps_this_device(app, member_client, password, log_in):
    copy = _copy_of_cookie(member_client, app)
    changed = member_client.post(
        "/account/password",
        data={"current_password": password, "new_password": "a new quiet harbour", "confirm": "a new quiet harbour"},
    )
    assert changed.status_code == 302
    assert _opens_account(member_client)
    assert not _opens_account(copy)
    assert log_in(app.test_client(), "willow").status_code == 200  # the old password is refused
    assert log_in(app.test_client(), "willow", "a new quiet harbour").status_code == 302


def test_a_wrong_current_password_changes_nothing(member_client, log_in, app):
    refused = member_client.post(
        "/account/password", data={"current_password": "not it at all", "new_password": "x" * 12, "confirm": "x" * 12}
    )
    assert refused.status_code == 422 and "isn't your current password" in html.unescape(refused.get_data(as_text=True))
    assert log_in(app.test_client(), "willow").status_code == 302


def test_suspension_ends_sign_ins_for_good_even_after_reinstatement(app, admin_client, make_member, log_in):
    make_member("river")
    river = app.test_client()
    log_in(river, "river")
    with app.app_context():
        river_id = User.find_by_handle("river").id
    admin_client.post(f"/admin/members/{river_id}/suspend", data={"reason": "Shared a phone number."})
    admin_client.post(f"/admin/members/{river_id}/reinstate")
    assert not _opens_account(river)


@pytest.mark.parametrize("column, age", [("last_seen_at", timedelta(minutes=61)), ("created_at", timedelta(hours=13))])
def test_a_session_lapses_after_an_idle_hour_or_twelve_hours_in_all(app, member_client, column, age):
    with app.app_context():
        record = db.session.scalars(db.select(MemberSession)).one()
        setattr(record, column, getattr(record, column) - age)
        db.session.commit()
    response = member_client.get("/account")
    assert response.status_code == 302
    assert "logged out after a while" in member_client.get("/login").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(db.select(MemberSession)).all() == []


def test_the_account_page_says_how_long_sign_ins_last(member_client):
    page = member_client.get("/account").get_data(as_text=True)
    assert "up to 12 hours" in page and "60 minutes without using Harbour" in page
