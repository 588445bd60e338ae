"""Member-facing words about posts, help and reading, kept in one place so they stay kind and consistent."""
from models import PostStatus
from moderation.reading import Choice

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

# How long a member can pause the forum for; keys match forum.services.breaks.BREAK_LENGTHS.
BREAK_LENGTH_LABELS = {
    "1h": "An hour",
    "1d": "A day",
    "3d": "Three days",
    "1w": "A week",
}
