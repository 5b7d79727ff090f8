"""What each capability holds about a resident, for their download (and so deleting an
account can say what stays): each app that keeps residents' contributions registers a
source from its ``AppConfig.ready()``; residents never imports them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataSource:
    """``items(user)`` answers a list of plain dicts (JSON-ready) of what ``user`` wrote."""

    name: str
    items: Callable[..., list[dict]]


sources: list[PersonalDataSource] = []


def register(source: PersonalDataSource) -> None:
    if source not in sources:
        sources.append(source)
