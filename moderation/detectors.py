"""Built-in detectors for things no admin should have to write a regex for.

Outside links, contact details and specific self-harm or eating numbers follow
shapes (digits, "@", dots) that normalisation deliberately rewrites (leetspeak
turns "@" into "a" and "0" into "o"), so most detectors read the original text.
Invitations and meet-up requests are ordinary words, so they read the
normalised text, where "add me on 1nsta" has become "add me on insta".
A rule set switches each group on or off and picks its action; the shapes
themselves are code because they need care to be both safe and fast.
"""
import re
from dataclasses import dataclass
from typing import Callable

from moderation import messages
from moderation.taxonomy import Category

LINKS = "links"
CONTACT = "contact"
NUMBERS = "numbers"
GROUPS: tuple[str, ...] = (LINKS, CONTACT, NUMBERS)


@dataclass(frozen=True)
class Detector:
    rule_id: str
    group: str
    categories: tuple[str, ...]
    reason: str
    pattern: re.Pattern
    reads_normalised: bool = False
    accepts: Callable[[str], bool] = lambda matched: True

    def matches(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self.pattern.finditer(text) if m.end() > m.start() and self.accepts(m.group())]


def _between(low: int, high: int) -> Callable[[str], bool]:
    """Phone numbers have 9 to 15 digits; fewer is a date, a year or a helpline short code."""
    return lambda matched: low <= sum(ch.isdigit() for ch in matched) <= high


_I = re.IGNORECASE
_PLATFORMS = (
    r"snap(?:chat)?|insta(?:gram)?|ig|discord|whats\s?app|telegram|kik|tiktok|twitter|twitch|facebook|fb"
    r"|facetime|skype|reddit|wickr"
)
_CONTACT_THINGS = rf"{_PLATFORMS}|numbers?|nums?|digits|handle|tag|username|@|e-?mail|address"
_NUMBER = (
    r"(?:\d+(?:[.,]\d+)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|hundred)"
)
_HARM_UNITS = r"stitch(?:es)?|staples?|steri[\s-]?strips?|cuts|burns|pills|tablets|(?:mm|cm|inch(?:es)?)\s+deep"
_BODY_UNITS = r"kg|kgs|kilos?|kilograms?|lbs?|stone|k?cals?|calories|kcals?"
_WEIGHT_UNITS = r"pounds|lbs?|kg|kilos?|stone|st"

_CONTACT_CATEGORIES = (Category.CONTACT_SHARING.value,)

