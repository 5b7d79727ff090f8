"""Reads about partnerships, their governance structure and the roles people hold."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from placeplan.partnerships import body_rules
from placeplan.partnerships.models import (
    Body,
    Locality,
    Membership,
    Partner,
    Partnership,
    PartnershipRole,
    Person,
    Role,
)
from placeplan.partnerships.names import WITHHELD_NAME, name_withheld
from placeplan.places import selectors as places


def partnership_list() -> QuerySet[Partnership]:
    """All partnerships, with their council area, by name."""
    return Partnership.objects.select_related("council_area").order_by("name")


def partnership_get(*, council_code: str) -> Partnership:
    """The partnership of a council area (raises ``Partnership.DoesNotExist``)."""
    return Partnership.objects.select_related("council_area").get(council_area__code=council_code)


def user_partnership_roles(*, user) -> list[dict]:
    """The partnerships a person works in, each with the roles they hold there."""
    grouped: dict[int, dict] = {}
    roles = PartnershipRole.objects.filter(user=user).select_related("partnership__council_area")
    for grant in roles.order_by("partnership__name", "role"):
        entry = grouped.setdefault(
            grant.partnership_id, {"partnership": grant.partnership, "roles": []}
        )
        entry["roles"].append(grant.get_role_display())
    return list(grouped.values())


def partnership_people(*, partnership: Partnership) -> QuerySet[PartnershipRole]:
    """Everyone with a role in the partnership (personal data: support officers only)."""
    return (
        PartnershipRole.objects.filter(partnership=partnership)
        .select_related("user")
        .order_by("user__full_name", "role")
    )


@dataclass
class BodyNode:
    """A body in the structure, with the bodies reporting to it and its member counts."""

    body: Body
    children: list[BodyNode] = field(default_factory=list)
    members: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    findings: list[body_rules.Finding] = field(default_factory=list)


def memberships_current(day: datetime.date) -> QuerySet[Membership]:
    """Memberships held on ``day``: started on or before it, and not ended (a membership's
    end is the first day it no longer holds)."""
    return Membership.objects.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gt=day))


def bodies_led_by(*, user, day: datetime.date) -> QuerySet:
    """The ids of the bodies the person chairs or is lead officer of on ``day`` (a
    subquery: ``body_id__in=``)."""
    return (
        memberships_current(day)
        .filter(person__user=user, role__in=Membership.LEADING_ROLES)
        .values("body_id")
    )


def partnerships_supported_by(*, user) -> QuerySet:
    """The ids of the partnerships the person is a support officer of (a subquery)."""
    return PartnershipRole.objects.filter(user=user, role=Role.SUPPORT_OFFICER).values(
        "partnership_id"
    )


def acts_for_whole_partnership(*, user, partnership: Partnership) -> bool:
    """Support officers (and site administrators) may act for any of the partnership's
    bodies and partners."""
    return user is not None and user.has_perm("partnerships.manage_structure", partnership)


def bodies_of(*, partnership: Partnership) -> QuerySet[Body]:
    """The partnership's bodies, by name: for lists and form choices."""
    return Body.objects.filter(partnership=partnership).order_by("name")


def body_list() -> QuerySet[Body]:
    """Every body of every partnership (each has a public page)."""
    return Body.objects.select_related("partnership__council_area")


def bodies_acting_for(*, user, partnership: Partnership) -> QuerySet[Body]:
    """The bodies a person may act for ("raised by", "on behalf of"): the bodies they sit
    on today, or every body for those who act for the whole partnership."""
    bodies = bodies_of(partnership=partnership)
    if acts_for_whole_partnership(user=user, partnership=partnership):
        return bodies
    if user is None or not user.is_authenticated:
        return bodies.none()
    seats = memberships_current(timezone.localdate()).filter(person__user=user)
    return bodies.filter(pk__in=seats.values("body_id"))


def partners_acting_for(*, user, partnership: Partnership) -> QuerySet[Partner]:
    """The partners a person may act for (a partner's own decisions, its answers): the
    organisations they represent on one of the partnership's bodies today, or every
    partner for those who act for the whole partnership."""
    partners = Partner.objects.filter(partnership=partnership).select_related("organisation")
    if acts_for_whole_partnership(user=user, partnership=partnership):
        return partners
    if user is None or not user.is_authenticated:
        return partners.none()
    seats = memberships_current(timezone.localdate()).filter(
        person__user=user, body__partnership=partnership, organisation__isnull=False
    )
    return partners.filter(organisation_id__in=seats.values("organisation_id"))


