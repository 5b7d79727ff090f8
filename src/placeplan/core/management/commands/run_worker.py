"""``manage.py run_worker``: the task worker as a service of its own (imports and other
long work), which checks in so that ``/health/`` can tell it is running."""

from django_tasks_db.management.commands import db_worker

from placeplan.core import worker


class Command(db_worker.Command):
    help = (
        "Run the task worker (large imports and other long work, from the database "
        "queue), checking in every 30 seconds for /health/. Takes db_worker's options."
    )

    def handle(self, *args, **options):
        check_ins = worker.CheckIns(options["worker_id"])
        worker.check_in(check_ins.worker_id, check_ins.started_at)
        worker.lost_work_requeue()
        check_ins.start()
        try:
            super().handle(*args, **options)
        finally:
            check_ins.stop()
            worker.check_out(check_ins.worker_id)
