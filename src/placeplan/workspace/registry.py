"""What each capability contributes to the workspace frame, and to other capabilities'
pages, without importing them.

A capability registers its contributions in its ``AppConfig.ready()``; the frame (and the
page that shows a slot) asks the registry, never the capability. So a new capability is
one folder, one line in ``INSTALLED_APPS`` and a URL include: nothing else is edited.

- ``sections``: the workspace's side navigation and home page (label, URL, description,
  and the permission, if any, that a person needs on the partnership to see it);
- ``panels``: a block on another capability's page, in a named slot (a body's page shows
  the challenges it has not answered; an indicator's page shows the actions on it);
- ``need_sources``: what needs a person (challenges to answer, actions due, papers to
  publish, imports to confirm, reviews due): their workspace's "What needs you" and,
  the same items in the same words, their daily email digest;
- ``exception_sources``: sections of a meeting's exception report.

Each app lists its contributions in a ``contributions`` module (``SECTIONS``, ``PANELS``,
``NEEDS``, ``EXCEPTIONS``) and plugs them in from ``ready()`` with ``plug_in``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse


@dataclass(frozen=True)
class Section:
    """One entry of a partnership's workspace: in the side navigation and on its home."""

    label: str
    url_name: str  # reversed with the partnership's council area code
    description: str
    order: int  # where it stands: lower first
    permission: str = ""  # a permission on the partnership, if one is needed to see it


@dataclass(frozen=True)
class Panel:
    """A block on another capability's page. ``context`` answers the template's context
    for (request, subject, partnership), or None when the panel has nothing to show."""

    slot: str
    template_name: str
    context: Callable[..., dict[str, Any] | None]
    order: int = 0


@dataclass(frozen=True)
class Need:
    """One thing that needs a person: what it is (a sentence), in which partnership, by
    when (if it has a date), whether that date has passed, and the page to act on it."""

    partnership: Any
    text: str
    url: str
    due: datetime.date | None = None
    overdue: bool = False
    key: tuple = ()  # the order within its source: soonest due first


@dataclass(frozen=True)
class NeedSource:
    """One kind of thing that needs people: ``items(user, today)`` answers the ``Need``s
    of this kind for the person, only those they may act on. ``heading`` names the kind
    on the workspace home ("Challenges to answer")."""

    name: str
    heading: str
    items: Callable[[Any, datetime.date], list[Need]]
    order: int = 0


@dataclass(frozen=True)
class ReportLine:
    """One line of a meeting's exception report: its section, what it says, and the
    page with its evidence."""

    section: str
    text: str
    url: str


@dataclass(frozen=True)
class ExceptionSource:
    """Parts of a meeting's exception report: ``lines(partnership, on)`` answers the
    ``ReportLine``s of ``sections`` (every section is listed, even when empty). A source
    ``per_body`` is asked ``lines(partnership, on, body)``: the meeting's body (None for
    the partnership as a whole), for lines that belong to one body's meetings."""

    sections: tuple[str, ...]
    lines: Callable[..., list[ReportLine]]
    order: int = 0
    per_body: bool = False


class Registry:
    """An ordered list of contributions; registering the same one twice is harmless
    (``ready()`` can run more than once in tests)."""

    def __init__(self):
        self._items: list = []

    def register(self, item) -> None:
        if item not in self._items:
            self._items.append(item)

    def __iter__(self):
        return iter(sorted(self._items, key=lambda item: item.order))

    def __len__(self):
        return len(self._items)


sections = Registry()
panels = Registry()
need_sources = Registry()
exception_sources = Registry()


def plug_in(contributions) -> None:
    """Register everything a capability's ``contributions`` module lists."""
    for name, registry in (
        ("SECTIONS", sections),
        ("PANELS", panels),
        ("NEEDS", need_sources),
        ("EXCEPTIONS", exception_sources),
    ):
        for item in getattr(contributions, name, ()):
            registry.register(item)


def sections_for(user, partnership) -> list[tuple[Section, str]]:
    """The sections this person may see, each with its URL for the partnership."""
    code = partnership.council_area.code
    return [
        (section, reverse(section.url_name, args=[code]))
        for section in sections
        if not section.permission or user.has_perm(section.permission, partnership)
    ]


def panels_render(slot: str, *, request, subject, partnership) -> list[str]:
    """The panels registered for ``slot``, rendered for this page (empty ones left out)."""
    rendered = []
    for panel in panels:
        if panel.slot != slot:
            continue
        context = panel.context(request=request, subject=subject, partnership=partnership)
        if context is None:
            continue
        context.setdefault("partnership", partnership)
        rendered.append(render_to_string(panel.template_name, context, request=request))
    return rendered
