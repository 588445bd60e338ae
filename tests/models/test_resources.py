"""The resource directory: the shipped data, loading it again safely, and choosing services."""
import json
from datetime import date

import pytest

from forum.seed import RESOURCES_FILE, ensure_resources
from models import Resource, db
from models.resource import ALL_REGIONS, FALLBACK_REGION
from moderation.signposting import ResourceKey

EMERGENCY_NUMBERS = {"UK": "999", "IE": "112", "US": "911", "CA": "911", "AU": "000", "NZ": "111"}


@pytest.fixture
def directory(app):
    with app.app_context():
        yield


def _keys(resources):
    return [resource.key for resource in resources]


def test_every_region_has_its_emergency_number_first(directory):
    for region, number in EMERGENCY_NUMBERS.items():
        services = Resource.in_region(region)
        assert services[0].is_emergency and services[0].phone == number, region
        assert sum(s.is_emergency for s in services) == 1, region
        assert len(services) >= 3, region


def test_the_international_fallback_points_to_the_local_emergency_number_and_find_a_helpline(directory):
    services = Resource.in_region(FALLBACK_REGION)
    assert services[0].is_emergency and services[0].phone is None
    assert "https://findahelpline.com" in [s.website for s in services]


def test_the_shipped_file_uses_only_known_regions_keys_and_secure_links():
    data = json.loads(RESOURCES_FILE.read_text())
    known_keys = {key.value for key in ResourceKey}
    for entry in data["resources"]:
        assert entry["region"] in ALL_REGIONS, entry["key"]
        assert entry["categories"] and set(entry["categories"]) <= known_keys, entry["key"]
        for link in ("website", "chat_url"):
            assert entry.get(link, "https://").startswith("https://"), entry["key"]
        assert entry.get("phone") or entry.get("text_number") or entry.get("website") or entry.get("is_emergency")


def test_phone_and_text_links_keep_only_what_can_be_dialled(directory):
    trevor = db.session.scalar(db.select(Resource).where(Resource.key == "us-trevor"))
    assert trevor.phone_href == "tel:18664887386"
    assert trevor.text_href == "sms:678678"
    assert Resource(phone="+44 116 123").phone_href == "tel:+44116123"
    assert Resource(phone=None).phone_href is None and Resource(text_number=None).text_href is None


def test_loading_the_directory_again_adds_nothing_twice(directory):
    count = db.session.scalar(db.select(db.func.count(Resource.id)))
    assert ensure_resources() == (0, 0)
    assert db.session.scalar(db.select(db.func.count(Resource.id))) == count


def test_a_newer_verification_in_the_file_replaces_the_row_but_an_older_one_does_not(directory, tmp_path):
    samaritans = db.session.scalar(db.select(Resource).where(Resource.key == "uk-samaritans"))
    samaritans.hours = "Edited by the deployer"
    db.session.commit()
    data = json.loads(RESOURCES_FILE.read_text())
    data["resources"] = [e for e in data["resources"] if e["key"] == "uk-samaritans"]
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps(data))
    assert ensure_resources(stale) == (0, 0)
    assert samaritans.hours == "Edited by the deployer"

    data["resources"][0]["last_verified"] = "2099-01-01"
    fresh = tmp_path / "fresh.json"
    fresh.write_text(json.dumps(data))
    assert ensure_resources(fresh) == (0, 1)
    assert samaritans.hours == "Any time, day or night"
    assert samaritans.last_verified == date(2099, 1, 1)


def test_signposts_choose_services_by_category_and_region(directory):
    assert _keys(Resource.for_signposts(["eating"], "UK")) == ["uk-beat"]
    assert _keys(Resource.for_signposts(["eating"], "AU")) == ["au-butterfly"]
    assert "us-trevor" in _keys(Resource.for_signposts(["lgbtq"], "US"))


def test_crisis_signposts_put_the_emergency_number_first_even_after_other_keys(directory):
    chosen = _keys(Resource.for_signposts(["self_harm", "crisis"], "NZ"))
    assert chosen[0] == "nz-emergency"
    assert "nz-1737" in chosen and "nz-youthline" in chosen


def test_signposts_list_each_service_once_in_the_order_of_the_keys(directory):
    chosen = _keys(Resource.for_signposts(["crisis", "self_harm", "young_people"], "UK"))
    assert len(chosen) == len(set(chosen))
    assert chosen.index("uk-samaritans") < chosen.index("uk-childline")


def test_a_key_the_region_has_nothing_for_falls_back_to_the_international_list(directory):
    assert _keys(Resource.for_signposts(["eating"], "IE")) == ["intl-find-a-helpline"]
    chosen = _keys(Resource.for_signposts(["crisis", "eating"], "IE"))
    assert chosen[0] == "ie-emergency" and chosen[-1] == "intl-find-a-helpline"
    assert "intl-emergency" not in chosen


def test_retired_services_are_never_offered(directory):
    beat = db.session.scalar(db.select(Resource).where(Resource.key == "uk-beat"))
    beat.retired = True
    db.session.commit()
    assert "uk-beat" not in _keys(Resource.in_region("UK"))
    assert "uk-beat" not in _keys(Resource.for_signposts(["eating"], "UK"))


def test_the_shipped_directory_carries_the_checked_corrections_and_names_its_sources():
    data = json.loads(RESOURCES_FILE.read_text(encoding="utf-8"))
    entries = {entry["key"]: entry for entry in data["resources"]}
    assert "text_number" not in entries["uk-papyrus"]
    assert "text_keyword" not in entries["ie-50808"] and "website" not in entries["ie-50808"]
    assert entries["ie-childline"]["text_number"] == "50101" and "18 or under" in entries["ie-childline"]["offer"]
    assert "England" in entries["uk-beat"]["offer"]
    assert entries["au-lifeline"]["text_number"] == "0477 13 11 14"
    assert entries["au-beyond-blue"]["phone"] == "1300 22 4636"
    assert entries["nz-lifeline"]["text_number"] == "4357"
    assert "12 to 24" in entries["nz-youthline"]["offer"]
    sources = (RESOURCES_FILE.parent / "RESOURCES-SOURCES.md").read_text(encoding="utf-8")
    checked = [key for key, entry in entries.items() if "last_verified" in entry]
    assert checked and all(f"| `{key}` |" in sources for key in checked)
