"""Two papers saved for one body at the same moment get different numbers.

The test's own transaction writes nothing: every write happens in threads with their own
connections, which commit as they would in production, and the last thread deletes
everything the test made.
"""

import threading

import pytest
from django.conf import settings
from django.db import connection

from placeplan.meetings.models import AgendaItem, Meeting, Paper, PaperCounter
from placeplan.partnerships.models import Body
from tests.meetings.test_meeting_services import at, new_meeting, paper

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="SQLite lets one writer in at a time: simultaneous saves cannot happen",
    ),
]
YEAR = 2039


def _in_thread(work):
    """Run ``work`` in a thread with its own connection; return its result."""
    result, errors = [], []

    def run():
        try:
            result.append(work())
        except Exception as error:  # noqa: BLE001 - re-raised below
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if errors:
        raise errors[0]
    return result[0] if result else None


def _cleanup(meeting_pk, body_pk):
    Paper.history.filter(meeting_id=meeting_pk).delete()
    Paper.objects.filter(meeting_id=meeting_pk).delete()
    AgendaItem.history.filter(meeting_id=meeting_pk).delete()
    AgendaItem.objects.filter(meeting_id=meeting_pk).delete()
    Meeting.history.filter(id=meeting_pk).delete()
    Meeting.objects.filter(pk=meeting_pk).delete()
    PaperCounter.objects.filter(body_id=body_pk, year=YEAR).delete()


def test_two_papers_saved_at_once_get_different_numbers():
    body = Body.objects.get(
        partnership__council_area__code="S12000017", name="Chief Officers Group"
    )

    def prepare():
        # The year's first paper, so both submissions find the counter and race for it.
        meeting = new_meeting(body, when=at(YEAR, 3, 5))
        paper(meeting, title="Fictional first")
        return meeting.pk

    meeting_pk = _in_thread(prepare)
    numbers, errors = [], []
    barrier = threading.Barrier(2)

    def submit(n):
        try:
            barrier.wait(timeout=10)
            saved = paper(Meeting.objects.get(pk=meeting_pk), title=f"Fictional {n}")
            numbers.append(saved.number)
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        assert sorted(numbers) == [f"COG/2/{YEAR % 100}", f"COG/3/{YEAR % 100}"]
    finally:
        _in_thread(lambda: _cleanup(meeting_pk, body.pk))
    assert not Meeting.objects.filter(pk=meeting_pk).exists()
