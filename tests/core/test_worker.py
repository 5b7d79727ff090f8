"""The task worker as a service of its own: ``manage.py run_worker`` runs queued work and
checks in while it runs, and checks out when it stops (placeplan/core/worker.py)."""

import datetime

import pytest
from django.utils import timezone
from django_tasks.signals import task_started
from django_tasks_db.models import DBTaskResult

from placeplan.core import worker
from placeplan.core.models import WorkerCheckIn
from tests.core.tasks_for_tests import remember

pytestmark = pytest.mark.django_db


def test_a_check_in_is_recorded_once_a_worker_and_old_ones_are_forgotten():
    started = timezone.now()
    gone = worker.check_in("gone-worker", started)
    WorkerCheckIn.objects.filter(pk=gone.pk).update(
        last_seen=started - worker.FORGOTTEN_AFTER - datetime.timedelta(minutes=1)
    )
    worker.check_in("live-worker", started)
    worker.check_in("live-worker", started)
    assert list(WorkerCheckIn.objects.values_list("worker_id", flat=True)) == ["live-worker"]
    assert worker.worker_is_alive()
    assert not worker.worker_is_alive(now=timezone.now() + worker.HEALTHY_WITHIN * 2)
    worker.check_out("live-worker")
    assert worker.last_check_in() is None


def test_run_worker_runs_queued_work_checked_in_and_checks_out(database_worker):
    """The command's worker runs a queued task while its check-in is recorded, and its
    check-in is gone once it stops."""
    seen = []

    def during(sender, task_result, **kwargs):
        seen.append(sorted(WorkerCheckIn.objects.values_list("worker_id", flat=True)))

    task_started.connect(during)
    try:
        queued = remember.enqueue("hello")
        database_worker("test-worker")
    finally:
        task_started.disconnect(during)
    assert DBTaskResult.objects.get(pk=queued.id).status == "SUCCESSFUL"
    assert seen == [["test-worker"]]
    assert not WorkerCheckIn.objects.exists()


def test_only_the_tasks_of_a_worker_no_longer_checking_in_go_back_on_the_queue(
    database_worker,
):
    now = timezone.now()
    worker.check_in("live-worker", now)
    worker.check_in("lost-worker", now)
    WorkerCheckIn.objects.filter(worker_id="lost-worker").update(
        last_seen=now - worker.HEALTHY_WITHIN - datetime.timedelta(seconds=1)
    )
    held = {}
    for holder in ("live-worker", "lost-worker", "never-checked-in"):
        held[holder] = remember.enqueue(holder).id
        DBTaskResult.objects.filter(pk=held[holder]).update(
            status="RUNNING", worker_ids=[holder], started_at=now
        )
    waiting = remember.enqueue("not started").id

    assert worker.lost_work_requeue(now=now) == 2

    def status(pk):
        return DBTaskResult.objects.get(pk=pk).status

    assert {holder: status(pk) for holder, pk in held.items()} == {
        "live-worker": "RUNNING",
        "lost-worker": "READY",
        "never-checked-in": "READY",
    }
    assert status(waiting) == "READY"
    assert worker.lost_work_requeue(now=now) == 0
