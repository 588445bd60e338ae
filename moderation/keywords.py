"""Plain keyword patterns per self-harm category: the baseline the classifier must beat, and a guard on weak labels.

Two uses, both deliberately simple: the model card ranks held-out posts by how many of these patterns they
match (the "keyword baseline"), and ``moderation.real_data`` leaves a category unknown, rather than
negative, on a weakly labelled post that uses its words. Patterns are matched on normalised text
(``moderation.text.normalise``), so filter-dodging spellings count too. Words only, never instructions.
"""
import re
from functools import lru_cache

from moderation.taxonomy import SELF_HARM_CONTENT, Category
from moderation.text import normalise

PATTERNS: dict[str, str] = {
    Category.SELF_HARM_MENTION.value:
        r"self[\s-]?harm|cut(?:ting)?\s+(?:myself|my\s+(?:arm|wrist|leg|thigh)s?)|hurt(?:ing)?\s+myself|"
        r"burn(?:ing|ed|t)?\s+myself|scars?|razors?|blades?|relapsed?",
    Category.SUICIDAL_IDEATION.value:
        r"suicid\w*|kill(?:ing)?\s+myself|end(?:ing)?\s+(?:my|it)\s+(?:life|all)|end\s+it|want(?:ed)?\s+to\s+die|"
        r"better\s+off\s+dead|wish\s+i\s+(?:was|were)\s+dead|not\s+(?:wake|be\s+here)|don'?t\s+want\s+to\s+live|"
        r"no\s+reason\s+to\s+live|take\s+my\s+(?:own\s+)?life",
    Category.IMMINENT_RISK.value:
        r"tonight|goodbye|final\s+(?:note|letter|message)|(?:have|got)\s+(?:a|the)\s+plan|last\s+(?:day|night|post)",
    Category.METHOD_DETAIL.value:
        r"overdos\w*|pills?|hang(?:ing)?\s+myself|noose|jump(?:ing)?\s+(?:off|from)|bridge|rope|lethal|"
        r"how\s+(?:many|much)",
    Category.GRAPHIC_INJURY.value: r"blood|bleed\w*|stitch\w*|wounds?|gash\w*|deep\s+cuts?",
    Category.NUMBERS.value: r"\d+\s*(?:kg|lbs?|pounds|cal(?:orie)?s?|kcal|pills|tablets|stitches|cuts|bmi)|bmi",
    Category.DISORDERED_EATING.value:
        r"anorexi\w*|bulimi\w*|binge\w*|purg\w*|starv\w*|restrict\w*|calories|fasting|\bana\b|\bmia\b|"
        r"eating\s+disorder|\bed\b|thinspo\w*|weigh(?:t|ed)?",
    Category.ENCOURAGEMENT.value: r"you\s+should\s+(?:just\s+)?(?:do\s+it|die|kill)|do\s+it\s+already|kys",
}
_COMPILED = {category: re.compile(rf"\b(?:{pattern})\b") for category, pattern in PATTERNS.items()}


@lru_cache(maxsize=65536)
def _normalised(text: str) -> str:
    return normalise(text)


def mentions(text: str, category: str) -> bool:
    """Whether the text uses one of ``category``'s words (categories without patterns: never)."""
    pattern = _COMPILED.get(category)
    return bool(pattern and pattern.search(_normalised(text)))


def baseline_score(text: str) -> float:
    """The keyword baseline for any self-harm content: how many self-harm categories' words appear."""
    return float(sum(mentions(text, category) for category in SELF_HARM_CONTENT))
