"""What Stories of Place contribute to the workspace and other pages: its section, the
proposals that have waited too long on their moderators' "what needs me" (and daily
digest) and in the exception report of the locality partnership's meetings, and what a
resident's data download holds of theirs (plugged in from ``apps.py``)."""

from __future__ import annotations

import datetime

from django.urls import reverse

from placeplan.residents.registry import PersonalDataSource
from placeplan.stories import selectors
from placeplan.workspace.registry import ExceptionSource, Need, NeedSource, ReportLine, Section

WAITING = "Residents' proposals waiting over 14 days"


def _waiting_lines(localities, on):
    proposals, assets = selectors.waiting_too_long(localities=localities, on=on)
    for proposal in proposals:
        locality = proposal.section.story.locality
        yield (
            locality,
            proposal.created_at,
            f"A proposed change to “{proposal.section.heading}” in the Story of Place for "
            f"{locality.name}, waiting since {proposal.created_at:%-d %B %Y}.",
            reverse("stories:proposal", args=[locality.partnership.council_area.code, proposal.pk]),
        )
    for asset in assets:
        locality = asset.story.locality
        yield (
            locality,
            asset.created_at,
            f"A suggested community asset, “{asset.name}”, for {locality.name}, waiting since "
            f"{asset.created_at:%-d %B %Y}.",
            reverse("stories:asset", args=[locality.partnership.council_area.code, asset.pk]),
        )


def waiting_needs(user, today: datetime.date) -> list[Need]:
    """Proposals and assets pending over 14 days in the stories the person moderates."""
    localities = selectors.moderated_localities(user=user, day=today)
    needs = []
    for locality, since, text, url in _waiting_lines(localities, today):
        needs.append(
            Need(
                partnership=locality.partnership,
                text=text,
                url=url,
                due=since.date() + datetime.timedelta(days=selectors.STALE_DAYS),
                overdue=True,
                key=(since,),
            )
        )
    return needs


def exception_lines(*, partnership, on: datetime.date, body=None) -> list[ReportLine]:
    """For a local partnership's meeting, its locality's proposals waiting too long; for
    the partnership as a whole, every locality's. Other bodies' meetings have none."""
    localities = partnership.localities.all()
    if body is not None:
        if body.locality_id is None:
            return []
        localities = localities.filter(pk=body.locality_id)
    return [ReportLine(WAITING, text, url) for _, _, text, url in _waiting_lines(localities, on)]


def personal_data(user) -> list[dict]:
    """What the resident proposed and suggested, with the decisions."""
    proposals, assets = selectors.contributions_of(user=user)
    items = [
        {
            "kind": "proposed change to a Story of Place",
            "locality": p.section.story.locality.name,
            "section": p.section.heading,
            "text": p.text,
            "note": p.note,
            "made": p.created_at.isoformat(),
            "status": p.get_status_display(),
            "reason": p.reason,
        }
        for p in proposals
    ]
    items += [
        {
            "kind": "suggested community asset",
            "locality": a.story.locality.name,
            "community": a.community.name,
            "name": a.name,
            "category": a.get_category_display(),
            "description": a.description,
            "made": a.created_at.isoformat(),
            "status": a.get_status_display(),
            "reason": a.reason,
        }
        for a in assets
    ]
    return items


SECTIONS = (
    Section(
        "Stories of Place",
        "stories:list",
        "each locality's story, with the community, and residents' proposals to moderate",
        350,
        "stories.view_stories",
    ),
)
NEEDS = (NeedSource("stories", "Residents' proposals to moderate", waiting_needs, 35),)
EXCEPTIONS = (ExceptionSource((WAITING,), exception_lines, 35, per_body=True),)
PERSONAL_DATA = (PersonalDataSource("stories", personal_data),)
