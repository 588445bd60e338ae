"""What a rule-set document may contain, and every way it can be wrong.

Admins write these documents in a browser; a mistake must come back as a clear
message on the field that caused it (for a 422 and for the form), never as a
stack trace or, worse, a rule that silently stalls screening.
"""
import re
from re import _constants as sre_constants
from re import _parser as sre_parser

from moderation import detectors
from moderation.taxonomy import ACTIONS, CATEGORIES, Action
from moderation.text import normalise

RULE_ACTIONS: tuple[str, ...] = tuple(a for a in ACTIONS if a != Action.PUBLISH)
SWITCH_OFF = "allow"
RESERVED_PREFIXES = ("builtin.", "member.")

DEFAULTS = {
    "version": None,
    "combinations": [],
    "rules": [],
    "allow": [],
    "links": Action.HOLD.value,
    "contact": Action.HOLD.value,
    "numbers": Action.EDIT.value,
    "new_member_hold": 3,
    "strictness": {"standard": 1.0},
    "board_strictness": {},
    "pattern_timeout_ms": 50,
}
_RULE_FIELDS = {"id", "kind", "match", "action", "categories", "reason", "boards", "note"}
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)


class RuleSetError(ValueError):
    """A document that cannot be used; ``errors`` maps field paths to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors.items()))
        self.errors = errors


def nested_repeat(pattern: str) -> bool:
    """Whether a repeat sits inside another repeat, like (a+)+ or (\\w+\\s?)*.

    These are the classic shapes of catastrophic backtracking. The check uses
    the standard library's own regex parser, so it sees the real structure
    rather than guessing from the characters. It is deliberately cautious: a few
    harmless nestings are refused too, and a time limit still guards the rest.
    """
    return _has_nested_repeat(sre_parser.parse(pattern), inside_repeat=False)


def _has_nested_repeat(items, *, inside_repeat: bool) -> bool:
    for op, argument in items:
        if op in _REPEATS:
            _, most, body = argument
            repeats = most is sre_constants.MAXREPEAT or most > 1
            if (repeats and inside_repeat) or _has_nested_repeat(body, inside_repeat=inside_repeat or repeats):
                return True
        elif op is sre_constants.SUBPATTERN:
            if _has_nested_repeat(argument[-1], inside_repeat=inside_repeat):
                return True
        elif op is sre_constants.BRANCH:
            if any(_has_nested_repeat(branch, inside_repeat=inside_repeat) for branch in argument[1]):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if _has_nested_repeat(argument[1], inside_repeat=inside_repeat):
                return True
    return False


def _is_probability(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1


def _check_categories(value, path: str, errors: dict[str, str]) -> None:
    if not isinstance(value, list):
        errors[path] = "must be a list of categories"
        return
    for index, category in enumerate(value):
        if category not in CATEGORIES:
            errors[f"{path}[{index}]"] = f"unknown category {category!r}; use one of {', '.join(CATEGORIES)}"


def _check_action(value, path: str, errors: dict[str, str], *, may_switch_off: bool = False) -> None:
    allowed = RULE_ACTIONS + ((SWITCH_OFF,) if may_switch_off else ())
    if value not in allowed:
        errors[path] = f"unknown action {value!r}; use one of {', '.join(allowed)}"


def _check_pattern(pattern: str, path: str, errors: dict[str, str]) -> None:
    try:
        re.compile(pattern)
    except re.error as error:
        errors[path] = f"pattern does not compile: {error}"
        return
    if nested_repeat(pattern):
        errors[path] = (
            "pattern has a repeat inside a repeat, like (a+)+, which can stall screening; "
            "rewrite it without nesting"
        )


def _check_rule(rule, path: str, seen_ids: set[str], errors: dict[str, str]) -> None:
    if not isinstance(rule, dict):
        errors[path] = "must be an object"
        return
    for unknown in sorted(set(rule) - _RULE_FIELDS):
        errors[f"{path}.{unknown}"] = "unknown field"
    rule_id = rule.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        errors[f"{path}.id"] = "must be a non-empty string"
    elif rule_id in seen_ids:
        errors[f"{path}.id"] = f"duplicate id {rule_id!r}"
    elif rule_id.startswith(RESERVED_PREFIXES):
        errors[f"{path}.id"] = f"ids starting with {' or '.join(RESERVED_PREFIXES)} are reserved"
    else:
        seen_ids.add(rule_id)
    match = rule.get("match")
    if not isinstance(match, str) or not match.strip():
        errors[f"{path}.match"] = "must be a non-empty string"
    elif rule.get("kind") == "pattern":
        _check_pattern(match, f"{path}.match", errors)
    elif rule.get("kind") == "phrase":
        if not normalise(match.replace("#", " ")).strip():
            errors[f"{path}.match"] = "has no words to match"
    if rule.get("kind") not in ("phrase", "pattern"):
        errors[f"{path}.kind"] = "must be 'phrase' or 'pattern'"
    _check_action(rule.get("action"), f"{path}.action", errors)
    _check_categories(rule.get("categories", []), f"{path}.categories", errors)
    if not isinstance(rule.get("reason"), str) or not rule["reason"].strip():
        errors[f"{path}.reason"] = "must say, in a sentence the author will read, why the post needs a look"
    boards = rule.get("boards", [])
    if not isinstance(boards, list) or not all(isinstance(board, str) for board in boards):
        errors[f"{path}.boards"] = "must be a list of board slugs (empty for every board)"


def _check_thresholds(thresholds, errors: dict[str, str]) -> None:
    if not isinstance(thresholds, dict):
        errors["thresholds"] = "must map categories to {action: probability}"
        return
    for category, by_action in thresholds.items():
        path = f"thresholds.{category}"
        if category not in CATEGORIES:
            errors[path] = f"unknown category {category!r}; use one of {', '.join(CATEGORIES)}"
        elif not isinstance(by_action, dict):
            errors[path] = "must map actions to probabilities"
        else:
            for action, probability in by_action.items():
                _check_action(action, f"{path}.{action}", errors)
                if f"{path}.{action}" not in errors and not _is_probability(probability):
                    errors[f"{path}.{action}"] = "must be a probability between 0 and 1"


def _check_strictness(document: dict, errors: dict[str, str]) -> None:
    levels = document.get("strictness", DEFAULTS["strictness"])
    if not isinstance(levels, dict) or not levels:
        errors["strictness"] = "must map level names to factors"
        return
    for level, factor in levels.items():
        if not _is_probability(factor) or factor == 0:
            errors[f"strictness.{level}"] = "must be a factor above 0 and at most 1 (1 keeps thresholds as they are)"
    boards = document.get("board_strictness", {})
    if not isinstance(boards, dict):
        errors["board_strictness"] = "must map board slugs to strictness levels"
        return
    for board, level in boards.items():
        if level not in levels:
            errors[f"board_strictness.{board}"] = f"unknown level {level!r}; use one of {', '.join(levels)}"


def validate_document(document) -> dict[str, str]:
    """Every problem in a rule-set document, by field path; empty when it is usable."""
    if not isinstance(document, dict):
        return {"": "a rule set must be a JSON object"}
    errors: dict[str, str] = {}
    for unknown in sorted(set(document) - set(DEFAULTS) - {"thresholds"}):
        errors[unknown] = "unknown field"
    if "thresholds" not in document:
        errors["thresholds"] = "is required"
    else:
        _check_thresholds(document["thresholds"], errors)
    version = document.get("version")
    if version is not None and (not isinstance(version, str) or not version.strip()):
        errors["version"] = "must be a non-empty string"
    combinations = document.get("combinations", [])
    if not isinstance(combinations, list):
        errors["combinations"] = "must be a list"
    else:
        for index, combination in enumerate(combinations):
            path = f"combinations[{index}]"
            if not isinstance(combination, dict) or len(combination.get("categories", [])) < 2:
                errors[path] = "must name at least two categories and an action"
                continue
            _check_categories(combination["categories"], f"{path}.categories", errors)
            _check_action(combination.get("action"), f"{path}.action", errors)
    rules = document.get("rules", [])
    if not isinstance(rules, list):
        errors["rules"] = "must be a list"
    else:
        seen_ids: set[str] = set()
        for index, rule in enumerate(rules):
            _check_rule(rule, f"rules[{index}]", seen_ids, errors)
    allow = document.get("allow", [])
    if not isinstance(allow, list) or not all(isinstance(p, str) and p.strip() for p in allow):
        errors["allow"] = "must be a list of phrases"
    for group in detectors.GROUPS:
        _check_action(document.get(group, DEFAULTS[group]), group, errors, may_switch_off=True)
    count = document.get("new_member_hold", DEFAULTS["new_member_hold"])
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        errors["new_member_hold"] = "must be a whole number, 0 or more"
    _check_strictness(document, errors)
    timeout = document.get("pattern_timeout_ms", DEFAULTS["pattern_timeout_ms"])
    if not isinstance(timeout, int) or isinstance(timeout, bool) or not 1 <= timeout <= 1000:
        errors["pattern_timeout_ms"] = "must be a whole number of milliseconds from 1 to 1000"
    return errors