DETECTORS: tuple[Detector, ...] = (
    Detector(
        "builtin.links", LINKS, (), messages.LINK_REASON,
        re.compile(
            r"(?:https?://|www\.)\S+"
            r"|(?<![\w@.])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|uk|io|ly|gg|me|app|info|xyz)\b(?:/\S*)?"
            r"|\b\w+\s+dot\s+(?:com|org|net|uk|io|gg|me)\b",
            _I,
        ),
    ),
    Detector(
        "builtin.contact.email", CONTACT, _CONTACT_CATEGORIES, messages.CONTACT_REASON,
        re.compile(
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
            r"|\b[\w.]+\s*[(\[]?\s*at\s*[)\]]?\s+[\w-]+\s*[(\[]?\s*dot\s*[)\]]?\s*(?:com|org|net|co\.uk|uk)\b",
            _I,
        ),
    ),
    Detector(
        "builtin.contact.phone", CONTACT, _CONTACT_CATEGORIES, messages.CONTACT_REASON,
        re.compile(r"(?<![\w+])\+?\d(?:[\s().-]{0,2}\d){6,16}(?!\w)"),
        accepts=_between(9, 15),
    ),
    Detector(
        "builtin.contact.handle", CONTACT, _CONTACT_CATEGORIES, messages.CONTACT_REASON,
        re.compile(r"(?<![\w.@])@[a-z0-9_][a-z0-9_.]{1,29}", _I),
    ),
    Detector(
        "builtin.contact.platform", CONTACT, _CONTACT_CATEGORIES, messages.CONTACT_REASON,
        re.compile(
            rf"\b(?:{_PLATFORMS})\s*(?::|=|-)\s*@?[\w.#-]{{2,}}"
            rf"|\b(?:{_PLATFORMS})\s+(?:is|as)\s+['\"]?@?[\w-]+\.[\w.#-]+"
            rf"|\b(?:{_PLATFORMS}|username|tag)\s+(?:is|as)\s+['\"]@?[\w.#-]{{2,}}"
        ),
        reads_normalised=True,
    ),
    Detector(
        "builtin.contact.invitation", CONTACT, _CONTACT_CATEGORIES, messages.CONTACT_REASON,
        re.compile(
            rf"\b(?:add|follow|find|message|msg|dm|text|call|hmu|hit|request)\s+me(?:\s+up)?\s+(?:on|at|via)\b"
            rf"(?:\s+(?:{_PLATFORMS})\b)?"
            rf"|\b(?:dm|pm|inbox|text|ring|snap|whats\s?app|facetime)\s+me\b"
            rf"|\bcall\s+me\s+(?:on|at|tonight|any\s?time|whenever|later)\b"
            rf"|\bmy\s+(?:{_CONTACT_THINGS})(?:'s|s)?\s+(?:is|it's|its|are|in\s+my)\b"
            rf"|\b(?:what'?s|whats|wats|give\s+me|send\s+me|drop|share|have\s+you\s+got|can\s+i\s+(?:have|get))"
            rf"\s+(?:ur|your|you'?re)\s+(?:{_CONTACT_THINGS})\b"
            rf"|\b(?:swap|exchange)\s+(?:our\s+)?(?:numbers|nums|snaps|instas|discords|socials|details)\b"
            rf"|\b(?:send|give|dm|text|message)\s+(?:you|u|ya)\s+my\s+(?:{_CONTACT_THINGS})\b"
            rf"|\b(?:send|give)\s+my\s+(?:number|num|digits)\b"
            rf"|\b(?:talk|chat|speak|vent|move\s+this)\s+(?:on|over|via|to)\s+(?:{_PLATFORMS}|dms?|text)\b"
            rf"|\bon\s+(?:{_PLATFORMS})\s+as\b"
        ),
        reads_normalised=True,
    ),
    Detector(
        "builtin.contact.meetup", CONTACT, _CONTACT_CATEGORIES, messages.CONTACT_REASON,
        re.compile(
            r"\b(?:let['\u2019]?s|we\s+(?:could|should|can)|want\s+to|wanna|shall\s+we|could\s+we|can\s+we"
            r"|should\s+we|love\s+to|like\s+to)\s+(?:meet|hang\s+out)\b"
            r"|\bmeet\s+(?:me|up\s+with\s+me|irl|in\s+person|in\s+real\s+life|someone\s+irl)\b"
            r"|\bmeet\s+(?:up|for\s+(?:coffee|food|a\s+drink))\s+(?:sometime|some\s+time|this|next|at|on|if)\b"
            r"|\bwhere\s+do\s+you\s+live\b"
            r"|\b(?:what|which)\s+school\s+do\s+you\b"
            r"|\bcome\s+(?:round|over)\s+to\s+mine\b"
            r"|\bcome\s+(?:to|round\s+to|over\s+to)\s+my\s+(?:house|place|flat|halls)\b"
            r"|\bpick\s+you\s+up\s+from\b"
        ),
        reads_normalised=True,
    ),
    Detector(
        "builtin.numbers", NUMBERS, (Category.NUMBERS.value,), messages.NUMBERS_REASON,
        re.compile(
            rf"\b{_NUMBER}\s*-?\s*(?:{_HARM_UNITS}|{_BODY_UNITS})\b"
            rf"|\b\d+\s?st\s+\d+\b"
            rf"|\bbmi\b[^.!?\d]{{0,20}}\d+(?:[.,]\d+)?"
            rf"|\b\d+(?:[.,]\d+)?\s*bmi\b"
            rf"|\bcut\s+(?:myself\s+)?{_NUMBER}\s+times\b"
            rf"|\b(?:ate|eat|eating|eaten|eats)\s+(?:(?:like|about|only|just|under|less\s+than|around)\s+)?\d{{3,4}}\b"
            rf"|\b(?:scales?\s+(?:said|says|showed|shows|read|reads)|weigh(?:ed|ing|s)?(?:\s+in)?(?:\s+at)?)"
            rf"\s+(?:about\s+|like\s+)?\d+(?:[.,]\d+)?(?:\s*(?:{_WEIGHT_UNITS})\b)?"
            rf"|\b(?:gained|lost|lose|gain|losing|gaining|down|up)\s+(?:like\s+|about\s+|nearly\s+|almost\s+)?"
            rf"(?:\d+(?:[.,]\d+)?|a|half\s+a)\s*(?:{_WEIGHT_UNITS})\b",
            _I,
        ),
    ),
)
