"""The exception report for a meeting: what needs the body's attention, built from the
data on a date without anyone compiling it, and frozen into the meeting's papers when it
is issued, so the record shows what the meeting saw.

Its sections, each line linking to its evidence, come from the capabilities (each an
``ExceptionSource`` in the workspace registry, in this order): indicators off track,
worsening or with a widening gap (plans); actions overdue or in trouble (delivery);
challenges with an overdue answer (the challenge log); membership reviews due and rules
broken (governance).
"""

from __future__ import annotations

import datetime
from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from placeplan.core.parsing import DATE_MAX, DATE_MIN
from placeplan.meetings import services
from placeplan.meetings.models import Meeting, Paper
from placeplan.workspace.registry import ReportLine, exception_sources

Line = ReportLine


def sections(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """The lines grouped by section, every section listed (empty ones too), in the order
    the capabilities that contribute them are registered."""
    return [(name, [line for line in lines if line.section == name]) for name in _names()]


def _names() -> list[str]:
    return [name for source in exception_sources for name in source.sections]


def exception_report(*, partnership, on: datetime.date, body=None) -> list[Line]:
    """Every line of the partnership's exception report on the date ``on``, by section;
    for a meeting of ``body``, the lines of sources about bodies (``per_body``) are that
    body's own (a locality partnership's stale proposals, say)."""
    lines = []
    for source in exception_sources:
        if source.per_body:
            lines.extend(source.lines(partnership=partnership, on=on, body=body))
        else:
            lines.extend(source.lines(partnership=partnership, on=on))
    order = {name: index for index, name in enumerate(_names())}
    return sorted(lines, key=lambda line: order[line.section])


def report_date(meeting: Meeting, today: datetime.date) -> datetime.date:
    """The data a meeting's report is built from: the meeting's day, or today for a
    meeting still to come. A meeting stored with a day outside the era of community
    planning (before the meeting form had bounds) reports as of the era's nearest end, so
    the date arithmetic of targets and trends stays within the calendar."""
    day = min(timezone.localtime(meeting.starts_at).date(), today)
    return min(max(day, DATE_MIN), DATE_MAX)


def issued_report(meeting: Meeting) -> Paper | None:
    """The exception report issued to the meeting's papers, if it has been."""
    return meeting.papers.filter(report__isnull=False).order_by("pk").first()


@transaction.atomic
def exception_report_issue(*, meeting: Meeting, today: datetime.date) -> Paper:
    """Freeze the report into the meeting's papers, numbered in the body's series, as a
    draft to publish like any paper. A meeting's report is issued once: a second issue
    (another officer at the same moment, a form sent twice) is refused, naming the paper.
    """
    # The meeting's row is locked, so two issues at once are taken in turn.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    issued = issued_report(meeting)
    if issued is not None:
        raise ValidationError(
            f"The exception report was issued already, as paper {issued.number}. A meeting "
            "has one: it records what the meeting saw."
        )
    on = report_date(meeting, today)
    lines = exception_report(partnership=meeting.body.partnership, on=on, body=meeting.body)
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
