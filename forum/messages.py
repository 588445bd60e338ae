"""Member-facing words about posts, reports, help and reading, kept in one place so they stay kind and consistent."""
from moderation.messages import LINK_REASON, category_reason
from moderation.taxonomy import CATEGORIES, AppealOutcome, Decision, ReportReason
from models import ItemStatus, PostStatus
from models.appeals import APPEAL_WINDOW_DAYS, NOTE_MAX_LENGTH
from moderation.reading import Choice
from moderation.word_filters import FILTERS_MAX

STATUS_LABELS = {
    PostStatus.PENDING.value: "Being checked",
    PostStatus.PUBLISHED.value: "Posted",
    PostStatus.HELD.value: "Waiting for a moderator",
    PostStatus.NEEDS_EDIT.value: "Needs a small change",
    PostStatus.REMOVED.value: "Removed",
}

POST_OUTCOMES = {
    PostStatus.PENDING.value: "Thanks. Your post is saved and is being checked.",
    PostStatus.PUBLISHED.value: "Thanks for sharing. Your post is up.",
    PostStatus.HELD.value: "Thanks. Your post is saved and a moderator will look at it soon.",
    PostStatus.NEEDS_EDIT.value: "Thanks. Your post needs a small change before others can see it.",
    PostStatus.REMOVED.value: "This post has been removed.",
}

# What the compose form says about a draft (the live check and "Check my post" alike).
DRAFT_CLEAR = "Your post looks fine to go up."
DRAFT_STILL_POSTABLE = "You can still post as it is; a moderator may check it first."
DRAFT_CRISIS_CLOSING = (
    "If you post it, a moderator will see it and look in soon. You don't have to wait for us: "
    "the people above are there for you right now."
)

# A handle shows beside every post, so it is screened like one.
HANDLE_NOT_ALLOWED = (
    "Please choose a different name. Names are seen by everyone, so they can't mention self-harm, "
    "share contact details or include anything our guidelines keep out of posts."
)
HANDLE_CHECK_UNAVAILABLE = "We couldn't check that name just now. Please try again in a minute."

# One-time submission keys (the API's Idempotency-Key header, the pages' form tokens).
SUBMISSION_KEY_INVALID = "Use an Idempotency-Key of 1 to 128 printable characters."
SUBMISSION_KEY_REUSED = "This key was already used for a different post. Use a new key for new words."
ALREADY_POSTED = "This was already posted, so we haven't posted it twice."
FORM_ALREADY_USED = "You've already posted from this page. To post these words as well, press Post again."

# The regions the help directory covers, as members choose them.
REGION_NAMES = {
    "UK": "United Kingdom",
    "IE": "Ireland",
    "US": "United States",
    "CA": "Canada",
    "AU": "Australia",
    "NZ": "New Zealand",
    "INTL": "Somewhere else",
}

# How members choose to see posts with each kind of content note.
CHOICE_LABELS = [
    (Choice.SHOW.value, "Show"),
    (Choice.COLLAPSE.value, "Collapse behind a note"),
    (Choice.HIDE.value, "Hide"),
]

# Signing in and out, and the limits that keep accounts safe.
SESSION_LAPSED = "For your privacy you were logged out after a while. Please log in again."
LOGGED_OUT = "You're logged out. Take care of yourself."
LOGGED_OUT_EVERYWHERE = "You're logged out on every device, and your app tokens no longer work."
PASSWORD_CHANGED = "Your password is changed. You're logged out everywhere else, and old app tokens no longer work."
HANDLE_LOCKED = (
    "There have been too many wrong passwords for this handle, so we've paused logging in to it for a "
    "little while to keep the account safe. Please wait about {minutes} and try again."
)
ACCOUNT_DELETED = (
    "Your account is deleted. Thank you for being part of Harbour. If you ever need it, the Get help now "
    "page is always here, no account needed."
)
TOO_MANY_ATTEMPTS = "You're doing that a lot. Please wait a minute and try again."
SERVICE_UNAVAILABLE = (
    "Part of Harbour isn't working right now, so we couldn't finish that. Nothing you did caused it. "
    "Please try again in a few minutes."
)

