"""What needs a person: each capability's ``NeedSource`` (``registry.need_sources``),
asked once, kept to the partnerships the person holds a role in, grouped by partnership
and by kind. The workspace home shows it and the daily digest emails it, both from
``needs_for``, so the two never disagree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from placeplan.partnerships.models import PartnershipRole
from placeplan.workspace.registry import Need, NeedSource, need_sources


@dataclass
class NeedKind:
    """One kind of need (a source) in one partnership, soonest due first."""

    source: NeedSource
    items: list[Need] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return self.source.heading

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def overdue_count(self) -> int:
        return sum(1 for need in self.items if need.overdue)


@dataclass
class PartnershipNeeds:
    """Everything that needs the person in one partnership, kind by kind (in the
    registry's order; kinds with nothing in them left out)."""

    partnership: object
    kinds: list[NeedKind] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(kind.count for kind in self.kinds)

    @property
    def items(self) -> list[Need]:
        return [need for kind in self.kinds for need in kind.items]


def needs_for(user, today: datetime.date) -> list[PartnershipNeeds]:
    """What needs ``user`` on ``today``, by partnership (by name) and kind: only in the
    partnerships they hold a role in (each source answers only what they may act on)."""
    if not user.is_authenticated or not user.is_active:
        return []
    role_in = set(
        PartnershipRole.objects.filter(user=user).values_list("partnership_id", flat=True)
    )
    groups: dict[int, PartnershipNeeds] = {}
    for source in need_sources:
        by_partnership: dict[int, NeedKind] = {}
        for need in source.items(user, today):
            if need.partnership.pk not in role_in:
                continue
            group = groups.setdefault(need.partnership.pk, PartnershipNeeds(need.partnership))
            kind = by_partnership.get(need.partnership.pk)
            if kind is None:
                kind = by_partnership[need.partnership.pk] = NeedKind(source)
                group.kinds.append(kind)
            kind.items.append(need)
        for kind in by_partnership.values():
            kind.items.sort(key=lambda need: need.key)
    return sorted(groups.values(), key=lambda group: group.partnership.name)


def needs_list(user, today: datetime.date) -> list[Need]:
    """Every need of ``needs_for``, in the order the home lists them."""
    return [need for group in needs_for(user, today) for need in group.items]
