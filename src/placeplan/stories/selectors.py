"""Reading Stories of Place: the stories of a partnership, one story with its sections,
versions, what waits for moderation (and what has waited too long), and a resident's own
proposals."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from placeplan.partnerships.models import Locality
from placeplan.partnerships.selectors import (
    bodies_led_by,
    locality_zones,
    partnerships_supported_by,
)
from placeplan.places import charts as place_charts
from placeplan.places import selectors as place_selectors
from placeplan.plans.models import Plan
from placeplan.plans.selectors import plans_published
from placeplan.stories.models import Asset, Moderation, Proposal, Section, Story, Version

STALE_DAYS = 14


def story_get(*, partnership, locality_pk: int) -> Story:
    """A locality's story (raises ``Story.DoesNotExist``: no such locality in the
    partnership, or it has no story yet)."""
    return Story.objects.select_related("locality__partnership__council_area").get(
        locality__partnership=partnership, locality_id=locality_pk
    )


def sections_of(*, story: Story) -> list[Section]:
    """The story's sections in order, each with its current version."""
    return list(
        story.sections.select_related("current__author", "current__moderator").order_by(
            "position", "pk"
        )
    )


def section_get(*, story: Story, pk: int) -> Section:
    return story.sections.select_related("current", "story__locality").get(pk=pk)


@dataclass
class StoryRow:
    locality: Locality
    story: Story | None
    updated: datetime.datetime | None
    versions: int
    pending: int


def story_list(*, partnership) -> list[StoryRow]:
    """Every locality of the partnership with its story (if begun): when its text last
    changed, how many versions it has and how many proposals wait."""
    stories = {
        s.locality_id: s
        for s in Story.objects.filter(locality__partnership=partnership).annotate(
            updated=Max("sections__versions__created_at"),
            version_count=Count("sections__versions", distinct=True),
            pending=Count(
                "sections__proposals",
                filter=Q(sections__proposals__status=Moderation.PENDING),
                distinct=True,
            ),
        )
    }
    rows = []
    for locality in Locality.objects.filter(partnership=partnership).order_by("name"):
        story = stories.get(locality.pk)
        rows.append(
            StoryRow(
                locality=locality,
                story=story,
                updated=story.updated if story else None,
                versions=story.version_count if story else 0,
                pending=story.pending if story else 0,
            )
        )
    return rows


def last_updated(*, story: Story) -> datetime.datetime | None:
    """When the story's approved text last changed."""
    return Version.objects.filter(section__story=story).aggregate(at=Max("created_at"))["at"]


def contributor_count(*, story: Story) -> int:
    """How many people wrote the story's versions or suggested its listed assets: each
    account once; a contribution whose author's account was deleted counts once."""
    versions = Version.objects.filter(section__story=story)
    assets = Asset.objects.filter(story=story, status=Moderation.APPROVED)
    people = set(versions.exclude(author=None).values_list("author_id", flat=True))
    people |= set(assets.exclude(proposer=None).values_list("proposer_id", flat=True))
    return len(people) + versions.filter(author=None).count() + assets.filter(proposer=None).count()


def versions_of(*, section: Section) -> QuerySet[Version]:
    """Every version of a section, newest first."""
    return section.versions.select_related("author", "moderator", "restored_from").order_by(
        "-number"
    )


def version_get(*, section: Section, number: int) -> Version:
    return section.versions.get(number=number)


def listed_assets(*, story: Story) -> QuerySet[Asset]:
    """The approved community assets, by community."""
    return story.assets.filter(status=Moderation.APPROVED).select_related("community")


def assets_per_community(*, story: Story) -> list[dict]:
    """Every community of the locality with how many listed assets it has."""
    counts = dict(
        listed_assets(story=story)
        .values("community_id")
        .annotate(n=Count("pk"))
        .values_list("community_id", "n")
    )
    return [
        {"community": c, "count": counts.get(c.pk, 0)}
        for c in story.locality.communities.order_by("name")
    ]


