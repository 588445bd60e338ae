"""What the classifier and the rules read: text with the usual filter-dodging undone.

Young people write "s e l f h a r m", "s3lf h@rm", "unalive" or "cat scratches"
precisely so that filters miss them. ``normalise`` folds those back into plain
words while leaving ordinary writing alone: leetspeak is decoded only inside
words that mix letters with digits or symbols, so "14 stitches", "45kg",
"3am" and "year 11" stay numbers.

``normalise_with_offsets`` also returns, for every character it produces, the
index of the original character it came from, so anything found in the
normalised text can be highlighted in the words the author actually wrote.
"""
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "|": "l"}
# Digits that text-speak uses for sounds rather than letters ("4ever", "b4", "gr8", "2day"):
# at the edge of a word they are left alone.
_EDGE_LEET = set("0137@$")
_UNIT_SUFFIXES = (
    "st|nd|rd|th|am|pm|k|kg|kgs|g|mg|ml|l|cm|mm|m|km|ft|lb|lbs|yo|yr|yrs|s|x|h|hr|hrs|min|mins|d|w|wk|wks|mo|k?cals?"
)
_NUMBER_WITH_UNIT = re.compile(rf"\d+(?:{_UNIT_SUFFIXES})")
_LONG_NUMBER_AT_EDGE = re.compile(r"^\d{2,}|\d{2,}$")
# A word for leetspeak purposes: letters, digits and the symbols leetspeak borrows; "!" and "|"
# only between two word characters, so "help!" keeps its exclamation mark.
_LEET_WORD = re.compile(r"(?:[^\W_]|[@$]|(?<=[^\W_])[!|](?=[^\W_]))+")
_LOOKS_LIKE_ADDRESS = re.compile(r"\S*(?:://|www\.|[\w.+-]@[\w-]+\.\w)\S*")
# Three or more single characters joined by one space or one separator: "s e l f", "k.m.s", "c-u-t".
_SPACED_LETTERS = re.compile(r"(?<![^\W_])(?:[^\W_]|[@$])(?:(?: |[.\-_*~])(?:[^\W_]|[@$])){2,}(?![^\W_])")
_SPACED_SEPARATORS = re.compile(r"[ .\-_*~]")
_REPEATED_LETTER = re.compile(r"([^\W\d_])\1{2,}")
_INVISIBLE = {"Cf", "Mn", "Me"}
_REFLEXIVE = r"(?:myself|yourself|himself|herself|themselves|themself|ourselves|me|them|him|her)"

# Algospeak and compounds, to plain words. Each pattern is matched as whole words on text that is
# already case-folded, de-spaced and de-leeted.
_ALGOSPEAK: tuple[tuple[str, str], ...] = (
    (rf"unalive(?=\s+{_REFLEXIVE}\b)", "kill"),
    (rf"unalived(?=\s+{_REFLEXIVE}\b)", "killed"),
    (rf"unaliving(?=\s+{_REFLEXIVE}\b)", "killing"),
    (rf"unalives(?=\s+{_REFLEXIVE}\b)", "kills"),
    (r"unalive", "kill myself"),
    (r"unalived", "died by suicide"),
    (r"unaliving|unalivement", "suicide"),
    (r"unalives", "kills themself"),
    (r"sewer[\s-]?slid(?:e|es|ing)", "suicide"),
    (r"sui(?:s|cy|sy)de", "suicide"),
    (r"commit(?:ting|ted|s)?\s+sudoku", "commit suicide"),
    (r"self[\s-]?delet(?:e|ing|ed|ion)|delete\s+myself", "suicide"),
    (r"ctb", "suicide"),
    (r"(?<!\d )kms", "kill myself"),
    (r"kys", "kill yourself"),
    (r"cat\s+scratch(?:es)?", "self harm cuts"),
    (r"bar[\s-]?cod(?:e|es|ed|ing)", "self harm cuts"),
    (r"self[\s-]?harm(?:ing|ed|s)?|sh", "self harm"),
    (r"killmyself", "kill myself"),
    (r"cutmyself", "cut myself"),
    (r"endmylife|endmyself", "end my life"),
    (r"wanttodie", "want to die"),
    (r"grippy\s+sock\s+(?:vacation|holiday|jail)", "psychiatric hospital stay"),
)


