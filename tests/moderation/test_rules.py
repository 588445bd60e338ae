"""Rule sets: validation by field, phrase and pattern rules, allow-lists, built-in detectors."""
import copy
import json

import pytest

from moderation.rules import DEFAULT_PATH, NEW_MEMBER_RULE_ID, PreparedText, RuleSet, RuleSetError
from moderation.ruleset_schema import nested_repeat, validate_document
from moderation.taxonomy import CATEGORIES, Action, Category
from moderation.verdict import ReviewContext

DEFAULT_DOCUMENT = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


def ruleset_with(**changes) -> RuleSet:
    return RuleSet({**copy.deepcopy(DEFAULT_DOCUMENT), **changes})


def rule(**fields) -> dict:
    return {
        "id": "test_rule",
        "kind": "phrase",
        "match": "hopeless forever",
        "action": Action.HOLD.value,
        "categories": [Category.SUICIDAL_IDEATION.value],
        "reason": "It sounds very heavy; a moderator checks it first.",
        "boards": [],
    } | fields


def fired(ruleset: RuleSet, text: str, context: ReviewContext | None = None) -> dict[str, list[str]]:
    findings = ruleset.evaluate(PreparedText.of(text), context or ReviewContext())
    return {finding.rule_id: [span.text for span in finding.spans] for finding in findings}


DEFAULT = RuleSet.default()


# --- the shipped document -------------------------------------------------

def test_default_ruleset_is_valid_and_sets_a_threshold_for_every_category():
    assert validate_document(DEFAULT_DOCUMENT) == {}
    assert set(DEFAULT.thresholds) == set(CATEGORIES)


def test_version_falls_back_to_a_content_hash_that_changes_with_the_content():
    unversioned = {key: value for key, value in DEFAULT_DOCUMENT.items() if key != "version"}
    first = RuleSet(unversioned).version
    second = RuleSet({**unversioned, "new_member_hold": 5}).version
    assert first.startswith("sha256:") and second.startswith("sha256:") and first != second


# --- validation -----------------------------------------------------------

@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"thresholds": {"sadness": {"warn": 0.5}}}, "thresholds.sadness"),
        ({"thresholds": {"numbers": {"hold": 1.5}}}, "thresholds.numbers.hold"),
        ({"thresholds": {"numbers": {"hold": True}}}, "thresholds.numbers.hold"),
        ({"thresholds": {"numbers": {"delete": 0.5}}}, "thresholds.numbers.delete"),
        ({"rules": [rule(action="ban")]}, "rules[0].action"),
        ({"rules": [rule(categories=["sadness"])]}, "rules[0].categories[0]"),
        ({"rules": [rule(kind="pattern", match="(unclosed")]}, "rules[0].match"),
        ({"rules": [rule(kind="pattern", match="(a+)+$")]}, "rules[0].match"),
        ({"rules": [rule(kind="glob")]}, "rules[0].kind"),
        ({"rules": [rule(reason="")]}, "rules[0].reason"),
        ({"rules": [rule(), rule()]}, "rules[1].id"),
        ({"rules": [rule(id="builtin.links")]}, "rules[0].id"),
        ({"rules": [rule(colour="red")]}, "rules[0].colour"),
        ({"links": "sometimes"}, "links"),
        ({"new_member_hold": -1}, "new_member_hold"),
        ({"strictness": {"standard": 1.0, "strict": 0}}, "strictness.strict"),
        ({"board_strictness": {"introductions": "fierce"}}, "board_strictness.introductions"),
        ({"combinations": [{"categories": ["numbers", "sadness"], "action": "hold"}]}, "combinations[0].categories[1]"),
        ({"tresholds": {}}, "tresholds"),
    ],
)
def test_invalid_documents_are_refused_with_a_message_on_the_field(changes, field):
    document = {**copy.deepcopy(DEFAULT_DOCUMENT), **changes}
    errors = validate_document(document)
    assert field in errors, errors
    with pytest.raises(RuleSetError) as refused:
        RuleSet(document)
    assert refused.value.errors == errors


def test_a_pattern_that_does_not_compile_says_why():
    errors = validate_document({**DEFAULT_DOCUMENT, "rules": [rule(kind="pattern", match="[a-")]})
    assert errors["rules[0].match"].startswith("pattern does not compile")


