"""The keyboard walk (tests/browser/keyboard.py) on small pages made for it: it passes a page
a keyboard user can get round, and fails, naming the problem, on each thing it is there
to catch."""

from __future__ import annotations

import pytest

from tests.browser.keyboard import keyboard_walk

pytestmark = pytest.mark.browser

GOOD = """
<main>
  <a href="#one">One</a>
  <button type="button">Two</button>
  <label for="when">When</label> <input id="when" type="date">
  <label for="what">What</label> <input id="what">
  <input type="radio" name="pick" id="p1" checked><label for="p1">First</label>
  <input type="radio" name="pick" id="p2"><label for="p2">Second</label>
  <a href="#three">Three</a>
</main>
"""


def _page(page, body: str, style: str = "", script: str = "") -> None:
    page.set_content(
        f"<!doctype html><html lang='en'><head><title>Walk</title><style>{style}</style>"
        f"</head><body>{body}<script>{script}</script></body></html>"
    )


def _fails(page, expected: str) -> str:
    with pytest.raises(pytest.fail.Exception) as failure:
        keyboard_walk(page)
    message = str(failure.value)
    assert expected in message, message
    return message


def test_a_page_a_keyboard_user_can_get_round_passes(page):
    _page(page, GOOD)
    keyboard_walk(page)


def test_a_focus_style_that_transitions_in_is_seen(page):
    _page(
        page,
        GOOD,
        style="a, button { outline: 3px solid transparent; transition: outline-color 5s; }"
        "a:focus, button:focus { outline-color: black; }",
    )
    keyboard_walk(page)


def test_a_positive_tabindex_fails(page):
    _page(page, GOOD + '<button type="button" tabindex="2">Jumps the queue</button>')
    _fails(page, 'positive tabindex: <button> "Jumps the queue"')


def test_a_control_without_a_focus_style_fails(page):
    _page(page, GOOD, style="#what:focus { outline: none; }")
    _fails(page, "no visible change on focus: <input#what>")


def test_a_keyboard_trap_fails(page):
    _page(
        page,
        GOOD,
        script="document.getElementById('what').addEventListener('keydown', "
        "(e) => { if (e.key === 'Tab') e.preventDefault(); });",
    )
    _fails(page, "keyboard trap: Tab leaves focus on <input#what>")


def test_a_control_tab_skips_fails(page):
    _page(
        page,
        GOOD,
        script="document.addEventListener('keydown', (e) => {"
        " if (e.key === 'Tab' && document.activeElement.id === 'when') {"
        "  e.preventDefault(); document.getElementById('p1').focus(); } }, true);",
    )
    _fails(page, "not reachable by Tab: <input#what>")


def test_focus_sent_back_to_the_start_early_fails(page):
    _page(
        page,
        GOOD,
        script="document.getElementById('p1').addEventListener('keydown', (e) => {"
        " if (e.key === 'Tab') { e.preventDefault(); document.querySelector('button').focus(); }"
        " });",
    )
    _fails(page, "Tab cycles back")
