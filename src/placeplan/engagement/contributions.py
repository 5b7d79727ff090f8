"""What engagement contributes to the workspace and to other capabilities: its section,
the activities waiting for a "you said, we did" (the exception report and the "what
needs you" of the people who may record it), and a resident's responses in their data
download (plugged in from ``apps.py``)."""

from __future__ import annotations

import datetime

from django.urls import reverse

from placeplan.engagement import charts, selectors
from placeplan.engagement.models import Activity
from placeplan.partnerships.models import Partnership
from placeplan.residents.registry import PersonalDataSource
from placeplan.workspace.registry import (
    ExceptionSource,
    Need,
    NeedSource,
    Panel,
    ReportLine,
    Section,
)

NO_FEEDBACK = "Engagement without “you said, we did”"


def _missing(activity: Activity) -> str:
    waiting = selectors.themes_without_response(activity)
    if not activity.themes.all():
        return "no themes of what people said recorded"
    return f"{len(waiting)} of {len(activity.themes.all())} themes without “we did”"


def _url(activity: Activity) -> str:
    return reverse(
        "engagement:activity", args=[activity.partnership.council_area.code, activity.pk]
    )


def exception_lines(*, partnership, on: datetime.date, body=None) -> list[ReportLine]:
    """Activities closed more than eight weeks before the report's date whose themes do
    not all say what was done. A locality partnership's meeting sees its own activities;
    every other body's sees them all."""
    return [
        ReportLine(
            NO_FEEDBACK,
            f"{activity.title} ({activity.runner}): closed {activity.ends_on:%-d %B %Y}; "
            f"{_missing(activity)}.",
            _url(activity),
        )
        for activity in selectors.awaiting_feedback(partnership=partnership, on=on, body=body)
    ]


def feedback_due(user, today: datetime.date) -> list[Need]:
    """Activities the person may record that have been closed more than eight weeks
    without a "we did" for every theme."""
    if not user.is_authenticated:
        return []
    needs = []
    partnerships = Partnership.objects.filter(roles__user=user).distinct()
    if user.is_superuser:
        partnerships = Partnership.objects.none()  # site admins act, they are not chased
    for partnership in partnerships.select_related("council_area"):
        for activity in selectors.awaiting_feedback(partnership=partnership, on=today):
            if not user.has_perm("engagement.manage_activity", activity):
                continue
            due = activity.feedback_due()
            needs.append(
                Need(
                    partnership=partnership,
                    text=f"Say what was done about what people said in “{activity.title}” "
                    f"(closed {activity.ends_on:%-d %B %Y}; {_missing(activity)}).",
                    url=_url(activity),
                    due=due,
                    overdue=True,
                    key=(due, activity.pk),
                )
            )
    return needs


def resident_responses(user) -> list[dict]:
    """A resident's responses to consultations, for their data download."""
    return [
        {
            "activity": response.activity.title,
            "partnership": response.activity.partnership.name,
            "submitted_at": response.submitted_at.isoformat(),
            "text": response.text,
        }
        for response in selectors.responses_by(user=user)
    ]


def story_engagement(*, request, subject, partnership) -> dict | None:
    """On a locality's Story of Place (slot ``story``, subject: the ``Locality``): its
    latest published Place Standard scores beside the earlier exercise's, and the latest
    published activities run for it; nothing when it has neither."""
    result = selectors.place_standard_for_locality(subject)
    activities = selectors.engagement_for_locality(subject)
    if result is None and not activities:
        return None
    return {
        "result": result,
        "chart": charts.result_chart(result) if result else None,
        "activities": activities,
        "locality": subject,
        "heading": "h4",  # under the story's section heading (h2) and the panel's (h3)
        "chart_id": f"story-place-standard-{subject.pk}",
    }


PERSONAL_DATA = PersonalDataSource("Responses to consultations", resident_responses)

SECTIONS = (
    Section(
        "Engagement",
        "engagement:list",
        "consultations, what people said, what was done, and Place Standard results",
        330,
        "engagement.view_engagement",
    ),
)
PANELS = (Panel("story", "engagement/includes/_story_panel.html", story_engagement, 30),)
NEEDS = (NeedSource("engagement_feedback", "“You said, we did” due", feedback_due, 40),)
EXCEPTIONS = (ExceptionSource((NO_FEEDBACK,), exception_lines, 40, per_body=True),)
