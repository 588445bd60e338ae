"""Turning signpost keys and a reader's region into the services a page shows.

Posts ask for kinds of help (signpost keys from the screening verdict); which
services that means depends on where the reader is, so the choice is made per
reader, here, and never stored on the post.
"""
from dataclasses import dataclass
from typing import Iterable

from models import Resource, User
from models.resource import ALL_REGIONS
from models.user import DEFAULT_REGION
from moderation.signposting import ResourceKey

_KEY_ORDER = [key.value for key in ResourceKey]


def reader_region(reader: User | None, requested: str | None = None) -> str:
    """The region to show help for: the one asked for, else the member's own, else the default."""
    for region in (requested, reader.region if reader is not None else None):
        if region in ALL_REGIONS:
            return region
    return DEFAULT_REGION


def signpost_resources(keys: Iterable[str], reader: User | None) -> list[Resource]:
    """Services for these signpost keys in the reader's region, emergency numbers first."""
    return Resource.for_signposts(keys, reader_region(reader))


def crisis_resources(reader: User | None) -> list[Resource]:
    """The emergency number and crisis lines for the reader's region, for a crisis post's author."""
    return signpost_resources([ResourceKey.CRISIS.value], reader)


@dataclass(frozen=True)
class PagePanel:
    """The one "Support if you need it" panel on a page of posts, and the post it follows."""

    after_post_id: int
    resources: list[Resource]


def one_panel_per_page(signposts_by_post: Iterable[tuple[int, Iterable[str]]], reader: User | None) -> PagePanel | None:
    """Collapse every post's signposts on a page into one panel.

    A thread about a hard time can carry the same signposts on many posts; one
    panel, under the first post that asks for help, with every kind of help any
    post on the page asks for, keeps the page calm without leaving anything out.
    """
    first_post_id, keys = None, set()
    for post_id, post_keys in signposts_by_post:
        post_keys = set(post_keys)
        if post_keys and first_post_id is None:
            first_post_id = post_id
        keys |= post_keys
    if first_post_id is None:
        return None
    ordered = sorted(keys, key=_KEY_ORDER.index)
    return PagePanel(first_post_id, signpost_resources(ordered, reader))
