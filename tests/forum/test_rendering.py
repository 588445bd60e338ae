"""Markdown becomes HTML from an allow-list: no raw HTML, images, scripts or javascript: links."""
import pytest

from forum.rendering import render_markdown


def test_everyday_markdown_still_works():
    html = render_markdown("**bold** and *soft*\n\n- one\n- two\n\n> quoted")
    assert "<strong>bold</strong>" in html and "<em>soft</em>" in html
    assert "<ul>" in html and "<blockquote>" in html


def test_links_are_marked_as_untrusted():
    html = render_markdown("[help](https://example.org) and https://example.com")
    assert html.count('rel="nofollow noopener ugc"') == 2
    assert 'href="https://example.org"' in html and 'href="https://example.com"' in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="https://x" onclick="alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
        '<div style="position:fixed">x</div>',
    ],
)
def test_raw_html_is_shown_as_text_never_as_markup(text):
    html = render_markdown(text)
    assert html.startswith("<p>&lt;") and html.endswith("</p>")
    assert "<" not in html.removeprefix("<p>").removesuffix("</p>")


@pytest.mark.parametrize(
    "text",
    ["[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](vbscript:msgbox)"],
)
def test_dangerous_link_schemes_lose_their_href(text):
    html = render_markdown(text)
    assert "href" not in html


def test_images_are_dropped():
    assert "<img" not in render_markdown("![scar](https://example.org/pic.png)")
