"""The "Support if you need it" panel and its helpers, on their own, before posts use them."""
import pytest
from flask import render_template_string

from forum.help.signposts import one_panel_per_page, reader_region, signpost_resources
from models import User

PANEL = '{% from "help/_signposts.html" import signpost_panel %}{{ signpost_panel(resources) }}'


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield


def _names(resources):
    return [resource.name for resource in resources]


def test_the_reader_region_is_the_one_asked_for_then_their_own_then_the_default():
    member = User(region="AU")
    assert reader_region(member, "CA") == "CA"
    assert reader_region(member, "nowhere") == "AU"
    assert reader_region(None) == "UK"
    assert reader_region(User(region="XX")) == "UK"


def test_signposts_turn_into_services_in_the_readers_region(ctx):
    assert _names(signpost_resources(["eating"], User(region="AU"))) == ["Butterfly Foundation"]
    assert _names(signpost_resources(["eating"], None)) == ["Beat"]


def test_the_panel_shows_each_service_with_tap_to_call_and_tap_to_text_links(ctx):
    html = render_template_string(PANEL, resources=signpost_resources(["crisis"], User(region="US")))
    assert '<aside class="signposts" aria-label="Support if you need it">' in html
    assert "Support if you need it</h2>" in html
    assert html.index('href="tel:911"') < html.index("988 Suicide &amp; Crisis Lifeline")
    assert 'href="tel:988">Call 988' in html and 'href="sms:988">Text 988' in html
    assert 'href="https://988lifeline.org/chat/"' in html
    assert 'href="/help"' in html


def test_no_services_means_no_panel(ctx):
    assert render_template_string(PANEL, resources=[]).strip() == ""


def test_a_page_gets_one_panel_under_the_first_post_that_asks_for_help(ctx):
    panel = one_panel_per_page([(1, []), (2, ["self_harm"]), (3, ["self_harm"]), (4, [])], None)
    assert panel.after_post_id == 2
    names = _names(panel.resources)
    assert len(names) == len(set(names))


def test_the_one_panel_carries_every_kind_of_help_asked_for_on_the_page_in_order(ctx):
    panel = one_panel_per_page([(5, ["eating"]), (6, ["young_people", "crisis"])], User(region="UK"))
    assert panel.after_post_id == 5
    names = _names(panel.resources)
    assert names[0] == "Emergency services"
    assert "Beat" in names and "Childline" in names
    assert names.index("Samaritans") < names.index("Beat")


def test_a_page_without_signposts_gets_no_panel(ctx):
    assert one_panel_per_page([(1, []), (2, ())], None) is None
    assert one_panel_per_page([], None) is None
