"""The task worker's check-ins: while it runs, the worker (``manage.py run_worker``) writes
the time to the database every half minute, and ``/health/`` is healthy only while the
last check-in is recent, so a load balancer or an operator sees a stopped worker (an
import would otherwise wait "to be saved" for ever)."""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading

from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from placeplan.core.models import WorkerCheckIn

CHECK_IN_SECONDS = 30
#: How recent the last check-in must be for the site to count as healthy.
HEALTHY_WITHIN = datetime.timedelta(minutes=3)
#: Check-ins of workers gone this long are removed.
FORGOTTEN_AFTER = datetime.timedelta(days=1)

logger = logging.getLogger(__name__)


def check_in(worker_id: str, started_at: datetime.datetime) -> WorkerCheckIn:
    """Record that the worker ``worker_id`` is alive now; forget long-gone workers."""
    now = timezone.now()
    WorkerCheckIn.objects.filter(last_seen__lt=now - FORGOTTEN_AFTER).delete()
    check, _ = WorkerCheckIn.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen": now,
        },
    )
    return check


def check_out(worker_id: str) -> None:
    """A worker that stops cleanly says so (the site is then unhealthy at once if it was
    the only one)."""
    WorkerCheckIn.objects.filter(worker_id=worker_id).delete()


def last_check_in() -> datetime.datetime | None:
    """When any worker last checked in."""
    return WorkerCheckIn.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()


def worker_is_alive(now: datetime.datetime | None = None) -> bool:
    last = last_check_in()
    return last is not None and last >= (now or timezone.now()) - HEALTHY_WITHIN


def lost_work_requeue(now: datetime.datetime | None = None) -> int:
    """Put back on the queue every task still marked running whose worker has stopped
    checking in (killed, or its machine lost), so that a lost worker loses no work: another
    worker runs the task again from the start. The number of tasks put back.

    A task is one transaction (an import saves every row or none), so nothing of the lost
    run was kept. A worker that stopped normally finished its task first."""
    alive = set(
        WorkerCheckIn.objects.filter(
            last_seen__gte=(now or timezone.now()) - HEALTHY_WITHIN
        ).values_list("worker_id", flat=True)
    )
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    lost = [
        pk for pk, ids in running.values_list("pk", "worker_ids") if ids and ids[-1] not in alive
    ]
    if not lost:
        return 0
    requeued = running.filter(pk__in=lost).update(status=TaskResultStatus.READY)
    logger.warning("Put %s task(s) of a lost worker back on the queue: %s", requeued, lost)
    return requeued


class CheckIns(threading.Thread):
    """Checks the worker in every ``CHECK_IN_SECONDS`` from a thread of its own, so a long
    task (a large import) does not make the worker look gone, and each time puts back on
    the queue the tasks of workers that have gone (``lost_work_requeue``)."""

    def __init__(self, worker_id: str, interval: float = CHECK_IN_SECONDS) -> None:
        super().__init__(name="placeplan-worker-check-in", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.started_at = timezone.now()
        self._stopped = threading.Event()

    def run(self) -> None:
        """Check in every ``interval`` until stopped (the worker checked in as it started)."""
        while not self._stopped.wait(self.interval):
            try:
                close_old_connections()
                check_in(self.worker_id, self.started_at)
                lost_work_requeue()
            except Exception:  # noqa: BLE001 - a lost database is retried next time
                connection.close()
        connection.close()

    def stop(self) -> None:
        self._stopped.set()
        self.join(timeout=self.interval + 5)
