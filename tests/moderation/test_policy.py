"""Policy: from scores and findings to one verdict, under the default rule set.

Scores are given explicitly here: these tests are about the decision, not the model.
"""
import json

import pytest

from moderation.policy import decide, unavailable_verdict
from moderation.rules import NEW_MEMBER_RULE_ID, PreparedText, RuleSet
from moderation.taxonomy import Action, Category
from moderation.verdict import Finding, ReviewContext, Span

RULES = RuleSet.default()
MODEL = "test-model-1"


def verdict_for(scores=None, findings=(), context=None, text=None):
    context = context or ReviewContext()
    if text is not None:
        findings = RULES.evaluate(PreparedText.of(text), context)
    return decide(scores or {}, list(findings), RULES, context, model_version=MODEL)


def threshold(category: Category) -> float:
    return min(RULES.thresholds[category.value].values())


@pytest.mark.parametrize(
    ("category", "action"),
    [
        (Category.IMMINENT_RISK, Action.CRISIS),
        (Category.METHOD_DETAIL, Action.HOLD),
        (Category.GRAPHIC_INJURY, Action.HOLD),
        (Category.NUMBERS, Action.HOLD),
        (Category.ENCOURAGEMENT, Action.HOLD),
        (Category.CONTACT_SHARING, Action.HOLD),
        (Category.HARASSMENT, Action.HOLD),
        (Category.SELF_HARM_MENTION, Action.WARN),
        (Category.SUICIDAL_IDEATION, Action.WARN),
        (Category.DISORDERED_EATING, Action.WARN),
    ],
)
def test_each_category_over_its_threshold_gets_its_default_action(category, action):
    verdict = verdict_for({category.value: 0.99})
    assert verdict.action == action
    assert verdict.flagged == [category.value]


def test_scores_below_every_threshold_are_published_without_notes_or_signposts():
    verdict = verdict_for({category.value: threshold(category) - 0.01 for category in Category})
    assert verdict.action == Action.PUBLISH
    assert (verdict.warnings, verdict.signposts, verdict.flagged) == ([], [], [])


def test_warned_posts_carry_content_notes_and_signposts():
    verdict = verdict_for({Category.SUICIDAL_IDEATION.value: 0.9, Category.SELF_HARM_MENTION.value: 0.9})
    assert verdict.warnings == [Category.SELF_HARM_MENTION.value, Category.SUICIDAL_IDEATION.value]
    assert verdict.signposts == ["crisis", "self_harm", "young_people"]
    assert "content note (self-harm, suicidal thoughts)" in verdict.explanation_for_author


def test_the_most_severe_action_wins_and_crisis_lines_come_first():
    verdict = verdict_for(
        {Category.IMMINENT_RISK.value: 0.9, Category.NUMBERS.value: 0.9, Category.SELF_HARM_MENTION.value: 0.9}
    )
    assert verdict.action == Action.CRISIS
    assert verdict.signposts[0] == "crisis"


def test_contact_details_are_not_a_content_note():
    verdict = verdict_for({Category.CONTACT_SHARING.value: 0.9})
    assert verdict.action == Action.HOLD
    assert verdict.warnings == []
    assert verdict.flagged == [Category.CONTACT_SHARING.value]


def test_numbers_the_author_can_leave_out_go_back_to_them_instead_of_waiting():
    verdict = verdict_for({Category.NUMBERS.value: 0.9}, text="I needed 12 stitches and I'm scared")
    assert verdict.action == Action.EDIT
    assert "leave them out" in verdict.explanation_for_author
    assert "You can edit it and post again." in verdict.explanation_for_author
    assert "edit replaces hold" in verdict.explanation_for_moderators


def test_a_fixable_rule_does_not_soften_other_categories():
    scores = {Category.NUMBERS.value: 0.9, Category.GRAPHIC_INJURY.value: 0.9}
    assert verdict_for(scores, text="I needed 12 stitches").action == Action.HOLD


def test_a_fixable_rule_never_softens_a_crisis():
    scores = {Category.IMMINENT_RISK.value: 0.9, Category.NUMBERS.value: 0.9}
    assert verdict_for(scores, text="I needed 12 stitches").action == Action.CRISIS


