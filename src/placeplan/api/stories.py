"""Version 1 of the API, Stories of Place: each locality's approved story with its evidence
panels' figures, and every version of its sections. Twins of the public pages, read through
the same selectors. Pending proposals and residents' identities never appear here: an
author is "a resident" or "the partnership"."""

from __future__ import annotations

import datetime

from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError

from placeplan.api import schemas
from placeplan.api.progress import _partnership
from placeplan.stories import selectors as stories
from placeplan.stories.display import story_context, version_rows
from placeplan.stories.models import Story

router = Router(tags=["stories"])


class EvidenceFigure(Schema):
    measure: str
    name: str
    unit: str
    period: str | None
    value: float | None
    is_estimate: bool
    trend: str
    partnership: float | None
    scotland: float | None
    best_community: str | None
    best_value: float | None
    worst_community: str | None
    worst_value: float | None
    gap: float | None


class StorySection(Schema):
    id: int
    heading: str
    theme: str
    position: int
    text: str
    version: int | None
    updated: datetime.datetime | None
    evidence: list[EvidenceFigure]


class StoryAsset(Schema):
    name: str
    category: str
    community: str
    community_code: str
    description: str


class StoryDetail(Schema):
    locality_id: int
    locality: str
    url: str
    plan_for_place: str | None
    last_updated: datetime.datetime | None
    contributors: int
    is_demo: bool
    sections: list[StorySection]
    assets: list[StoryAsset]


class StoryVersion(Schema):
    number: int
    created: datetime.datetime
    author: str
    moderated: bool
    note: str
    text: str
    current: bool


class SectionVersions(Schema):
    id: int
    heading: str
    versions: list[StoryVersion]


class StoryVersions(Schema):
    locality_id: int
    locality: str
    sections: list[SectionVersions]


def _figure(row) -> dict:
    latest, measure = row.latest, row.measure
    return {
        "measure": measure.code,
        "name": measure.name,
        "unit": measure.unit,
        "period": latest.period if latest else None,
        "value": latest.value if latest else None,
        "is_estimate": bool(latest and latest.is_estimate),
        "trend": row.evidence.trend_label,
        "partnership": latest.partnership if latest else None,
        "scotland": latest.scotland if latest else None,
        "best_community": row.best.name if row.best else None,
        "best_value": row.best.value if row.best else None,
        "worst_community": row.worst.name if row.worst else None,
        "worst_value": row.worst.value if row.worst else None,
        "gap": row.gap,
    }


def story_detail_data(story: Story) -> dict:
    context = story_context(story=story)
    code = story.locality.partnership.council_area.code
    plan = context["plan_for_place"]
    return {
        "locality_id": story.locality_id,
        "locality": story.locality.name,
        "url": reverse("public:story", args=[code, story.locality_id]),
        "plan_for_place": reverse("public:plan", args=[code, plan.pk]) if plan else None,
        "last_updated": context["last_updated"],
        "contributors": context["contributors"],
        "is_demo": story.is_demo,
        "sections": [
            {
                "id": s.pk,
                "heading": s.heading,
                "theme": s.evidence,
                "position": s.position,
                "text": s.text,
                "version": s.current.number if s.current else None,
                "updated": s.current.created_at if s.current else None,
                "evidence": [_figure(row) for row in s.panel],
            }
            for s in context["sections"]
        ],
        "assets": [
            {
                "name": a.name,
                "category": a.get_category_display(),
                "community": a.community.name,
                "community_code": a.community.code,
                "description": a.description,
            }
            for a in context["assets"]
        ],
    }


def _story(code: str, locality_id: int) -> Story:
    partnership = _partnership(code)
    try:
        return stories.story_get(partnership=partnership, locality_pk=locality_id)
    except Story.DoesNotExist as missing:
        raise HttpError(
            404, f"{partnership.name} has no Story of Place for locality {locality_id}."
        ) from missing


@router.get(
    "/partnerships/{code}/stories",
    response={200: list[StoryDetail], 404: schemas.Error},
    url_name="stories",
)
def story_list(request, code: str):
    """Each locality's Story of Place: its sections in order with their approved text
    (Markdown, as residents and staff wrote it: sanitise before showing it as HTML),
    version number and when it changed, each section's evidence figures from the data
    (the locality's latest value, trend, the partnership's and Scotland's, and the best
    and worst of its communities), and its listed community assets."""
    partnership = _partnership(code)
    return [story_detail_data(row.story) for row in stories.stories_public(partnership=partnership)]


@router.get(
    "/partnerships/{code}/stories/{locality_id}",
    response={200: StoryDetail, 404: schemas.Error},
    url_name="story",
)
def story_detail(request, code: str, locality_id: int):
    """One locality's Story of Place, as on its public page."""
    return story_detail_data(_story(code, locality_id))


@router.get(
    "/partnerships/{code}/stories/{locality_id}/versions",
    response={200: StoryVersions, 404: schemas.Error},
    url_name="story_versions",
)
def story_versions(request, code: str, locality_id: int):
    """Every approved version of each section, newest first, with who wrote it ("a
    resident" or "the partnership") and whether a moderator approved it."""
    story = _story(code, locality_id)
    return {
        "locality_id": story.locality_id,
        "locality": story.locality.name,
        "sections": [
            {
                "id": s.pk,
                "heading": s.heading,
                "versions": [
                    {
                        "number": row["version"].number,
                        "created": row["version"].created_at,
                        "author": row["author"],
                        "moderated": row["moderated"],
                        "note": row["version"].note,
                        "text": row["version"].text,
                        "current": row["version"].pk == s.current_id,
                    }
                    for row in version_rows(section=s, named=False)
                ],
            }
            for s in stories.sections_of(story=story)
        ],
    }
