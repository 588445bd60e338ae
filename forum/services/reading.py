"""Reading preferences: which region's help a member sees, how content notes are shown, whose posts a
member has muted and which words they filter. Pages and the API ask this one module how each post and
title is shown to a reader, so a word filter collapses or hides exactly like a content note does."""
from dataclasses import dataclass, field

from forum.services import InvalidInput
from models import Board, Post, Thread, User, WarningPreference, db
from models.mutes import listed_for
from models.reading_choices import reading_choices_of
from models.resource import ALL_REGIONS
from moderation.reading import CHOICES, DEFAULT_CHOICE, DISPLAYS, Display, display_for
from moderation.word_filters import WordFilters
from moderation.taxonomy import CATEGORIES


def reading_preferences(member: User) -> dict:
    """Every category's choice (defaults filled in) and the member's region."""
    stored = WarningPreference.choices_for(member)
    return {
        "warnings": {category: stored.get(category, DEFAULT_CHOICE) for category in CATEGORIES},
        "region": member.region,
    }


@dataclass(frozen=True)
class ReaderView:
    """One reader's choices, read once per request: content notes (None, the safe default, when logged
    out), the members they muted (never moderators: ``MemberMute.muted_ids``), their word filters and
    the threads and boards they muted."""

    reader: User | None
    choices: dict[str, str] | None
    muted: frozenset[int] = field(default_factory=frozenset)
    filters: WordFilters = field(default_factory=WordFilters)
    muted_threads: frozenset[int] = field(default_factory=frozenset)
    muted_boards: frozenset[int] = field(default_factory=frozenset)

    def has_muted_author_of(self, post: Post) -> bool:
        """Whether ``post`` leaves this reader's pages and listings because they muted its author.
        A thread's signposting is gathered before muted posts leave, so muting never hides help."""
        return post.author_id in self.muted

    def has_muted(self, place: Board | Thread) -> bool:
        """Whether the reader muted this board or thread (its page says so, and offers to unmute)."""
        return place.id in (self.muted_boards if isinstance(place, Board) else self.muted_threads)


@dataclass(frozen=True)
class Showing:
    """How one post or title is shown to one reader (a ``Display`` value), and whether the reader's own
    word filter chose that rather than a content note, so the page can say which."""

    display: str
    by_word_filter: bool = False


def reader_view(reader: User | None) -> ReaderView:
    if reader is None:
        return ReaderView(None, None)
    read = reading_choices_of(reader)
    return ReaderView(reader, read.choices, read.muted, WordFilters.of(read.filters), read.muted_threads,
                      read.muted_boards)


def board_threads(board: Board, reader: User):
    """The threads of ``board`` as ``reader``'s lists show them, ready to paginate: the board page and the
    API build the same list here, so a thread or member the reader muted leaves both alike."""
    return Thread.in_board(board, reader).where(listed_for(reader))


def post_display(post: Post, view: ReaderView) -> Showing:
    """How ``post`` is shown to the reader: the stricter of its content notes and the reader's word filters
    (an opening post's title counts as its words), except that authors always see their own words."""
    if view.reader is not None and view.reader.id == post.author_id:
        return Showing(Display.SHOWN.value)
    by_note = display_for(post.warnings, view.choices)
    by_filter = view.filters.display_for(post.body_markdown, post.thread.title if post.is_opening else "")
    if DISPLAYS.index(by_filter) > DISPLAYS.index(by_note):
        return Showing(by_filter, by_word_filter=True)
    return Showing(by_note)


def title_display(thread: Thread, view: ReaderView) -> Showing:
    """How ``thread``'s title is shown to the reader: exactly as openly as its opening post, whose notes,
    screening and words speak for the title too, in lists and as the heading alike."""
    opening = thread.opening_post
    return post_display(opening, view) if opening is not None else Showing(Display.SHOWN.value)


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
