"""Every word the engine says, in one place.

Member-facing words are kind, plain and short: the author may be having the
worst day of their life, and a held post must never read like a telling-off.
Moderator-facing words are precise: scores, thresholds, rule ids.
"""
from moderation.taxonomy import CATEGORY_LABELS, Action, Category

HEADLINES: dict[str, str] = {
    Action.PUBLISH: "Your post follows our guidelines.",
    Action.WARN: "Your post can go up behind a content note ({labels}), so readers can choose when to read it.",
    Action.EDIT: "Your post needs a small change before it can go up.",
    Action.HOLD: "Your post is waiting for a moderator.",
    Action.CRISIS: (
        "It sounds like things might be really hard right now, and you don't have to face this alone. "
        "Please contact one of the crisis lines below now, or your local emergency number if you are in danger. "
        "A moderator will look at your post soon."
    ),
}

EDIT_INVITATION = "You can edit it and post again."
WARN_SUPPORT = "If things feel heavy, support is below."

CATEGORY_REASONS: dict[str, str] = {
    Category.SELF_HARM_MENTION: "It talks about self-harm, so a moderator checks it first on this board.",
    Category.SUICIDAL_IDEATION: "It talks about suicidal thoughts, so a moderator checks it first on this board.",
    Category.IMMINENT_RISK: "It sounds like you might be in danger, so a moderator will look at it soon.",
    Category.METHOD_DETAIL: (
        "It seems to describe ways of hurting yourself; our guidelines ask members to leave these out, "
        "because they can put others at risk."
    ),
    Category.GRAPHIC_INJURY: (
        "It seems to describe injuries in detail; our guidelines ask members to keep descriptions general."
    ),
    Category.NUMBERS: (
        "It mentions numbers; our guidelines ask members to leave them out, because they can be hard for "
        "others to read."
    ),
    Category.DISORDERED_EATING: "It talks about eating in a way that can be hard for others to read.",
    Category.ENCOURAGEMENT: (
        "It might read as encouraging or comparing self-harm; our guidelines ask members to support "
        "each other's recovery."
    ),
    Category.CONTACT_SHARING: (
        "It seems to share contact details or invite someone to talk or meet elsewhere; to keep everyone "
        "safe, conversations stay on Harbour."
    ),
    Category.HARASSMENT: "It might come across as unkind to another member.",
}

LINK_REASON = "It links to another website; moderators check outside links before they go up."
CONTACT_REASON = CATEGORY_REASONS[Category.CONTACT_SHARING]
NUMBERS_REASON = (
    "It includes numbers like weights, calories or stitches; our guidelines ask members to leave them out, "
    "because they can be hard for others to read."
)
PATTERN_TIMED_OUT_REASON = "We couldn't finish checking it automatically, so a moderator will look at it."
NEW_MEMBER_REASON = (
    "As you're new here, your first {count} posts are checked by a moderator before they appear. "
    "Thanks for your patience."
)
SCREENING_UNAVAILABLE_REASON = "screening unavailable"
SCREENING_UNAVAILABLE_FOR_AUTHOR = (
    "Your post is saved and waiting for a moderator: our automatic check couldn't run just now. "
    "Nothing is lost."
)


def content_labels(categories) -> str:
    """Reader-friendly names for content-note categories, e.g. "self-harm, numbers"."""
    return ", ".join(CATEGORY_LABELS[Category(category)] for category in categories)


def category_reason(category: str) -> str:
    return CATEGORY_REASONS[Category(category)]


def new_member_reason(count: int) -> str:
    return NEW_MEMBER_REASON.format(count=count)


# Moderator-facing lines: precise, one fact each.
MODERATOR_ACTION = "Action: {action}."
MODERATOR_SCORE = "{category} {score:.2f} >= {threshold:.2f} ({action}{strictness})"
MODERATOR_STRICTNESS = ", {level} board x{factor:g}"
MODERATOR_NOTHING = "No category over its threshold and no rule fired."
MODERATOR_RULE = "Rule {rule_id} -> {action}{categories}: {spans}"
MODERATOR_COMBINATION = "Combination {categories} -> {action}"
MODERATOR_EDIT_SUPERSEDES = "{category}: a rule lets the author fix this themselves, so edit replaces hold"
MODERATOR_MEMBER_RULE = "Member rule {rule_id} -> {action}{preview}"
MODERATOR_PREVIEW = " (preview: reported, not applied)"
MODERATOR_VERSIONS = "Model {model_version}; rule set {ruleset_version}."
MODERATOR_UNAVAILABLE = "Screening unavailable: {error}. Held unscreened (fail closed)."

# Moderator-facing names of the built-in rules, by rule id; admins' own rules are named by their id.
BUILT_IN_RULE_NAMES: dict[str, str] = {
    "builtin.links": "Outside link",
    "builtin.contact.email": "Email address",
    "builtin.contact.phone": "Phone number",
    "builtin.contact.handle": "Social media handle",
    "builtin.contact.platform": "Account on another app",
    "builtin.contact.invitation": "Invitation to talk elsewhere",
    "builtin.contact.meetup": "Invitation to meet",
    "builtin.numbers": "Numbers about self-harm or eating",
    "member.new_member": "New member: their first posts are checked",
    "engine.unavailable": "Automatic screening could not run",
}
