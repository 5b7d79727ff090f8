"""A meeting dated outside the era of community planning: the meeting form refuses it,
and one already stored (from before the bounds, or by an import) still gets its page,
agenda pack and exception report instead of a server error."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from placeplan.meetings.forms import AttendancePeriodForm, MeetingForm
from placeplan.meetings.models import Meeting
from placeplan.partnerships.models import Body
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", ["0001-01-01", "1989-12-31", "2101-01-01", "9999-12-31"])
def test_the_meeting_form_refuses_a_date_outside_the_era(cog, day):
    form = MeetingForm(
        {"body": cog.pk, "date": day, "time": "10:00", "place": "Online", "status": "scheduled"},
        bodies=Body.objects.filter(pk=cog.pk),
    )
    assert not form.is_valid()
    assert form.errors["date"] == ["Enter a date between 1 January 1990 and 31 December 2100"]


def test_the_meeting_form_takes_a_date_inside_the_era(cog):
    form = MeetingForm(
        {"body": cog.pk, "date": "1990-01-01", "time": "10:00", "place": "Online",
         "status": "scheduled"},
        bodies=Body.objects.filter(pk=cog.pk),
    )  # fmt: skip
    assert form.is_valid(), form.errors


def test_the_attendance_period_refuses_far_dates_instead_of_overflowing():
    form = AttendancePeriodForm({"start": "0001-01-01", "end": "0001-01-02"})
    assert not form.is_valid()
    today = datetime.date(2026, 12, 1)
    assert form.period(today, 365) == (datetime.date(2025, 12, 1), today)


@pytest.fixture(params=[datetime.datetime(1, 1, 1, 10, 0), datetime.datetime(9999, 12, 31, 23, 0)])
def stored_out_of_era(request, cog):
    """A meeting already in the database with a far date, as the meeting form made it
    before it had bounds (a day and a local time)."""
    return Meeting.objects.create(
        body=cog,
        starts_at=timezone.make_aware(request.param),
        place="Online",
        status=Meeting.Status.HELD,
    )


@pytest.mark.parametrize(
    "path",
    ["", "edit/", "exception-report/", "pack.pdf", "pack.docx", "attendance/", "minutes/"],
)
def test_a_stored_far_meeting_still_gets_its_staff_pages(code, stored_out_of_era, path):
    client = Client()
    client.force_login(user_with_role("support_officer", council_code=code))
    response = client.get(f"/workspace/{code}/meetings/{stored_out_of_era.pk}/{path}")
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["", "pack.pdf", "pack.docx"])
def test_a_stored_far_meeting_still_gets_its_public_pages(code, stored_out_of_era, path):
    response = Client().get(f"/areas/{code}/meetings/{stored_out_of_era.pk}/{path}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/workspace/{code}/meetings/", "/areas/{code}/meetings.ics", "/areas/{code}/challenges/"],
)
def test_lists_and_calendars_with_a_far_meeting(code, stored_out_of_era, url):
    url = url.format(code=code)
    client = Client()
    client.force_login(user_with_role("site_admin"))
    assert client.get(url).status_code == 200
    assert Client().get(url).status_code < 500
