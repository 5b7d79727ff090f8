"""The rules a body declares, checked over plain data so every page and service agrees.

Rules (each finding names its rule):

- **Representatives**: at most ``max_members`` current members who are not "in
  attendance". Breaking: more than the limit. Close: at the limit, or one below it.
- **Required roles**: a current chair (``requires_chair``) and lead officer
  (``requires_lead_officer``).
- **Leads from partners**: where ``leads_from_partners``, every current chair and lead
  officer is a senior officer of an organisation that is a partner of the partnership.
- **Membership review**: each membership is reviewed ``review_after_months`` after it
  starts (or after its last review); a review is due on or before today.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from placeplan.partnerships.names import name_withheld

CHAIR = "chair"
LEAD_OFFICER = "lead_officer"
IN_ATTENDANCE = "in_attendance"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "breaks", "close" or "due"
    message: str


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def is_current(membership, today: datetime.date) -> bool:
    """A membership that has started and not ended by ``today``."""
    return membership.start <= today and (membership.end is None or membership.end > today)


def representatives(memberships) -> list:
    """Members who count towards the limit: everyone except those in attendance."""
    return [m for m in memberships if m.role != IN_ATTENDANCE]


def leads_qualify(membership, partner_organisation_ids: set[int]) -> bool:
    """A chair or lead officer who is a senior officer of one of the partnership's partners."""
    return membership.is_senior_officer and membership.organisation_id in partner_organisation_ids


def named(membership) -> str:
    """How a finding names a member: community representatives who have not agreed to be
    named publicly are described, not named, because findings are shown to national
    readers as well as to the partnership's own staff."""
    if name_withheld(
        represents_community=membership.category == "community_representative",
        consent=getattr(membership.person, "public_name_consent", False),
    ):
        return f"A community representative ({membership.get_role_display().lower()})"
    return membership.person.name


def body_findings(
    body, current: list, partner_organisation_ids: set[int], today: datetime.date
) -> list[Finding]:
    """Every rule the body breaks, is close to breaking, or has a review due for."""
    findings = []
    count = len(representatives(current))
    if body.max_members is not None:
        rule = f"At most {body.max_members} representatives"
        if count > body.max_members:
            findings.append(Finding(rule, "breaks", f"{body.name} has {count} representatives."))
        elif count >= body.max_members - 1:
            findings.append(
                Finding(
                    rule, "close", f"{body.name} has {count} of {body.max_members} places filled."
                )
            )
    roles = {m.role for m in current}
    if body.requires_chair and CHAIR not in roles:
        findings.append(Finding("A chair is required", "breaks", f"{body.name} has no chair."))
    if body.requires_lead_officer and LEAD_OFFICER not in roles:
        findings.append(
            Finding("A lead officer is required", "breaks", f"{body.name} has no lead officer.")
        )
    if body.leads_from_partners:
        for m in current:
            if m.role in (CHAIR, LEAD_OFFICER) and not leads_qualify(m, partner_organisation_ids):
                findings.append(
                    Finding(
                        "Chair and lead officer are senior officers of partners",
                        "breaks",
                        f"{named(m)} ({m.get_role_display().lower()}) is not recorded as a "
                        "senior officer of a community planning partner.",
                    )
                )
    for m in current:
        if m.next_review is not None and m.next_review <= today:
            findings.append(
                Finding(
                    "Membership review",
                    "due",
                    f"{named(m)}: membership was due for review on {m.next_review:%-d %B %Y}.",
                )
            )
    return findings