@pytest.mark.parametrize("pattern", [r"(a+)+", r"(\w+\s?)*$", r"(?:x*)*y", r"((ab)*c)+", r"(?:a|b+)*", r"(a{2,})+"])
def test_patterns_with_a_repeat_inside_a_repeat_are_seen_as_catastrophic(pattern):
    assert nested_repeat(pattern)


@pytest.mark.parametrize("pattern", [r"\bmine (?:are|were) worse\b", r"(?:ab)+c", r"(a?)+", r"\d+ (?:kg|lbs)", r"(?:\s\w)?x"])
def test_ordinary_patterns_are_accepted(pattern):
    assert not nested_repeat(pattern)


# --- phrase and pattern rules ----------------------------------------------

@pytest.mark.parametrize("text", ["I feel hopeless forever", "HOPELESS   FOREVER", "hopeless-forever", "hopelessforever"])
def test_phrase_rules_ignore_case_and_spacing(text):
    ruleset = ruleset_with(rules=[rule()])
    assert "test_rule" in fired(ruleset, text)


def test_phrase_rules_match_whole_words_only():
    ruleset = ruleset_with(rules=[rule(match="ana")])
    assert "test_rule" not in fired(ruleset, "my banana bread went well")
    assert "test_rule" in fired(ruleset, "ana keeps talking in my head")


def test_spans_point_at_the_words_the_author_actually_wrote():
    text = "Honestly   I feel HOPELESS   forever today"
    spans = fired(ruleset_with(rules=[rule()]), text)["test_rule"]
    assert spans == ["HOPELESS   forever"]


def test_board_scoped_rules_fire_only_on_their_boards():
    ruleset = ruleset_with(rules=[rule(boards=["introductions"])])
    assert "test_rule" in fired(ruleset, "hopeless forever", ReviewContext(board="introductions"))
    assert "test_rule" not in fired(ruleset, "hopeless forever", ReviewContext(board="recovery"))


def test_pattern_rules_run_on_normalised_text():
    ruleset = ruleset_with(rules=[rule(kind="pattern", match=r"\bhopeless\s+forever\b")])
    assert "test_rule" in fired(ruleset, "HOPELESS\n\nFOREVER")


def test_a_slow_pattern_is_stopped_by_the_time_limit_and_holds_the_post():
    slow = rule(id="slow", kind="pattern", match=r"(?:\w|\w\w)*\s\s", action=Action.WARN.value)
    assert validate_document({**DEFAULT_DOCUMENT, "rules": [slow]}) == {}, "the nesting check cannot see this one"
    ruleset = ruleset_with(rules=[slow], pattern_timeout_ms=20)
    text = "abcdefghijklmnopqrstuvwxyz" * 2 + ". ok"
    findings = ruleset.evaluate(PreparedText.of(text), ReviewContext())
    (finding,) = [f for f in findings if f.rule_id == "slow"]
    assert finding.action == Action.HOLD
    assert "couldn't finish checking" in finding.reason


# --- allow-list ------------------------------------------------------------

def test_allow_list_phrases_cancel_the_matches_they_overlap():
    counting_days = rule(
        id="days", kind="pattern", match=r"\b\d+\s(?:days|weeks)\b",
        categories=[Category.NUMBERS.value], action=Action.EDIT.value,
    )
    ruleset = ruleset_with(rules=[counting_days], allow=["clean for # days"])
    assert "days" not in fired(ruleset, "I've been clean for 30 days!")
    assert "days" in fired(ruleset, "it has hurt for 30 days")


def test_allow_listed_helpline_sites_are_not_held_as_outside_links():
    assert fired(DEFAULT, "The Samaritans page helped me: https://www.samaritans.org/how-we-can-help") == {}
    assert "builtin.links" in fired(DEFAULT, "look at https://example.com/thread")


# --- built-in detectors ----------------------------------------------------