def _current_memberships(bodies, today):
    memberships = (
        memberships_current(today).filter(body__in=bodies).select_related("person", "organisation")
    )
    grouped: dict[int, list[Membership]] = {}
    for m in memberships:
        grouped.setdefault(m.body_id, []).append(m)
    return grouped


def partnership_structure(
    *, partnership: Partnership, today: datetime.date | None = None
) -> list[BodyNode]:
    """The partnership's bodies as a tree (roots are bodies reporting to no one), each with
    its current member counts by category and its rule findings."""
    today = today or timezone.localdate()
    bodies = list(
        partnership.bodies.select_related("locality", "reports_to")
        .prefetch_related("remit")
        .order_by("name")
    )
    current = _current_memberships(bodies, today)
    partner_ids = partner_organisation_ids(partnership=partnership)
    nodes = {}
    for body in bodies:
        members = current.get(body.pk, [])
        nodes[body.pk] = BodyNode(
            body=body,
            members=len(body_rules.representatives(members)),
            by_category=representatives_by_category(members),
            findings=body_rules.body_findings(body, members, partner_ids, today),
        )
    roots = []
    for body in bodies:
        parent = nodes.get(body.reports_to_id)
        (parent.children if parent else roots).append(nodes[body.pk])
    return roots


def representatives_by_category(memberships: list[Membership]) -> dict[str, int]:
    """How many of the current members who count as representatives are in each category."""
    counts: dict[str, int] = {}
    for m in body_rules.representatives(memberships):
        counts[m.category] = counts.get(m.category, 0) + 1
    return counts


def structure_flat(nodes: list[BodyNode]) -> list[BodyNode]:
    """Every node of a structure tree, parents before their children."""
    flat = []
    for node in nodes:
        flat.append(node)
        flat.extend(structure_flat(node.children))
    return flat


def body_get(*, partnership: Partnership, pk: int) -> Body:
    """One body of the partnership (raises ``Body.DoesNotExist``)."""
    return Body.objects.select_related("reports_to", "locality", "partnership__council_area").get(
        partnership=partnership, pk=pk
    )


@dataclass
class BodyDetail:
    body: Body
    remit: list
    reporting_line: list[Body]
    reporting_bodies: list[Body]
    current: list[Membership]
    past: list[Membership]
    findings: list[body_rules.Finding]


def body_detail(*, body: Body, today: datetime.date | None = None) -> BodyDetail:
    """A body's remit, reporting line, the bodies reporting to it, members and findings."""
    today = today or timezone.localdate()
    line, ancestor, seen = [], body.reports_to, set()
    while ancestor is not None and ancestor.pk not in seen:
        line.append(ancestor)
        seen.add(ancestor.pk)
        ancestor = ancestor.reports_to
    memberships = list(
        body.memberships.select_related("person", "organisation").order_by("role", "person__name")
    )
    current = [m for m in memberships if body_rules.is_current(m, today)]
    role_order = {value: index for index, value in enumerate(Membership.MemberRole.values)}
    current.sort(key=lambda m: (role_order[m.role], m.person.name))
    partner_ids = partner_organisation_ids(partnership=body.partnership)
    return BodyDetail(
        body=body,
        remit=list(body.remit.all()),
        reporting_line=line,
        reporting_bodies=list(body.reporting_bodies.order_by("name")),
        current=current,
        past=[m for m in memberships if m.end is not None and m.end <= today],
        findings=body_rules.body_findings(body, current, partner_ids, today),
    )


@dataclass
class PersonNames:
    """How one reader sees people's names: call it with a ``Person`` (or ``None``)."""

    may_see_names: bool
    community_ids: set[int]
    withheld_user_ids: set[int] = field(default_factory=set)

    def withheld(self, person) -> bool:
        return not self.may_see_names and name_withheld(
            represents_community=person.pk in self.community_ids,
            consent=person.public_name_consent,
        )

    def __call__(self, person) -> str:
        if person is None:
            return ""
        return WITHHELD_NAME if self.withheld(person) else person.name

    def of_user(self, user_id: int | None, name: str) -> str:
        """The name recorded for an account's step (a challenge, an update): withheld when
        the account is a community representative's who has not agreed to be named."""
        if not self.may_see_names and user_id in self.withheld_user_ids:
            return WITHHELD_NAME
        return name


