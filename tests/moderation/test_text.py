"""Normalisation undoes filter-dodging and leaves ordinary writing alone."""
import pytest

from moderation.text import normalise, normalise_with_offsets


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("s e l f h a r m", "self harm"),
        ("s e l f  h a r m again", "self harm again"),
        ("k.m.s", "kill myself"),
        ("I want to s3lf h@rm", "i want to self harm"),
        ("su1c1d4l thoughts again", "suicidal thoughts again"),
        ("Thinking about sewerslide tonight", "thinking about suicide tonight"),
        ("I want to unalive myself", "i want to kill myself"),
        ("i just want to unalive", "i just want to kill myself"),
        ("my cat scratches are healing", "my self harm cuts are healing"),
        ("the barcode on my arm", "the self harm cuts on my arm"),
        ("honestly kms", "honestly kill myself"),
        ("relapsed on sh last night", "relapsed on self harm last night"),
        ("I'm SOOOOO tired", "i'm soo tired"),
        ("ＦＵＬＬＷＩＤＴＨ ｓｕｉｃｉｄｅ", "fullwidth suicide"),
        ("sel\u200bf   harm", "self harm"),
        ("add me on 1nsta", "add me on insta"),
    ],
)
def test_filter_dodging_spellings_are_read_as_plain_words(written, read):
    assert normalise(written) == read


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("I needed 14 stitches in 2019", "i needed 14 stitches in 2019"),
        ("45kg at 3am in year 11, 1st time", "45kg at 3am in year 11, 1st time"),
        ("gr8 news, b4 the 4ever mp3 came out", "gr8 news, b4 the 4ever mp3 came out"),
        ("ran 5 kms this morning!!!", "ran 5 kms this morning!!!"),
        ("email lily.s@example.com or www.example.com", "email lily.s@example.com or www.example.com"),
        ("this exam is killing me", "this exam is killing me"),
        ("💔😭🙃", "💔😭🙃"),
        ("", ""),
    ],
)
def test_ordinary_writing_and_numbers_survive(written, read):
    assert normalise(written) == read


@pytest.mark.parametrize("text", ["I want to s3lf h@rm", "Honestly   I feel HOPELESS   forever", "s e l f h a r m", "Straße"])
def test_offsets_lead_back_to_the_characters_the_author_wrote(text):
    normalised, offsets = normalise_with_offsets(text)
    assert normalised == normalise(text)
    assert len(offsets) == len(normalised)
    assert offsets == sorted(offsets) and all(0 <= i < len(text) for i in offsets)


def test_a_span_found_in_normalised_text_highlights_the_original_spelling():
    text = "ok so I want to   s3lf h@rm tonight"
    normalised, offsets = normalise_with_offsets(text)
    start = normalised.index("self harm")
    mapped = offsets[start:start + len("self harm")]
    assert text[min(mapped):max(mapped) + 1] == "s3lf h@rm"
