"""What runs the site: a file kept in the database and a task worker's check-in."""

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from placeplan.core import worker
from placeplan.core.models import StoredFile, WorkerCheckIn
from placeplan.core.storage import DatabaseStorage
from tests.factories.base import CheckedFactory


class StoredFileFactory(CheckedFactory):
    """A file saved through the storage the papers use."""

    class Meta:
        model = StoredFile

    name = factory.Sequence(lambda n: f"papers/2026/fictional-{n}.pdf")
    content = b"%PDF-1.7 a fictional file"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        name = DatabaseStorage().save(kwargs["name"], ContentFile(kwargs["content"]))
        return model_class.objects.get(name=name)


class WorkerCheckInFactory(CheckedFactory):
    """A worker that checked in just now, as ``run_worker`` does."""

    class Meta:
        model = WorkerCheckIn

    worker_id = factory.Sequence(lambda n: f"fictional-worker-{n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return worker.check_in(kwargs["worker_id"], timezone.now())
