"""The content-note macro: a post body shown, collapsed behind a calm note, or hidden."""
import pytest
from flask import render_template_string

from forum.services.reading import Showing

MACRO = (
    '{% from "boards/_content_note.html" import post_body %}'
    "{{ post_body(body, warnings, display) }}"
)
BODY = "<p>Today was hard but I talked to my sister.</p>"
NOTES = ["self_harm_mention", "suicidal_ideation"]


@pytest.fixture
def render(app):
    def rendered(warnings, display, by_word_filter=False):
        with app.test_request_context():
            showing = Showing(display, by_word_filter)
            return render_template_string(MACRO, body=BODY, warnings=warnings, display=showing)

    return rendered


def test_a_collapsed_post_sits_behind_a_native_disclosure_naming_its_notes(render):
    html = render(NOTES, "collapsed")
    assert '<details class="content-note">' in html and "<details open" not in html
    assert "<summary>Content note: self-harm, suicidal thoughts" in html
    assert html.index("</summary>") < html.index(BODY) < html.index("</details>")


def test_a_hidden_post_leaves_only_a_small_placeholder(render):
    html = render(NOTES, "hidden")
    assert BODY not in html and "Today was hard" not in html
    assert "hide posts with this content note (self-harm, suicidal thoughts)" in html
    assert 'href="/account#reading"' in html


def test_a_shown_post_keeps_its_note_as_a_label(render):
    html = render(NOTES, "shown")
    assert BODY in html and "<details" not in html
    assert "Content note: self-harm, suicidal thoughts" in html


def test_a_post_without_notes_is_just_its_body(render):
    html = render([], "shown")
    assert BODY in html and "Content note" not in html


def test_a_post_collapsed_by_the_readers_word_filter_says_so_instead_of_a_note(render):
    html = render([], "collapsed", by_word_filter=True)
    assert "<summary>Collapsed by your word filter" in html
    assert html.index("</summary>") < html.index(BODY) < html.index("</details>")


def test_a_post_hidden_by_the_readers_word_filter_points_to_the_filters(render):
    html = render(NOTES, "hidden", by_word_filter=True)
    assert BODY not in html and "Hidden by your word filter" in html and 'href="/account#word-filters"' in html
