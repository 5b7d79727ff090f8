"""What plans contribute to the workspace: their sections, the plans due for review that
need a person (their workspace home and daily digest), and the exception report's
indicators (plugged in from ``apps.py``)."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse

from placeplan.core.numbers import measure_value_text
from placeplan.partnerships.selectors import bodies_led_by, partnerships_supported_by
from placeplan.performance import analysis
from placeplan.plans import progress, selectors
from placeplan.plans.models import Plan
from placeplan.workspace.registry import (
    ExceptionSource,
    Need,
    NeedSource,
    Panel,
    ReportLine,
    Section,
)

# A plan's review (and its successor) starts six months before its period ends.
REVIEW_WARNING_DAYS = 183

OFF_TRACK = "Indicators off track"
WORSENING = "Indicators worsening"
WIDENING = "Gaps widening between the most and least deprived"


def _number(value, measure) -> str:
    return "no value" if value is None else measure_value_text(value, measure)


def exception_lines(*, partnership, on: datetime.date) -> list[ReportLine]:
    """Indicators of the published plans off track or worsening (the status and trend
    rules of ``performance.analysis``), and those whose gap between the most and least
    deprived fifth has widened since the baseline."""
    code = partnership.council_area.code
    lines = []
    for plan in progress.partnership_dashboard(partnership=partnership, public=True, today=on):
        for number, row in plan.rows:
            indicator = row.indicator
            measure = indicator.measure
            url = reverse("plans:indicator_progress", args=[code, indicator.pk])
            name = f"{indicator.measure.name}, {indicator.area.name} (outcome {number})"
            latest = row.latest
            where = (
                f"{_number(latest['value'], measure)} in {latest['period']}"
                if latest
                else "no data"
            )
            if row.status.code == analysis.OFF_TRACK:
                lines.append(
                    ReportLine(
                        OFF_TRACK,
                        f"{name}: {where}; expected {_number(row.status.expected, measure)} on "
                        f"the way to {_number(row.status.target.value, measure)} by "
                        f"{row.status.target.when:%B %Y}.",
                        url,
                    )
                )
            if row.trend == analysis.WORSENING:
                lines.append(
                    ReportLine(WORSENING, f"{name}: worsening over three periods, {where}.", url)
                )
            if row.gap == analysis.WIDENED:
                lines.append(
                    ReportLine(
                        WIDENING,
                        f"{name}: the gap was "
                        f"{_number(row.gap_baseline.disadvantage_gap, measure)} at the baseline "
                        f"and is {_number(row.gap_latest.disadvantage_gap, measure)} now.",
                        url,
                    )
                )
    return lines


def plans_to_review(user, today: datetime.date) -> list[Need]:
    """Published plans whose period ends within six months, or has ended with no newer
    version published, for those who may edit them (the owning body's chair or lead
    officer, the partnership's support officers): time to review the plan and prepare
    the next."""
    supported = partnerships_supported_by(user=user)
    led = bodies_led_by(user=user, day=today)
    plans = (
        Plan.objects.filter(
            Q(partnership_id__in=supported) | Q(owning_body_id__in=led),
            status=Plan.Status.PUBLISHED,
            period_end__lte=today + datetime.timedelta(days=REVIEW_WARNING_DAYS),
        )
        .select_related("partnership__council_area", "owning_body")
        .order_by("period_end", "pk")
    )
    needs = []
    for plan in plans:
        if not user.has_perm("plans.edit_plan", plan):
            continue
        overdue = plan.period_end < today
        when = "ended on" if overdue else "ends on"
        needs.append(
            Need(
                partnership=plan.partnership,
                text=f"The plan “{plan.title}” {when} {plan.period_end:%-d %B %Y}: "
                "review it and prepare the next.",
                url=reverse("plans:plan", args=[plan.partnership.council_area.code, plan.pk]),
                due=plan.period_end,
                overdue=overdue,
                key=(plan.period_end, plan.pk),
            )
        )
    return needs


def partner_commitments(*, request, subject, partnership) -> dict:
    """On a partner's staff page: its commitments in the partnership's current plans."""
    return {
        "partner": subject,
        "accountability": selectors.partner_accountability(partner=subject),
    }


SECTIONS = (
    Section("Plans", "plans:list", "the plans, their outcomes, indicators and targets", 100),
    Section(
        "Indicator library",
        "plans:indicators",
        "the measures a plan can use, national and local",
        110,
    ),
    Section(
        "Outcomes dashboard",
        "plans:dashboard",
        "whether people's lives are improving, and for whom",
        120,
    ),
    Section(
        "Localities and communities",
        "plans:places",
        "the places with the poorest outcomes, and each locality's evidence",
        130,
    ),
)
PANELS = (Panel("partner", "plans/includes/_partner_commitments.html", partner_commitments, 10),)
EXCEPTIONS = (ExceptionSource((OFF_TRACK, WORSENING, WIDENING), exception_lines, 10),)
NEEDS = (NeedSource("plans", "Plans due for review", plans_to_review, 50),)
