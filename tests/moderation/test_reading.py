"""How a post with content notes is shown to a reader, from their choices."""
import pytest

from moderation.reading import CHOICES, display_for, note_labels
from moderation.taxonomy import CATEGORIES, Category

SELF_HARM, SUICIDAL = Category.SELF_HARM_MENTION.value, Category.SUICIDAL_IDEATION.value


def test_a_post_without_notes_is_shown_to_everyone():
    assert display_for([], None) == "shown"
    assert display_for([], {SELF_HARM: "hide"}) == "shown"


def test_readers_who_chose_nothing_or_are_logged_out_get_posts_collapsed():
    for category in CATEGORIES:
        assert display_for([category], None) == "collapsed"
        assert display_for([category], {}) == "collapsed"


@pytest.mark.parametrize("choice, display", [("show", "shown"), ("collapse", "collapsed"), ("hide", "hidden")])
def test_each_choice_gives_its_display(choice, display):
    assert display_for([SELF_HARM], {SELF_HARM: choice}) == display


def test_hiding_any_note_hides_the_post():
    assert display_for([SELF_HARM, SUICIDAL], {SELF_HARM: "show", SUICIDAL: "hide"}) == "hidden"


def test_collapsing_any_note_collapses_a_post_nothing_hides():
    assert display_for([SELF_HARM, SUICIDAL], {SELF_HARM: "show", SUICIDAL: "collapse"}) == "collapsed"
    assert display_for([SELF_HARM, SUICIDAL], {SELF_HARM: "show"}) == "collapsed"


def test_a_post_is_shown_only_when_every_note_is_shown():
    assert display_for([SELF_HARM, SUICIDAL], {SELF_HARM: "show", SUICIDAL: "show"}) == "shown"


def test_notes_read_in_the_taxonomys_own_words():
    assert note_labels([SELF_HARM, SUICIDAL]) == ["self-harm", "suicidal thoughts"]


def test_the_choices_are_show_collapse_and_hide():
    assert CHOICES == ("show", "collapse", "hide")
