"""The sanitiser every resident's text is shown through (``core.untrusted``): the Markdown
subset is kept, everything that could run, load or restyle something is removed, and
no text whatever gets a script, an event handler or a ``javascript:`` link through."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from placeplan.core.untrusted import ALLOWED_TAGS, LINK_SCHEMES, render_markdown

REL = "nofollow ugc noopener noreferrer"


class _Collect(HTMLParser):
    """Every tag and attribute of the output, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def parsed(output: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = _Collect()
    collector.feed(output)
    collector.close()
    return collector.tags


def _scheme(href: str) -> str:
    # What a browser takes as the scheme: ASCII tab and newlines removed, leading
    # control characters and spaces stripped (WHATWG URL parsing).
    cleaned = re.sub(r"[\t\n\r]", "", html.unescape(href)).lstrip("\x00- ").lower()
    match = re.match(r"([a-z][a-z0-9+.\-]*):", cleaned)
    return match.group(1) if match else ""


def assert_harmless(output: str) -> None:
    lowered = output.lower()
    assert "<script" not in lowered
    assert "<iframe" not in lowered and "<img" not in lowered and "<svg" not in lowered
    for tag, attrs in parsed(output):
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in {"style", "src", "srcdoc", "formaction"}, (tag, name)
            if name == "href":
                assert _scheme(value or "") in LINK_SCHEMES, value
        if tag == "a" and "href" in attrs:
            assert attrs.get("rel") == REL


# --- What is removed ---

HOSTILE = {
    "script tag": "<script>alert(1)</script>Hello",
    "script tag, upper case": "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "onerror": '<img src="x" onerror="alert(1)">',
    "onclick": '<a href="https://example.org" onclick="steal()">link</a>',
    "onmouseover": "<b onmouseover=alert(1)>bold</b>",
    "svg onload": "<svg onload=alert(1)></svg>",
    "javascript: Markdown link": "[click](javascript:alert(1))",
    "javascript: mixed case": "[click](JaVaScRiPt:alert(1))",
    "javascript: tab entity": "[click](java&#x09;script:alert(1))",
    "javascript: HTML link": '<a href="javascript:alert(1)">click</a>',
    "data: Markdown link": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data: HTML link": '<a href="data:text/html,<script>alert(1)</script>">click</a>',
    "vbscript:": "[click](vbscript:msgbox(1))",
    "Markdown image from elsewhere": "![tracking pixel](https://evil.example/pixel.png)",
    "HTML image from elsewhere": '<img src="https://evil.example/pixel.png">',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "style attribute": '<p style="position:fixed;top:0">Over the page</p>',
    "style element": "<style>body{display:none}</style>",
    "form": '<form action="https://evil.example/"><button>Go</button></form>',
    "relative link": "[sign out](/accounts/logout/)",
    "reference-style javascript:": "[x][1]\n\n[1]: javascript:alert(1)",
    "autolink javascript:": "<javascript:alert(1)>",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markup_is_removed(text):
    assert_harmless(str(render_markdown(text)))


def test_raw_html_is_shown_as_text_not_markup():
    output = str(render_markdown("<script>alert(1)</script>Hello"))
    assert "&lt;script&gt;" in output and "Hello" in output
    assert parsed(output) == [("p", {})]


def test_an_image_is_not_loaded():
    output = str(render_markdown("![tracking pixel](https://evil.example/pixel.png)"))
    assert all(tag != "img" for tag, _ in parsed(output))


def test_a_link_with_no_allowed_scheme_keeps_its_text_only():
    output = str(render_markdown("[sign out](/accounts/logout/)"))
    assert "sign out" in output
    assert all("href" not in attrs for _, attrs in parsed(output))


# --- What is kept ---


def test_the_markdown_subset_is_kept():
    text = (
        "Some *emphasis*, some **strong** words,\n"
        "and a line break.\n\n"
        "- one\n- two\n\n"
        "1. first\n2. second\n\n"
        "> a quotation\n\n"
        "A [link](https://example.org/page) and [mail](mailto:someone@example.org)."
    )
    output = str(render_markdown(text))
    assert "<em>emphasis</em>" in output
    assert "<strong>strong</strong>" in output
    assert "<br>" in output
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in output
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in output
    assert "<blockquote>\n<p>a quotation</p>\n</blockquote>" in output
    links = [attrs for tag, attrs in parsed(output) if tag == "a"]
    assert links == [
        {"href": "https://example.org/page", "rel": REL},
        {"href": "mailto:someone@example.org", "rel": REL},
    ]
    assert_harmless(output)


def test_headings_code_and_tables_stay_plain_text():
    output = str(render_markdown("# Big\n\n`code`\n\n| a | b |\n|---|---|"))
    assert {tag for tag, _ in parsed(output)} <= {"p", "br"}
    assert "# Big" in output


def test_nothing_renders_as_nothing():
    assert str(render_markdown(None)) == ""
    assert str(render_markdown("")) == ""


def test_the_template_filter_goes_through_the_sanitiser():
    rendered = Template("{% load placeplan %}{{ text|untrusted_markdown }}").render(
        Context({"text": "**hi** <script>alert(1)</script>"})
    )
    assert "<strong>hi</strong>" in rendered
    assert_harmless(rendered)


# --- Whatever is typed ---

# Text built from the pieces attacks are made of, as well as any text at all.
PIECES = st.sampled_from(
    [
        "<",
        ">",
        "/",
        '"',
        "'",
        "=",
        "`",
        "&",
        "#",
        ";",
        ":",
        "(",
        ")",
        "[",
        "]",
        "!",
        "*",
        " ",
        "\n",
        "\t",
        "\x00",
        "script",
        "SCRIPT",
        "javascript",
        "java\tscript",
        "data",
        "vbscript",
        "on",
        "onerror",
        "onclick",
        "ONLOAD",
        "href",
        "src",
        "img",
        "iframe",
        "svg",
        "a",
        "style",
        "&#x6A;",
        "&#106;",
        "&colon;",
        "http://",
        "https://x.example",
        "mailto:",
        "- ",
        "> ",
        "1. ",
        "**",
        "_",
    ]
)
TEXTS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=40).map("".join))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_no_text_gets_a_script_an_event_handler_or_a_javascript_link_through(text):
    output = str(render_markdown(text))
    assert_harmless(output)
    # No attribute anywhere names an event handler, read as the browser reads tags.
    assert not re.search(r"<[^>]*\son\w*\s*=", output, flags=re.IGNORECASE)
    assert "javascript:" not in "".join(
        (attrs.get("href") or "").lower() for _, attrs in parsed(output)
    )