def person_names(*, user, partnership: Partnership) -> PersonNames:
    """The display-name rule for ``user`` reading ``partnership``: everyone working in the
    partnership (and site administrators) sees every name; everyone else (the public,
    national readers, e-mail and downloads for them) sees a community representative's
    name only with their consent. Every page, download, pack, e-mail and API answer that
    names a person names them through this."""
    may_see = user is not None and user.has_perm("partnerships.view_members", partnership)
    community = Membership.objects.filter(
        body__partnership=partnership, category=Membership.Category.COMMUNITY
    )
    withheld_users = community.filter(
        person__public_name_consent=False, person__user__isnull=False
    ).values_list("person__user_id", flat=True)
    return PersonNames(
        may_see_names=may_see,
        community_ids=set(community.values_list("person_id", flat=True)),
        withheld_user_ids=set(withheld_users),
    )


def with_display_names(memberships: list[Membership], *, names: PersonNames) -> list[Membership]:
    """Give each membership a ``display_name`` by the reader's display-name rule."""
    for m in memberships:
        m.display_name = names(m.person)
    return memberships


def partner_organisation_ids(*, partnership: Partnership) -> set[int]:
    """The organisations that are partners of the partnership (for the leads rule)."""
    return set(partnership.partners.values_list("organisation_id", flat=True))


def partners_of(*, partnership: Partnership):
    """The partnership's partner organisations, statutory first."""
    return partnership.partners.select_related("organisation").order_by(
        "-is_statutory", "organisation__name"
    )


def person_memberships(*, person: Person) -> list[Membership]:
    """Every body a person sits or sat on, current first."""
    return list(
        person.memberships.select_related("body", "organisation").order_by("end", "body__name")
    )


@dataclass
class Attention:
    """Bodies that break a rule, are close to breaking one, or have reviews due."""

    breaks: list[tuple[Body, body_rules.Finding]]
    close: list[tuple[Body, body_rules.Finding]]
    due: list[tuple[Body, body_rules.Finding]]


def structure_attention(nodes: list[BodyNode]) -> Attention:
    """The rule findings of every body in a structure, grouped by how urgent they are."""
    grouped = {"breaks": [], "close": [], "due": []}
    for node in structure_flat(nodes):
        for finding in node.findings:
            grouped[finding.severity].append((node.body, finding))
    return Attention(**grouped)


def people_list(*, partnership: Partnership, today: datetime.date | None = None):
    """The people recorded in a partnership, each with how many bodies they now sit on."""
    today = today or timezone.localdate()
    current = Q(memberships__start__lte=today) & (
        Q(memberships__end__isnull=True) | Q(memberships__end__gt=today)
    )
    return (
        Person.objects.filter(partnership=partnership)
        .annotate(current_bodies=Count("memberships", filter=current))
        .order_by("name")
    )


def person_get(*, partnership: Partnership, pk: int) -> Person:
    """One person of the partnership (raises ``Person.DoesNotExist``)."""
    return Person.objects.select_related("user").get(partnership=partnership, pk=pk)


def membership_get(*, body: Body, pk: int) -> Membership:
    """One membership of a body (raises ``Membership.DoesNotExist``)."""
    return Membership.objects.select_related("person", "organisation", "body").get(body=body, pk=pk)


def partner_get(*, partnership: Partnership, pk: int) -> Partner:
    """One partner of the partnership (raises ``Partner.DoesNotExist``)."""
    return Partner.objects.select_related("organisation").get(partnership=partnership, pk=pk)


def localities_of(*, partnership: Partnership):
    """The partnership's localities, each with its number of communities and its bodies."""
    return (
        Locality.objects.filter(partnership=partnership)
        .annotate(community_count=Count("communities", distinct=True))
        .prefetch_related("bodies")
        .order_by("name")
    )


def locality_get(*, partnership: Partnership, pk: int) -> Locality:
    """One locality of the partnership (raises ``Locality.DoesNotExist``)."""
    return Locality.objects.get(partnership=partnership, pk=pk)


def locality_zones(*, locality: Locality) -> list[dict]:
    """Every community of the locality's council area, marked in or out of the locality
    (the rows of the locality map and its table)."""
    inside = set(locality.communities.values_list("pk", flat=True))
    return [
        {
            "code": area.code,
            "name": area.name,
            "in_locality": area.pk in inside,
            "status": locality.name if area.pk in inside else "Elsewhere in the area",
        }
        for area in places.communities_of(area=locality.partnership.council_area)
    ]
