"""The exception report for a meeting: what needs the body's attention, built from the
data on a date without anyone compiling it, and frozen into the meeting's papers when it
is issued, so the record shows what the meeting saw.

Its sections, each line linking to its evidence:
- indicators of the published plans that are off track, or worsening (the status and
  trend rules of ``performance.analysis``), and those whose gap between the most and
  least deprived fifth has widened since the baseline;
- open improvement actions past their due date, or at risk or off track;
- challenges whose answer is overdue;
- membership reviews due, and rules bodies break.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from placeplan.core.parsing import DATE_MAX, DATE_MIN
from placeplan.delivery import selectors as delivery
from placeplan.delivery.models import TROUBLED_STATUSES
from placeplan.meetings import challenges, services
from placeplan.meetings.models import Meeting, Paper
from placeplan.partnerships import selectors as partnerships
from placeplan.performance import analysis
from placeplan.plans import progress

SECTIONS = (
    "Indicators off track",
    "Indicators worsening",
    "Gaps widening between the most and least deprived",
    "Actions overdue",
    "Actions at risk or off track",
    "Challenges with an overdue answer",
    "Membership reviews due",
    "Rules broken",
)


@dataclass(frozen=True)
class Line:
    section: str
    text: str
    url: str


def _number(value) -> str:
    return "no value" if value is None else f"{value:,.4g}"


def _indicator_lines(partnership, code, on) -> list[Line]:
    lines = []
    for plan in progress.partnership_dashboard(partnership=partnership, public=True, today=on):
        for number, row in plan.rows:
            indicator = row.indicator
            url = reverse("plans:indicator_progress", args=[code, indicator.pk])
            name = f"{indicator.measure.name}, {indicator.area.name} (outcome {number})"
            latest = row.latest
            where = f"{_number(latest['value'])} in {latest['period']}" if latest else "no data"
            if row.status.code == analysis.OFF_TRACK:
                lines.append(
                    Line(
                        SECTIONS[0],
                        f"{name}: {where}; expected {_number(row.status.expected)} on the way "
                        f"to {_number(row.status.target.value)} by "
                        f"{row.status.target.when:%B %Y}.",
                        url,
                    )
                )
            if row.trend == analysis.WORSENING:
                lines.append(
                    Line(SECTIONS[1], f"{name}: worsening over three periods, {where}.", url)
                )
            if row.gap == analysis.WIDENED:
                lines.append(
                    Line(
                        SECTIONS[2],
                        f"{name}: the gap was {_number(row.gap_baseline.disadvantage_gap)} at the "
                        f"baseline and is {_number(row.gap_latest.disadvantage_gap)} now.",
                        url,
                    )
                )
    return lines


def sections(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """The lines grouped by section, every section listed (empty ones too)."""
    return [(name, [line for line in lines if line.section == name]) for name in SECTIONS]


def exception_report(*, partnership, on: datetime.date) -> list[Line]:
    """Every line of the partnership's exception report on the date ``on``, by section."""
    code = partnership.council_area.code
    lines = _indicator_lines(partnership, code, on)
    for action in delivery.action_list(partnership=partnership, open_only=True):
        url = reverse("delivery:action", args=[code, action.pk])
        who = f"{action.responsible_body.name}, {action.accountable_partner.organisation.name}"
        if action.due < on:
            lines.append(
                Line(SECTIONS[3], f"{action.title} ({who}): due {action.due:%-d %B %Y}.", url)
            )
        if action.status in TROUBLED_STATUSES:
            lines.append(
                Line(
                    SECTIONS[4],
                    f"{action.title} ({who}): {action.get_status_display().lower()}.",
                    url,
                )
            )
    for challenge in challenges.challenges_overdue(partnership=partnership, today=on):
        lines.append(
            Line(
                SECTIONS[5],
                f"To {challenge.addressee}, answer due {challenge.answer_due:%-d %B %Y}: "
                f"{challenge.question[:140]}",
                reverse("meetings:challenge", args=[code, challenge.pk]),
            )
        )
    attention = partnerships.structure_attention(
        partnerships.partnership_structure(partnership=partnership, today=on)
    )
    for section, found in ((SECTIONS[6], attention.due), (SECTIONS[7], attention.breaks)):
        for body, finding in found:
            url = reverse("partnerships:body", args=[code, body.pk])
            lines.append(Line(section, f"{finding.rule}: {finding.message}", url))
    order = {name: index for index, name in enumerate(SECTIONS)}
    return sorted(lines, key=lambda line: order[line.section])


def report_date(meeting: Meeting, today: datetime.date) -> datetime.date:
    """The data a meeting's report is built from: the meeting's day, or today for a
    meeting still to come. A meeting stored with a day outside the era of community
    planning (before the meeting form had bounds) reports as of the era's nearest end, so
    the date arithmetic of targets and trends stays within the calendar."""
    day = min(timezone.localtime(meeting.starts_at).date(), today)
    return min(max(day, DATE_MIN), DATE_MAX)


@transaction.atomic
def exception_report_issue(*, meeting: Meeting, today: datetime.date) -> Paper:
    """Freeze the report into the meeting's papers, numbered in the body's series, as a
    draft to publish like any paper."""
    on = report_date(meeting, today)
    lines = exception_report(partnership=meeting.body.partnership, on=on)
    paper = services.paper_add(
        meeting=meeting,
        title=f"Exception report, {on:%-d %B %Y}",
        author="Placeplan, from the partnership's data",
        purpose=f"What needs {meeting.body.name}'s attention on {on:%-d %B %Y}: "
        f"{len(lines)} items, each linked to its evidence.",
    )
    paper.report = {"as_of": on.isoformat(), "lines": [asdict(line) for line in lines]}
    paper.save()
    return paper
