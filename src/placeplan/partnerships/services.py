"""Writes to partnerships and the roles people hold in them."""

from __future__ import annotations

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from placeplan.core.bulk import SyncResult, rows_sync
from placeplan.core.evidence_cache import evidence_changed
from placeplan.partnerships import body_rules, selectors
from placeplan.partnerships.models import (
    STATUTORY_KINDS,
    Body,
    Locality,
    Membership,
    Organisation,
    Partner,
    Partnership,
    PartnershipRole,
    Person,
    RemitItem,
    Role,
)
from placeplan.places.models import Area


@transaction.atomic
def partnerships_ensure() -> SyncResult:
    """Make sure every council area has its Community Planning Partnership."""
    councils = Area.objects.filter(level=Area.Level.COUNCIL_AREA).values_list("pk", "name")
    return rows_sync(
        model=Partnership,
        key=("council_area_id",),
        fields=("name",),
        rows=[
            {"council_area_id": pk, "name": f"{name} Community Planning Partnership"}
            for pk, name in councils
        ],
        change_reason="One partnership for each council area",
    )


@transaction.atomic
def partnership_role_grant(*, user, partnership: Partnership, role: str) -> PartnershipRole:
    """Give a person a role in a partnership (doing nothing if they already hold it)."""
    if role not in Role.values:
        raise ValidationError(f"{role!r} is not a partnership role.")
    grant, _ = PartnershipRole.objects.get_or_create(user=user, partnership=partnership, role=role)
    return grant


def organisation_ensure(*, name: str, kind: str, is_national: bool = False) -> Organisation:
    """The organisation with this name, created if new (national bodies are shared)."""
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        organisation = Organisation(name=name, kind=kind, is_national=is_national)
        organisation.full_clean()
        organisation.save()
    return organisation


@transaction.atomic
def partner_add(
    *, partnership: Partnership, organisation: Organisation, is_statutory: bool | None = None
) -> Partner:
    """Make an organisation a partner: statutory if its kind is in Schedule 1, unless told."""
    if is_statutory is None:
        is_statutory = organisation.kind in STATUTORY_KINDS
    partner, created = Partner.objects.get_or_create(
        partnership=partnership, organisation=organisation, defaults={"is_statutory": is_statutory}
    )
    if not created and partner.is_statutory != is_statutory:
        partner.is_statutory = is_statutory
        partner.save()
    return partner


def _check_reporting_line(body: Body, reports_to: Body | None) -> None:
    if reports_to is None:
        return
    if reports_to.partnership_id != body.partnership_id:
        raise ValidationError(
            {"reports_to": "A body can only report to a body of its own partnership."}
        )
    ancestor, seen = reports_to, set()
    while ancestor is not None and ancestor.pk not in seen:
        if body.pk is not None and ancestor.pk == body.pk:
            raise ValidationError(
                {
                    "reports_to": (
                        f"{body.name} cannot report to {reports_to.name}: "
                        f"{reports_to.name} already reports, directly or through other "
                        f"bodies, to {body.name}."
                    )
                }
            )
        seen.add(ancestor.pk)
        ancestor = ancestor.reports_to


@transaction.atomic
def body_save(*, body: Body, remit: list[str] | None = None) -> Body:
    """Create or update a body (checking its reporting line has no cycle) and its remit."""
    _check_reporting_line(body, body.reports_to)
    if body.locality_id and body.locality.partnership_id != body.partnership_id:
        raise ValidationError({"locality": "The locality must be in the body's own partnership."})
    body.full_clean()
    body.save()
    if remit is not None:
        items = [text.strip() for text in remit if text.strip()]
        existing = {item.number: item for item in body.remit.all()}
        for number, text in enumerate(items, start=1):
            item = existing.pop(number, None) or RemitItem(body=body, number=number)
            if item.text != text:
                item.text = text
                item.save()
        for item in existing.values():
            item.delete()
    return body


