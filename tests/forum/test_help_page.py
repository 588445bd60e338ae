"""The "Get help now" page: emergency numbers first, then the reader's region's lines."""
import pytest

from forum.messages import REGION_NAMES
from models import Resource, User, db
from models.resource import ALL_REGIONS

EMERGENCY_LINKS = {"UK": "tel:999", "IE": "tel:112", "US": "tel:911", "CA": "tel:911", "AU": "tel:000", "NZ": "tel:111"}


def _page(client, path="/help"):
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("region", sorted(EMERGENCY_LINKS))
def test_logged_out_readers_choose_a_region_and_see_its_emergency_number_first(client, region):
    page = _page(client, f"/help?region={region}")
    emergency = page.index(f'href="{EMERGENCY_LINKS[region]}"')
    assert emergency < page.index("Talk to someone now")
    assert f'<option value="{region}" selected>' in page


def test_each_region_lists_its_own_text_lines_with_sms_links(client):
    assert 'href="sms:741741">Text HOME to 741741' in _page(client, "/help?region=US")
    assert 'href="sms:686868">Text CONNECT to 686868' in _page(client, "/help?region=CA")
    assert 'href="sms:1737">Text 1737' in _page(client, "/help?region=NZ")
    assert 'href="sms:50808">Text 50808' in _page(client, "/help?region=IE")


def test_lines_show_their_hours_and_when_their_details_were_checked(client):
    page = _page(client, "/help?region=AU")
    assert "Kids Helpline" in page and 'href="tel:1800551800">Call 1800 55 1800' in page
    assert "Any time, day or night" in page
    assert "details checked" in page and '<time datetime="2026-11-25">25 November 2026</time>' in page


def test_readers_elsewhere_get_the_local_emergency_advice_and_find_a_helpline(client):
    page = _page(client, "/help?region=INTL")
    assert "call the emergency number where you are" in page
    assert 'href="https://findahelpline.com"' in page
    assert "tel:" not in page


def test_members_see_their_own_regions_help_without_choosing(app, member_client):
    with app.app_context():
        db.session.scalar(db.select(User).where(User.handle == "willow")).region = "NZ"
        db.session.commit()
    page = _page(member_client)
    assert 'href="tel:111"' in page and "Youthline" in page and "Samaritans" not in page
    assert "Samaritans" in _page(member_client, "/help?region=UK")


def test_members_find_their_safety_plan_from_the_help_page(member_client, client):
    assert 'href="/safety-plan"' in _page(member_client)
    member_client.post("/logout")
    assert 'href="/safety-plan"' not in _page(client)


def test_an_unknown_region_falls_back_to_the_default_quietly(client):
    page = _page(client, "/help?region=ZZ")
    assert 'href="tel:999"' in page and '<option value="UK" selected>' in page


def test_retired_services_leave_the_help_page(app, client):
    with app.app_context():
        db.session.scalar(db.select(Resource).where(Resource.key == "uk-beat")).retired = True
        db.session.commit()
    assert "Beat" not in _page(client)


def test_every_region_the_directory_covers_has_a_name_members_can_choose():
    assert set(REGION_NAMES) == set(ALL_REGIONS)