# How long a member can pause the forum for; keys match forum.services.breaks.BREAK_LENGTHS.
BREAK_LENGTH_LABELS = {
    "1h": "An hour",
    "1d": "A day",
    "3d": "Three days",
    "1w": "A week",
}
# Reports: what members choose from, and what they are told.
REPORT_REASON_LABELS = {
    ReportReason.TRIGGERING.value: "It could be triggering for others",
    ReportReason.UNKIND.value: "It's unkind to someone",
    ReportReason.CONTACT_SHARING.value: "It shares contact details or asks to meet",
    ReportReason.WORRIED.value: "I'm worried about the person who wrote it",
    ReportReason.OTHER.value: "Something else",
}
REPORT_THANKS = "Thank you for telling us. A moderator will take a look."
REPORT_ALREADY = "You've already reported this post. Thank you, a moderator will take a look."
REPORT_REASON_INVALID = "Please choose a reason."

# Moderator decisions: templated reasons tied to the guidelines, and what the author is told.
GUIDELINE_REASONS = {category: category_reason(category) for category in CATEGORIES} | {
    "links": LINK_REASON,
}
DECISION_LABELS = {
    Decision.APPROVE.value: "Approve",
    Decision.APPROVE_WITH_WARNING.value: "Approve with content note",
    Decision.EDIT_AND_APPROVE.value: "Edit and approve",
    Decision.RETURN_TO_AUTHOR.value: "Return to author",
    Decision.REMOVE.value: "Remove",
    Decision.ESCALATE.value: "Escalate to an admin",
}
DECISION_SHORTCUTS = {
    Decision.APPROVE.value: "a",
    Decision.APPROVE_WITH_WARNING.value: "w",
    Decision.EDIT_AND_APPROVE.value: "e",
    Decision.RETURN_TO_AUTHOR.value: "r",
    Decision.REMOVE.value: "x",
    Decision.ESCALATE.value: "s",
}
DECISION_NOTICES = {
    Decision.APPROVE: "Good news: a moderator has approved your post and it's up now.",
    Decision.APPROVE_WITH_WARNING: (
        "Good news: a moderator has approved your post. It's up behind a content note, "
        "so readers can choose when to read it."
    ),
    Decision.EDIT_AND_APPROVE: "A moderator made a small change to your post and it's up now.",
    Decision.RETURN_TO_AUTHOR: "A moderator has returned your post so you can change it.",
    Decision.REMOVE: "A moderator has removed your post.",
}
NOTICE_CLOSING = {
    Decision.RETURN_TO_AUTHOR: "You can edit it and post again whenever you're ready.",
    Decision.REMOVE: (
        "It's still saved for you. If something is weighing on you, support is always on the Get help now page."
    ),
}
DECISION_INVALID = "Choose one of the listed decisions."
DECISION_REASON_INVALID = "Choose one of the listed reasons."
WARNINGS_INVALID = "Content notes must be from the list of categories."
WARNINGS_REQUIRED = "Choose at least one content note."
EDIT_BODY_REQUIRED = "Write the edited post."
ITEM_STATUS_LABELS = {
    ItemStatus.OPEN.value: "waiting",
    ItemStatus.ESCALATED.value: "escalated to an admin",
    ItemStatus.RESOLVED.value: "decided",
}
CLAIM_HELD = "Another moderator is looking at this item."
ITEM_DECIDED = "This item has already been decided."

# Moderators' own care: precise, and kind.
CHECK_IN_KIND_INVALID = "Choose tap_out, stayed_with_me or hard_limit."
CHECK_IN_NOTE_INVALID = "The note must be text."
CHECK_IN_NOTE_TOO_LONG = "Please keep the note to 2,000 characters."
CHECK_IN_KIND_LABELS = {
    "tap_out": "tapped out",
    "stayed_with_me": "said an item stayed with them",
    "hard_limit": "passed their hard limit while alone on duty",
}
CHECK_IN_ASKED = "{handle} {kind} and would like a check-in. See Supervision."
REQUEST_KIND_LABELS = {
    "tap_out": "Tapped out",
    "stayed_with_me": "An item stayed with them",
    "hard_limit": "Past their hard limit, alone on duty",
}
SUPERVISION_NOTE_INVALID = "Write the note as text, up to 4,000 characters."
CARE_LIMIT_UNKNOWN = "This is not one of the limits (soft, hard, break_minutes)."
CARE_SOFT_ABOVE_HARD = "The soft limit must be lower than the hard limit."
OPT_OUTS_INVALID = "Choose categories from the list."
CHECK_IN_LABELS = {
    "tap_out": "you tapped out",
    "stayed_with_me": "a post stayed with you",
    "hard_limit": "past your hard limit while alone on duty",
}
LEFT_FOR_OTHERS_HARD_LIMIT = "crisis and graphic posts (past your limit this shift)"


