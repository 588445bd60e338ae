"""Reading preferences: which region's help a member sees, and how content notes are shown."""
from forum.services import InvalidInput
from models import Post, Thread, User, WarningPreference, db
from models.resource import ALL_REGIONS
from moderation.reading import CHOICES, DEFAULT_CHOICE, Display, display_for
from moderation.taxonomy import CATEGORIES


def reading_preferences(member: User) -> dict:
    """Every category's choice (defaults filled in) and the member's region."""
    stored = WarningPreference.choices_for(member)
    return {
        "warnings": {category: stored.get(category, DEFAULT_CHOICE) for category in CATEGORIES},
        "region": member.region,
    }


def reader_choices(reader: User | None) -> dict[str, str] | None:
    """The choices to decide a reader's display with; None (the safe default) when logged out."""
    return WarningPreference.choices_for(reader) if reader is not None else None


def post_display(post: Post, reader: User | None, choices: dict[str, str] | None) -> str:
    """How ``post`` is shown to ``reader``: by their choices, except that authors always see their own words."""
    if reader is not None and reader.id == post.author_id:
        return Display.SHOWN.value
    return display_for(post.warnings, choices)


def title_display(thread: Thread, reader: User | None, choices: dict[str, str] | None) -> str:
    """How ``thread``'s title is shown to ``reader``: exactly as openly as its opening post, whose notes
    and screening speak for the title too, in lists and as the heading alike."""
    opening = thread.opening_post
    return post_display(opening, reader, choices) if opening is not None else Display.SHOWN.value


def update_reading_preferences(member: User, warnings: dict | None = None, region: str | None = None) -> None:
    """Change some or all choices and the region; nothing changes unless all of it is valid."""
    fields = {}
    for category, choice in (warnings or {}).items():
        if category not in CATEGORIES:
            fields[f"warnings.{category}"] = "There is no content note with that name."
        elif choice not in CHOICES:
            fields[f"warnings.{category}"] = "Choose show, collapse or hide."
    if region is not None and region not in ALL_REGIONS:
        fields["region"] = "Choose one of the regions Harbour has help services for."
    if fields:
        raise InvalidInput(fields)
    WarningPreference.set_choices(member, warnings or {})
    if region is not None:
        member.region = region
    db.session.commit()
