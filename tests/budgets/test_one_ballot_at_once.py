"""One ballot per person, proven under load: 50 simultaneous submissions of the same
resident's ballot (and of the same voting code) store exactly one; every other is told the
ballot has already been cast.

The test's own transaction writes nothing: every write happens in threads with their own
connections, which commit as they would in production, and the last step deletes
everything the test made."""

import threading

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import connection

from placeplan.accounts.models import User
from placeplan.budgets import services
from placeplan.budgets.models import Ballot, Process, Project, VotingCode
from placeplan.partnerships.models import Partnership
from placeplan.residents.models import Resident
from tests.factories import VOTING_DAY, ProcessFactory, ProjectFactory, verified_resident
from tests.meetings.test_paper_numbers_at_once import _in_thread

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="SQLite lets one writer in at a time: simultaneous submissions cannot happen",
    ),
]
PERTH = "S12000048"
AT_ONCE = 50


def _all_at_once(submit) -> tuple[int, int, list[Exception]]:
    """Run ``submit()`` in AT_ONCE threads released together: (stored, refused, others)."""
    barrier = threading.Barrier(AT_ONCE)
    stored, refused, others = [], [], []

    def run():
        try:
            barrier.wait(timeout=60)
            submit()
            stored.append(1)
        except services.AlreadyVoted:
            refused.append(1)
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            others.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return len(stored), len(refused), others


def _cleanup(process_pk, user_pks):
    Ballot.objects.filter(process_id=process_pk).delete()
    VotingCode.objects.filter(process_id=process_pk).delete()
    Project.history.filter(process_id=process_pk).delete()
    Project.objects.filter(process_id=process_pk).delete()
    Process.history.filter(id=process_pk).delete()
    Process.objects.filter(pk=process_pk).delete()
    Resident.objects.filter(user_id__in=user_pks).delete()
    EmailAddress.objects.filter(user_id__in=user_pks).delete()
    User.objects.filter(pk__in=user_pks).delete()
    User.history.filter(id__in=user_pks).delete()


def test_fifty_simultaneous_ballots_of_one_resident_store_one():
    def prepare():
        process = ProcessFactory(
            partnership=Partnership.objects.get(council_area__code=PERTH), codes_vote=True
        )
        project = ProjectFactory(process=process, cost=50)
        resident = verified_resident()
        code = services.codes_generate(process=process, number=1, batch="Fictional", user=None)
        return process.pk, project.pk, resident.pk, code[0]

    process_pk, project_pk, resident_pk, code = _in_thread(prepare)
    try:

        def as_resident():
            services.ballot_cast(
                process=Process.objects.get(pk=process_pk),
                projects=[Project.objects.get(pk=project_pk)],
                user=User.objects.get(pk=resident_pk),
                today=VOTING_DAY,
                declared=True,
            )

        def with_code():
            services.ballot_cast(
                process=Process.objects.get(pk=process_pk),
                projects=[Project.objects.get(pk=project_pk)],
                code=code,
                today=VOTING_DAY,
            )

        assert _all_at_once(as_resident) == (1, AT_ONCE - 1, [])
        assert _all_at_once(with_code) == (1, AT_ONCE - 1, [])
        ballots = _in_thread(lambda: list(Ballot.objects.filter(process_id=process_pk)))
        assert len(ballots) == 2
        assert sorted(bool(b.voter_id) for b in ballots) == [False, True]
    finally:
        _in_thread(lambda: _cleanup(process_pk, [resident_pk]))