@transaction.atomic
def membership_add(
    *,
    body: Body,
    person: Person,
    role: str,
    category: str,
    start: datetime.date,
    organisation: Organisation | None = None,
    is_senior_officer: bool = False,
    today: datetime.date | None = None,
) -> Membership:
    """Give a person a seat on a body, refusing anything that would break the body's rules:
    every rule broken is named at once (a form shows them all), not the first only."""
    today = today or timezone.localdate()
    body = Body.objects.select_for_update().get(pk=body.pk)
    if person.partnership_id != body.partnership_id:
        raise ValidationError("This person belongs to another partnership.")
    problems: dict[str, list] = {}
    current = [m for m in body.memberships.all() if body_rules.is_current(m, max(start, today))]
    if any(m.person_id == person.pk for m in current):
        problems.setdefault(NON_FIELD_ERRORS, []).append(
            f"{person.name} is already a member of {body.name}."
        )
    membership = Membership(
        body=body,
        person=person,
        role=role,
        category=category,
        start=start,
        organisation=organisation,
        is_senior_officer=is_senior_officer,
        next_review=body_rules.add_months(start, body.review_after_months)
        if body.review_after_months
        else None,
    )
    try:
        membership.full_clean()
    except ValidationError as invalid:
        for field, messages in invalid.message_dict.items():
            problems.setdefault(field, []).extend(messages)
    if (
        body.max_members is not None
        and role != body_rules.IN_ATTENDANCE
        and len(body_rules.representatives(current)) >= body.max_members
    ):
        problems.setdefault(NON_FIELD_ERRORS, []).append(
            f"Rule “At most {body.max_members} representatives”: {body.name} already has "
            f"{body.max_members}. End a membership before adding another representative, "
            "or add this person as in attendance."
        )
    if (
        body.leads_from_partners
        and role in (body_rules.CHAIR, body_rules.LEAD_OFFICER)
        and not body_rules.leads_qualify(
            membership, selectors.partner_organisation_ids(partnership=body.partnership)
        )
    ):
        problems.setdefault(NON_FIELD_ERRORS, []).append(
            f"Rule “Chair and lead officer are senior officers of partners”: the "
            f"{membership.get_role_display().lower()} of {body.name} must be a senior officer "
            "of one of the partnership's community planning partners."
        )
    if problems:
        raise ValidationError(problems)
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, end: datetime.date, reason: str = "") -> Membership:
    """End a membership (kept in the history), unless the body would lose a role it requires."""
    membership = Membership.objects.select_related("body", "person").get(pk=membership.pk)
    if membership.end is not None:
        raise ValidationError(f"{membership.person.name}'s membership has already ended.")
    if end < membership.start:
        raise ValidationError({"end": "A membership cannot end before it starts."})
    body = membership.body
    required = {
        body_rules.CHAIR: body.requires_chair,
        body_rules.LEAD_OFFICER: body.requires_lead_officer,
    }
    if required.get(membership.role):
        others = [
            m
            for m in body.memberships.exclude(pk=membership.pk)
            if m.role == membership.role and body_rules.is_current(m, end)
        ]
        if not others:
            label = membership.get_role_display().lower()
            raise ValidationError(
                f"Rule “A {label} is required”: {body.name} would have no {label}. "
                f"Appoint the new {label} first, then end this membership."
            )
    membership.end = end
    membership.end_reason = reason
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_review(*, membership: Membership, reviewed_on: datetime.date) -> Membership:
    """Record a membership review and set the next one from the body's review period."""
    months = membership.body.review_after_months
    membership.next_review = body_rules.add_months(reviewed_on, months) if months else None
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def partner_status_set(*, partner: Partner, is_statutory: bool) -> Partner:
    """Record whether a partner is a statutory (Schedule 1) or an invited partner."""
    partner.is_statutory = is_statutory
    partner.full_clean()
    partner.save()
    return partner


@transaction.atomic
def partnership_contact_set(
    *, partnership: Partnership, email: str, address: str, url: str
) -> Partnership:
    """Record how the public contacts the partnership (any part may be left empty): the
    change goes in the audit history, and cached public pages show it at once."""
    partnership.contact_email = email.strip()
    partnership.contact_address = "\n".join(
        line.strip() for line in address.strip().splitlines() if line.strip()
    )
    partnership.contact_url = url.strip()
    partnership.full_clean()
    partnership.save(
        update_fields=["contact_email", "contact_address", "contact_url", "updated_at"]
    )
    transaction.on_commit(evidence_changed)
    return partnership


@transaction.atomic
def person_save(*, person: Person) -> Person:
    """Create or update a person who sits on the partnership's bodies."""
    person.name = person.name.strip()
    if (
        person.user_id is not None
        and not PartnershipRole.objects.filter(
            user_id=person.user_id, partnership_id=person.partnership_id
        ).exists()
    ):
        raise ValidationError(
            {"user": "Only the account of somebody with a role in this partnership can be linked."}
        )
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def locality_save(*, locality: Locality, communities: list[Area]) -> Locality:
    """Create or update a locality: a named set of the council area's communities."""
    council_id = locality.partnership.council_area_id
    outside = [
        area.name
        for area in communities
        if area.level != Area.Level.INTERMEDIATE_ZONE or area.council_area_id != council_id
    ]
    if outside:
        raise ValidationError(
            {"communities": f"Not a community of this council area: {', '.join(outside)}."}
        )
    if not communities:
        raise ValidationError({"communities": "A locality covers at least one community."})
    locality.full_clean()
    locality.save()
    locality.communities.set(communities)
    # The public locality pages are cached under the evidence version.
    transaction.on_commit(evidence_changed)
    return locality


@transaction.atomic
def membership_join(*, body: Body, person: Person, **seat) -> Membership:
    """Seat a person on a body, recording them first if they are new. If a rule refuses the
    seat, a new person is not recorded either."""
    if person.pk is None:
        person_save(person=person)
    return membership_add(body=body, person=person, **seat)
