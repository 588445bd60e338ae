"""Personal word filters: folded phrases, whole-word matches, the strictest choice wins."""
import pytest

from moderation.word_filters import PHRASE_MAX_LENGTH, WordFilters, fold, phrase_problem


def _filters(*pairs):
    return WordFilters.of((fold(phrase), choice) for phrase, choice in pairs)


def test_phrases_are_casefolded_and_unicode_normalised():
    assert fold("  Scars ") == fold("SCARS") == fold("ｓｃａｒｓ") == "scars"
    assert fold("Straße") == fold("STRASSE")
    assert fold("hard   Day") == "hard day"


@pytest.mark.parametrize("text", ["My scars itch today", "SCARS.", "old scars, new day", "(scars)"])
def test_a_filter_matches_the_word_in_any_case_and_next_to_punctuation(text):
    assert _filters(("scars", "collapse")).display_for(text) == "collapsed"


@pytest.mark.parametrize("text", ["a shortcut home", "she is cute", "cutting the grass"])
def test_a_filter_matches_whole_words_only(text):
    assert _filters(("cut", "hide")).display_for(text) == "shown"


def test_a_phrase_matches_across_any_space_and_line_breaks():
    assert _filters(("bad day", "collapse")).display_for("such a BAD\n day") == "collapsed"
    assert _filters(("bad day", "collapse")).display_for("bad days ahead") == "shown"


def test_hide_beats_collapse_and_any_text_counts():
    filters = _filters(("exam", "collapse"), ("relapse", "hide"))
    assert filters.display_for("exam week") == "collapsed"
    assert filters.display_for("exam week", "after the relapse") == "hidden"
    assert WordFilters.of([]).display_for("anything at all") == "shown"


def test_special_characters_in_a_phrase_are_taken_literally():
    assert _filters(("c++", "collapse")).display_for("learning c++ today") == "collapsed"
    assert _filters(("a.b", "collapse")).display_for("axb") == "shown"


@pytest.mark.parametrize("phrase", ["", "   ", "!!!", "x" * (PHRASE_MAX_LENGTH + 1), "bad\x00word"])
def test_empty_long_or_wordless_phrases_are_refused(phrase):
    assert phrase_problem(phrase)


def test_an_ordinary_phrase_is_fine():
    assert phrase_problem("hospital visits") is None and phrase_problem("Ärger") is None
