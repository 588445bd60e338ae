"""Member Markdown to safe HTML.

Python-Markdown turns raw HTML into plain text (its HTML processors are
removed), then bleach keeps only an allow-list of tags and attributes, so a
post can never carry scripts, images, event handlers or ``javascript:`` links.
Parsers keep state, so each call builds its own.
"""
from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter
from markdown import Markdown
from markupsafe import Markup, escape

ALLOWED_TAGS = frozenset(
    {"a", "blockquote", "br", "code", "em", "hr", "li", "ol", "p", "pre", "strong", "ul"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"


def _mark_link_untrusted(attrs, new=False):
    attrs[(None, "rel")] = LINK_REL
    return attrs


def _markdown_without_raw_html() -> Markdown:
    md = Markdown(extensions=["nl2br", "sane_lists", "fenced_code"])
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def _cleaner() -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        filters=[partial(LinkifyFilter, callbacks=[_mark_link_untrusted], parse_email=False)],
    )


def render_markdown(text: str) -> str:
    """Sanitised HTML for ``text``; the only way post HTML is produced."""
    return _cleaner().clean(_markdown_without_raw_html().convert(text))


def highlight_spans(text: str, spans: list[dict]) -> Markup:
    """The raw text, escaped, with each rule's matched span in <mark>, for moderators."""
    pieces, position = [], 0
    for span in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        start, end = max(span["start"], position), min(span["end"], len(text))
        if start >= end:
            continue
        pieces += [escape(text[position:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        position = end
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)