def assets_map(*, story: Story) -> dict:
    """The locality's map, its communities shaded by how many listed assets each has."""
    counts = {row["community"].code: row["count"] for row in assets_per_community(story=story)}
    zones = [
        {**zone, "count": counts.get(zone["code"]) if zone["in_locality"] else None}
        for zone in locality_zones(locality=story.locality)
    ]
    return place_charts.locality_counts_map(
        zones=zones,
        geometries=place_selectors.boundaries(codes=[zone["code"] for zone in zones]),
        name=story.locality.name,
        what="community assets",
    )


def moderated_localities(*, user, partnership=None, day: datetime.date | None = None) -> QuerySet:
    """The localities whose stories the person moderates: every locality of a partnership
    they support, and the localities of the local partnerships they chair or lead."""
    if user is None or not user.is_authenticated:
        return Locality.objects.none()
    if user.is_superuser:
        where = Q()
    else:
        day = day or timezone.localdate()
        where = Q(partnership_id__in=partnerships_supported_by(user=user)) | Q(
            bodies__pk__in=bodies_led_by(user=user, day=day)
        )
    found = Locality.objects.filter(where)
    if partnership is not None:
        found = found.filter(partnership=partnership)
    return found.distinct()


def pending_proposals(*, localities) -> QuerySet[Proposal]:
    """Proposals waiting for a decision in those localities' stories, oldest first."""
    return (
        Proposal.objects.filter(status=Moderation.PENDING, section__story__locality__in=localities)
        .select_related(
            "section__current", "section__story__locality", "base", "proposer__resident"
        )
        .order_by("created_at", "pk")
    )


def pending_assets(*, localities) -> QuerySet[Asset]:
    return (
        Asset.objects.filter(status=Moderation.PENDING, story__locality__in=localities)
        .select_related("story__locality", "community", "proposer__resident")
        .order_by("created_at", "pk")
    )


def waiting_too_long(*, localities, on: datetime.date) -> tuple[list, list]:
    """Proposals and assets pending for more than 14 days on ``on``."""
    start_of_day = timezone.make_aware(
        datetime.datetime.combine(on - datetime.timedelta(days=STALE_DAYS), datetime.time.min)
    )
    return (
        list(pending_proposals(localities=localities).filter(created_at__lt=start_of_day)),
        list(pending_assets(localities=localities).filter(created_at__lt=start_of_day)),
    )


def proposal_get(*, partnership, pk: int) -> Proposal:
    return Proposal.objects.select_related(
        "section__story__locality", "section__current", "base", "proposer__resident"
    ).get(section__story__locality__partnership=partnership, pk=pk)


def asset_get(*, partnership, pk: int) -> Asset:
    return Asset.objects.select_related("story__locality", "community").get(
        story__locality__partnership=partnership, pk=pk
    )


def contributions_of(*, user) -> tuple[QuerySet[Proposal], QuerySet[Asset]]:
    """What a resident has proposed and suggested, newest first, with the decisions."""
    return (
        Proposal.objects.filter(proposer=user)
        .select_related("section__story__locality__partnership__council_area")
        .order_by("-created_at"),
        Asset.objects.filter(proposer=user)
        .select_related("story__locality__partnership__council_area", "community")
        .order_by("-created_at"),
    )


def plan_for_place(*, locality) -> Plan | None:
    """The locality's Plan for Place: its published locality plan, if it has one."""
    return (
        plans_published()
        .filter(kind=Plan.Kind.LOCALITY, locality=locality)
        .order_by("-period_start")
        .first()
    )


def story_of_plan(*, plan) -> Story | None:
    """The Story of Place a locality plan is built on, if its locality has one."""
    if plan.locality_id is None:
        return None
    return story_for_locality(locality_pk=plan.locality_id)


def stories_public(*, partnership) -> list[StoryRow]:
    """The partnership's stories that have begun, for the public list."""
    return [row for row in story_list(partnership=partnership) if row.story is not None]


def story_for_locality(*, locality_pk: int) -> Story | None:
    return Story.objects.filter(locality_id=locality_pk).first()