@dataclass
class _TracedText:
    """A string that remembers which original character each of its characters came from."""

    chars: str
    offsets: list[int]

    def sub(self, pattern: re.Pattern, replacement: Callable[[re.Match], str]) -> None:
        """Replace every match; new characters borrow offsets spread evenly over what they replace."""
        matches = list(pattern.finditer(self.chars))
        if not matches:
            return
        pieces, offsets, last = [], [], 0
        for match in matches:
            start, end = match.span()
            new = replacement(match)
            pieces.append(self.chars[last:start])
            offsets.extend(self.offsets[last:start])
            pieces.append(new)
            span = end - start
            if len(new) == span:
                offsets.extend(self.offsets[start:end])
            else:
                offsets.extend(self.offsets[start + (i * span) // max(len(new), 1)] for i in range(len(new)))
            last = end
        pieces.append(self.chars[last:])
        offsets.extend(self.offsets[last:])
        self.chars, self.offsets = "".join(pieces), offsets


def _fold(text: str) -> _TracedText:
    """NFKC and case-fold each character; drop invisible and combining marks (zero-width tricks, zalgo)."""
    if text.isascii():
        return _TracedText(text.lower(), list(range(len(text))))
    chars, offsets = [], []
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).casefold():
            if unicodedata.category(folded) not in _INVISIBLE:
                chars.append(folded)
                offsets.append(index)
    return _TracedText("".join(chars), offsets)


def _join_spaced_letters(match: re.Match) -> str:
    joined = _SPACED_SEPARATORS.sub("", match.group())
    letters = sum(char.isalpha() for char in joined)
    return joined if letters >= 3 and letters * 2 > len(joined) else match.group()


def _decode_leet(word: str) -> str:
    """Decode a word that mixes letters with leetspeak; leave numbers, units and text-speak alone."""
    letters = sum(char.isalpha() for char in word)
    if letters == len(word) or letters < 2 or word.startswith("@"):
        return word
    if _NUMBER_WITH_UNIT.fullmatch(word) or _LONG_NUMBER_AT_EDGE.search(word):
        return word
    core = word.strip("".join(_LEET))
    leading, trailing = word[: len(word) - len(word.lstrip("".join(_LEET)))], word[len(word.rstrip("".join(_LEET))):]
    if any(char not in _EDGE_LEET for char in leading + trailing):
        return word
    if (leading or trailing) and letters < 3:
        return word
    if any(not char.isalpha() and char not in _LEET for char in core):
        return word
    return "".join(_LEET.get(char, char) for char in word)


def _decode_chunk(match: re.Match) -> str:
    """Decode leetspeak and stretched letters in one whitespace-free chunk, unless it is an address."""
    chunk = match.group()
    if _LOOKS_LIKE_ADDRESS.fullmatch(chunk):
        return chunk
    chunk = _LEET_WORD.sub(lambda word: _decode_leet(word.group()), chunk)
    return _REPEATED_LETTER.sub(lambda repeated: repeated.group(1) * 2, chunk)


# One pass over word starts, first listed alternative wins: each alternative is a named group whose
# number finds its plain words.
_ALGOSPEAK_PATTERN = re.compile(
    r"(?<!\w)(?:" + "|".join(rf"(?P<a{number}>{pattern})" for number, (pattern, _) in enumerate(_ALGOSPEAK)) + r")(?!\w)"
)
_CHUNK = re.compile(r"(?<!\S)(?=\S*?(?:[\d@$!|]|([^\W\d_])\1\1))\S+")
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")
_EDGE_WHITESPACE = re.compile(r"^\s+|\s+$")


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text and, per character of it, the index of the original character."""
    traced = _fold(text)
    traced.sub(_SPACED_LETTERS, _join_spaced_letters)
    traced.sub(_CHUNK, _decode_chunk)
    traced.sub(_ALGOSPEAK_PATTERN, lambda match: _ALGOSPEAK[int(match.lastgroup[1:])][1])
    traced.sub(_EDGE_WHITESPACE, lambda match: "")
    traced.sub(_WHITESPACE, lambda match: " ")
    return traced.chars, traced.offsets


def normalise(text: str) -> str:
    """What the classifier and the rules read (see the module docstring)."""
    return normalise_with_offsets(text)[0]
