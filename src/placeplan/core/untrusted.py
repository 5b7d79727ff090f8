"""Text a resident writes is untrusted: it is shown through here and nowhere else.

A small Markdown subset (paragraphs, line breaks, emphasis, strong, lists, quotations and
links) is rendered by markdown-it-py with raw HTML switched off, and the result is cleaned
by nh3 (a sanitiser) with an allow-list: no scripts, no event handlers, no images or
embedded content, and links only to ``https:``, ``http:`` and ``mailto:`` addresses,
marked ``nofollow ugc`` and opened without the page's referrer."""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
LINK_SCHEMES = {"https", "http", "mailto"}

_markdown = MarkdownIt("zero", {"html": False, "linkify": False, "breaks": True}).enable(
    ["emphasis", "list", "blockquote", "link", "newline", "escape"]
)


def clean_html(html: str) -> SafeString:
    """HTML reduced to the allow-list (anything else is removed, its text kept where it is
    text)."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        # A link with no scheme (``/accounts/...``, ``java%09script:...``) is no
        # address of the allowed kinds: its href goes, its text stays.
        url_relative="deny",
        link_rel="nofollow ugc noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just cleaned it


def render_markdown(text: str | None) -> SafeString:
    """A resident's (or anybody's) Markdown as safe HTML."""
    return clean_html(_markdown.render(text or ""))