def test_disordered_eating_with_numbers_is_held_for_a_moderator():
    eating_only = verdict_for({Category.DISORDERED_EATING.value: 0.9}, text="I skipped dinner again")
    with_numbers = verdict_for({Category.DISORDERED_EATING.value: 0.9}, text="I only had 600 calories today")
    assert eating_only.action == Action.WARN
    assert with_numbers.action == Action.HOLD
    assert "Combination disordered_eating+numbers -> hold" in with_numbers.explanation_for_moderators


def test_rule_findings_decide_even_when_scores_are_low():
    verdict = verdict_for({}, text="add me on snap if you want to talk")
    assert verdict.action == Action.HOLD
    assert [f.rule_id for f in verdict.findings] == ["builtin.contact.invitation"]
    assert verdict.findings[0].spans == (Span(0, 14, "add me on snap"),)


def test_strict_boards_act_on_lower_scores():
    score = {Category.SELF_HARM_MENTION.value: threshold(Category.SELF_HARM_MENTION) * 0.9}
    standard = verdict_for(score, context=ReviewContext(board="recovery"))
    strict = verdict_for(score, context=ReviewContext(board="introductions"))
    assert (standard.action, strict.action) == (Action.PUBLISH, Action.WARN)
    assert "strict board x0.8" in strict.explanation_for_moderators


def test_new_members_are_held_on_submission_but_not_in_a_preview():
    submitted = verdict_for({}, context=ReviewContext(author_published_posts=0))
    preview = verdict_for({}, context=ReviewContext(author_published_posts=0, preview=True))
    assert submitted.action == Action.HOLD
    assert "your first 3 posts" in submitted.explanation_for_author
    assert preview.action == Action.PUBLISH
    assert [rule.rule_id for rule in preview.member_rules] == [NEW_MEMBER_RULE_ID]
    assert "preview: reported, not applied" in preview.explanation_for_moderators


def test_an_established_member_has_no_member_rules():
    assert verdict_for({}, context=ReviewContext(author_published_posts=12)).member_rules == []


def test_held_posts_tell_the_author_kindly_why():
    verdict = verdict_for({Category.METHOD_DETAIL.value: 0.9})
    assert verdict.explanation_for_author.startswith("Your post is waiting for a moderator.")
    assert "ways of hurting yourself" in verdict.explanation_for_author


def test_moderators_see_scores_against_thresholds_rules_and_versions():
    verdict = verdict_for({Category.CONTACT_SHARING.value: 0.93}, text="email me at lily.s@example.com")
    explanation = verdict.explanation_for_moderators
    assert "contact_sharing 0.93 >= 0.50 (hold)" in explanation
    assert 'Rule builtin.contact.email -> hold [contact_sharing]: "lily.s@example.com"' in explanation
    assert f"Model {MODEL}; rule set {RULES.version}." in explanation
    assert (verdict.model_version, verdict.ruleset_version) == (MODEL, RULES.version)


def test_a_published_verdict_explains_itself_briefly():
    verdict = verdict_for({})
    assert verdict.explanation_for_author == "Your post follows our guidelines."
    assert "No category over its threshold and no rule fired." in verdict.explanation_for_moderators


def test_a_verdict_survives_a_round_trip_through_json():
    verdict = verdict_for({Category.NUMBERS.value: 0.7}, text="I needed 12 stitches")
    document = json.loads(json.dumps(verdict.to_dict()))
    assert document["action"] == Action.EDIT
    assert document["findings"][0]["spans"] == [{"start": 9, "end": 20, "text": "12 stitches"}]
    assert set(document) >= {
        "action", "warnings", "signposts", "findings", "categories", "member_rules",
        "explanation_for_author", "explanation_for_moderators", "model_version", "ruleset_version",
    }


def test_screening_that_could_not_run_holds_the_post():
    verdict = unavailable_verdict("TimeoutError: slow", ruleset_version="default-1")
    assert verdict.action == Action.HOLD
    assert [f.reason for f in verdict.findings] == ["screening unavailable"]
    assert "Nothing is lost" in verdict.explanation_for_author
    assert "TimeoutError: slow" in verdict.explanation_for_moderators


def test_findings_from_admin_rules_use_their_own_reason_for_the_author():
    finding = Finding("no_names", (), Action.HOLD.value, "It names another member; please keep posts anonymous.")
    verdict = verdict_for({}, findings=[finding])
    assert verdict.explanation_for_author == (
        "Your post is waiting for a moderator. It names another member; please keep posts anonymous."
    )
