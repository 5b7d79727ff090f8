"""Side navigation menus, built the same way for every page that has one."""

from __future__ import annotations

from django.urls import reverse


def side_navigation(*, label: str, items: list[tuple[str, str]], current: str) -> dict:
    """A side navigation: ``items`` are (label, url name or url); ``current`` is the
    current page's URL, which is shown as the current item instead of a link."""
    entries = []
    for item_label, target in items:
        url = target if target.startswith("/") else reverse(target)
        entries.append({"label": item_label, "url": url, "current": url == current})
    return {"label": label, "items": entries}