def care_limit_range(low: int, high: int) -> str:
    return f"Use a whole number from {low} to {high}."


def decision_notice(decision: Decision, reason: str = "") -> str:
    """What the author reads in their notifications: the outcome, the guideline, what next."""
    parts = [DECISION_NOTICES[decision], GUIDELINE_REASONS.get(reason, ""), NOTICE_CLOSING.get(decision, "")]
    return " ".join(part for part in parts if part)


# The contagion guard (forum/services/contagion.py): a slowed thread or board, and a post held because it joined a cluster.
SLOW_MODE = (
    "This conversation is moving fast, so for now everyone can post here once every {minutes} minutes. "
    "You can post again in about {wait}. If you need someone now, Get help now is always there."
)
CLUSTER_HOLD_NOTICE = (
    "Thanks for posting. Lots of people are writing about the same thing at the moment, so a moderator is "
    "reading new posts about it before they go up. Yours is saved and nothing is wrong with you for writing it. "
    "If this is bringing things up, the support shown with your post and Get help now are there for you."
)
CLUSTER_RELEASE_NOTICE = "Your post is up now. Thanks for your patience while moderators looked in on a busy topic."
# Moderator-facing: the reason a cluster's queue item and held posts carry.
CLUSTER_REASON_LABEL = "Contagion guard: several recent posts imitate or compare"
# Muting another member, for oneself only; the muted member is never told.
MUTE_SELF = "You can't mute yourself."
MUTE_MODERATOR = "Moderators can't be muted, so their notes always reach you."

# Personal word filters: words a member would rather not see.
WORD_FILTER_NOT_TEXT = "Write a word or phrase."
WORD_FILTER_CHOICE = "Choose collapse or hide."
WORD_FILTER_LIMIT = f"You can have up to {FILTERS_MAX} word filters. Remove one to add another."
WORD_FILTER_EXISTS = "You already filter that word."
WORD_FILTER_ADDED = "Saved. Posts and titles with “{phrase}” are now {choice} for you."
WORD_FILTER_CHOICE_LABELS = {Choice.COLLAPSE.value: "Collapsed, so you choose when to look", Choice.HIDE.value: "Hidden"}
WORD_FILTER_DONE = {Choice.COLLAPSE.value: "collapsed", Choice.HIDE.value: "hidden"}
TITLE_FILTERED = "Title hidden by your word filter"

# Appeals: an author asking another moderator to look again at a decision.
APPEAL_NOTE_INVALID = f"Tell us in a few words why you'd like another look (up to {NOTE_MAX_LENGTH} characters)."
APPEAL_NOTHING = "There's no moderator decision on this post to appeal."
APPEAL_ALREADY = "You've already appealed this decision. Each decision can be looked at again once."
APPEAL_TOO_LATE = f"Appeals can be made up to {APPEAL_WINDOW_DAYS} days after a decision, and that time has passed."
APPEAL_SENT = "Thanks. Another moderator will look at your post again and you'll hear back here."
APPEAL_OTHER_MODERATOR = "You made the decision being appealed, so another moderator needs to look at this one."
APPEAL_NOTICES = {
    AppealOutcome.OVERTURNED: "Another moderator looked at your appeal and agreed with you.",
    AppealOutcome.UPHELD: "Another moderator looked at your appeal and the decision stays.",
}


def appeal_notice(outcome: AppealOutcome, decision: Decision, reason: str = "") -> str:
    """What the author reads when their appeal is settled: the outcome, then what the new decision means."""
    return f"{APPEAL_NOTICES[outcome]} {decision_notice(decision, reason)}"


# The weekly wellbeing check-in (moderators).
WEEKLY_CHECK_IN_SCALE = "Choose a number from 1 to 5, or leave it out."
WEEKLY_CHECK_IN_NOTE = "Keep it to 1,000 characters of text, or leave it out."
WEEKLY_CHECK_IN_UNKNOWN_QUESTION = "This is not one of the check-in questions."
WEEKLY_CHECK_IN_PROMPT = "How was your week? Your weekly check-in takes a minute (Moderation queue, Your supervision)."
WEEKLY_CHECK_IN_THANKS = "Thank you for checking in. Only you and your supervisor see this."
SESSION_REMINDER = "Reminder: your supervision session with {supervisor} is at {when} (UTC)."