@pytest.mark.parametrize(
    ("text", "rule_id"),
    [
        ("text me, my mobile is 07700 900123", "builtin.contact.phone"),
        ("ring +44 7700 900 123 any time", "builtin.contact.phone"),
        ("email me at lily.s@example.com", "builtin.contact.email"),
        ("I'm @lily_22 on most apps", "builtin.contact.handle"),
        ("snap: lily_22", "builtin.contact.platform"),
        ("discord - moonlily#2041", "builtin.contact.platform"),
        ("add me on insta if you want to talk", "builtin.contact.invitation"),
        ("we could talk on whatsapp instead", "builtin.contact.invitation"),
        ("just dm me", "builtin.contact.invitation"),
        ("u seem cool, whats ur snap", "builtin.contact.invitation"),
        ("we should exchange numbers in case of a bad night", "builtin.contact.invitation"),
        ("my gmail is harbourfriend at example dot com", "builtin.contact.email"),
        ("we live close, let's meet up this weekend", "builtin.contact.meetup"),
        ("where do you live?", "builtin.contact.meetup"),
    ],
)
def test_contact_sharing_is_held_as_a_safeguarding_risk(text, rule_id):
    findings = {f.rule_id: f for f in DEFAULT.evaluate(PreparedText.of(text), ReviewContext())}
    assert rule_id in findings, findings
    assert findings[rule_id].action == Action.HOLD
    assert findings[rule_id].categories == (Category.CONTACT_SHARING.value,)


@pytest.mark.parametrize(
    "text",
    [
        "I was 15 in 2019 and things are better now",
        "you can call me Sam",
        "I meet my counsellor on Tuesdays",
        "my therapist said something that stuck with me",
        "@ the end of the day I'm proud of myself",
        "the 3rd of May was a hard day",
    ],
)
def test_ordinary_posts_are_not_mistaken_for_contact_sharing(text):
    assert not [rule_id for rule_id in fired(DEFAULT, text) if rule_id.startswith("builtin.contact")]


def test_outside_links_are_held_only_when_the_rule_set_says_so():
    text = "this article helped, see www.example.org/coping"
    assert fired(DEFAULT, text)["builtin.links"] == ["www.example.org/coping"]
    assert "builtin.links" not in fired(ruleset_with(links="allow"), text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("I needed 12 stitches after", "12 stitches"),
        ("the scale said 45kg this morning", "scale said 45kg"),
        ("I'm 45kg and hate it", "45kg"),
        ("I only had 600 calories yesterday", "600 calories"),
        ("my BMI is 16 apparently", "BMI is 16"),
        ("it took five stitches", "five stitches"),
        ("gained 2 pounds and my brain is on fire", "gained 2 pounds"),
    ],
)
def test_specific_numbers_go_back_to_the_author_to_leave_out(text, number):
    findings = {f.rule_id: f for f in DEFAULT.evaluate(PreparedText.of(text), ReviewContext())}
    finding = findings["builtin.numbers"]
    assert [span.text for span in finding.spans] == [number]
    assert finding.action == Action.EDIT
    assert "leave them out" in finding.reason


@pytest.mark.parametrize(
    "text",
    ["clean for 30 days!", "I'm 16 and in year 11", "3 years ago it started", "it cost 5 pounds", "benched 40kg today!"],
)
def test_everyday_numbers_are_not_a_numbers_breach(text):
    assert "builtin.numbers" not in fired(DEFAULT, text)


# --- member rules and strictness -------------------------------------------

@pytest.mark.parametrize(("published", "held"), [(0, True), (2, True), (3, False), (40, False), (None, False)])
def test_a_members_first_posts_are_held(published, held):
    findings = DEFAULT.member_findings(ReviewContext(author_published_posts=published))
    assert [f.rule_id for f in findings] == ([NEW_MEMBER_RULE_ID] if held else [])


def test_new_member_hold_of_zero_switches_pre_moderation_off():
    assert ruleset_with(new_member_hold=0).member_findings(ReviewContext(author_published_posts=0)) == []


def test_board_strictness_comes_from_the_board_then_the_rule_set_then_standard():
    assert DEFAULT.strictness_of(ReviewContext(board="introductions")) == ("strict", 0.8)
    assert DEFAULT.strictness_of(ReviewContext(board="introductions", board_strictness="standard")) == ("standard", 1.0)
    assert DEFAULT.strictness_of(ReviewContext(board="recovery")) == ("standard", 1.0)


def test_an_unknown_strictness_level_errs_on_the_strict_side():
    assert DEFAULT.strictness_of(ReviewContext(board_strictness="mystery")) == ("mystery", 0.8)
