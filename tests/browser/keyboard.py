"""The keyboard walk: Tab round a whole page, as a keyboard user would.

Every visible control must be reached, nothing may trap the focus, nothing may have a
positive tabindex, and each control must show that it has focus. The page records what
happens itself (a listener notes each Tab and each element the focus lands on, with its
focus style, as it lands), so the test presses Tab a batch of times and reads the record
once a batch, instead of asking the page after every key (11.6 s instead of 16.7 s for
the 41 walks of the delivery and plan pages).
"""

from __future__ import annotations

import pytest

# Marks every control the walk should reach, notes its look without focus, and starts the
# record: {"tab": true} for each Tab pressed, {"out": true} when the focus leaves the
# document, and a description of each element the focus lands on.
_START = """() => {
  const ids = new WeakMap();
  let next = 1;
  const key = (el) => { if (!ids.has(el)) ids.set(el, next++); return ids.get(el); };
  const sig = (el, pseudo) => {
    const s = getComputedStyle(el, pseudo);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
            s.color, s.textDecorationLine, s.textDecorationThickness, s.borderTopColor,
            s.borderBottomColor, s.borderBottomWidth, s.borderTopWidth].join("|");
  };
  const sigs = (el) => {
    const parts = [sig(el)];
    for (const label of el.labels || []) {
      parts.push(sig(label), sig(label, "::before"), sig(label, "::after"));
    }
    return parts.join("#");
  };
  const describe = (el) => {
    const html = el.outerHTML.replace(/\\s+/g, " ");
    const text = (el.innerText || el.value || "").trim().replace(/\\s+/g, " ").slice(0, 60);
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> "${text}" ` +
      html.slice(0, 160);
  };
  const base = new WeakMap();
  const selector = 'a[href], area[href], button, input, select, textarea, iframe, summary, ' +
    '[tabindex], [contenteditable=""], [contenteditable="true"]';
  const expected = [];
  const positive = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.tabIndex > 0) positive.push(describe(el));
    if (el.disabled || el.tabIndex < 0 || el.type === "hidden" || el.closest("[inert]")) continue;
    if (getComputedStyle(el).visibility !== "visible" || !el.getClientRects().length) continue;
    if (el.type === "radio" && el.name) {
      const group = [...document.querySelectorAll('input[type="radio"]')]
        .filter((r) => r.name === el.name && r.form === el.form);
      const checked = group.find((r) => r.checked);
      if (checked ? el !== checked : el !== group[0]) continue;
    }
    if (el !== document.activeElement) base.set(el, sigs(el));
    expected.push({ key: key(el), desc: describe(el) });
  }
  const log = (window.__ppKeyboardLog = []);
  const landed = (el) => {
    const before = base.get(el);
    let now = sigs(el);
    if (before !== undefined && before === now) {
      // A focus style may be transitioning in (on the element, a parent or a pseudo-
      // element): bring every finite transition to its end, then look again.
      for (const a of document.getAnimations()) {
        if (a.effect && a.effect.getComputedTiming().endTime !== Infinity) a.finish();
      }
      now = sigs(el);
    }
    const shown = [el, ...(el.labels || [])].some((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    });
    log.push({
      key: key(el),
      desc: describe(el),
      indicator: before === undefined ? null : before !== now,
      shown,
      segmented: ["date", "datetime-local", "month", "time", "week"].includes(el.type),
    });
  };
  document.addEventListener("keydown", (e) => { if (e.key === "Tab") log.push({ tab: true }); },
                            true);
  document.addEventListener("focusin", (e) => landed(e.target), true);
  document.addEventListener("focusout", (e) => { if (!e.relatedTarget) log.push({ out: true }); },
                            true);
  return { expected, positive };
}"""

_RECORD = "() => window.__ppKeyboardLog"
_MORE = 10  # Tabs a further batch sends when the walk has not come round yet


def _stops(log: list[dict]) -> list[dict | None]:
    """Where each Tab left the focus: the element it landed on, ``None`` outside the
    document, or ``{"same": True}`` where it stayed (a date input's next part, or a trap).
    A Tab pressed while the focus is outside the document is not seen by it: its landing
    counts with the Tab before, marked ``wrapped``."""
    stops: list[dict | None] = []
    current: list[dict] | None = None  # what followed the last Tab
    for event in log:
        if event.get("tab"):
            if current is not None:
                stops.append(_stop(current))
            current = []
        elif current is not None:
            current.append(event)
    if current is not None:
        stops.append(_stop(current))
    return stops


def _stop(events: list[dict]) -> dict | None:
    if not events:
        return {"same": True}
    last = events[-1]
    if last.get("out"):
        return None
    return {**last, "wrapped": any(e.get("out") for e in events)}


def keyboard_walk(page) -> None:
    """Tab round the whole page: every visible control is reached, nothing traps the focus,
    nothing has a positive tabindex, and each control shows that it has focus."""
    baseline = page.evaluate(_START)
    expected = {item["key"]: item["desc"] for item in baseline["expected"]}
    limit = 2 * len(expected) + 40
    pressed, batch = 0, len(expected) + 3  # round the page and back in, if all is well
    while True:
        for _ in range(batch):
            page.keyboard.press("Tab")
        pressed += batch
        problems = _walk(
            page.evaluate(_RECORD), expected, baseline["positive"], final=pressed >= limit
        )
        if problems is not None:
            break
        batch = min(_MORE, limit - pressed)
    if problems:
        pytest.fail(
            f"keyboard problems on {page.url}:\n" + "\n".join(f"- {p}" for p in problems),
            pytrace=False,
        )


def _walk(log, expected, positive, final=False) -> list[str] | None:
    """Follow the Tabs recorded so far: the problems found once the walk has ended (came
    round, was trapped or left for good), or ``None`` while it has not (and ``final`` is
    false)."""
    problems = [f"positive tabindex: {desc}" for desc in positive]
    order: list[int] = []
    reached: dict[int, dict] = {}
    previous, repeats, outside, completed, wrapped, ended = None, 0, 0, False, False, False
    for stop in _stops(log):
        if stop is None or (stop.get("same") and previous is None):
            # Past the end of the document: the next Tab starts again.
            outside += 1
            previous, wrapped = None, True
            if outside > 3:
                ended = True
                break
            continue
        if stop.get("same"):
            # Tab steps through a date input's day, month and year: the same element.
            repeats += 1
            if not reached[previous]["segmented"] or repeats > 3:
                problems.append(f"keyboard trap: Tab leaves focus on {reached[previous]['desc']}")
                ended = True
                break
            continue
        key = stop["key"]
        wrapped = wrapped or stop["wrapped"]
        if key == previous:
            continue  # focus left and came back to the same element within one Tab
        previous, repeats, outside = key, 0, 0
        if key in reached:
            # Back at the start, or back in the page after leaving its end (where the
            # browser puts focus on coming back in is its own business; every control
            # must still have been reached, below).
            completed = key == order[0] or wrapped
            if not completed:
                problems.append(f"Tab cycles back early, to {stop['desc']}")
            ended = True
            break
        reached[key] = stop
        order.append(key)
    if not ended and not final:
        return None
    if not completed and not problems:
        problems.append(f"Tab never came round to the first control again ({len(order)} stops)")
    for key, desc in expected.items():
        if key not in reached:
            problems.append(f"not reachable by Tab: {desc}")
    for info in reached.values():
        if info["indicator"] is False:
            problems.append(f"no visible change on focus: {info['desc']}")
        if not info["shown"]:
            problems.append(f"focused but not shown (zero size): {info['desc']}")
    return problems
