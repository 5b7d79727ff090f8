"""Base models every app builds on."""

from django.db import models
from simple_history.models import HistoricalRecords


class TimeStampedModel(models.Model):
    """Rows that record when they were created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditedModel(TimeStampedModel):
    """Governance and performance data: every change kept in the audit history.

    ``history`` (django-simple-history) records who changed what and when; bulk
    writes must go through ``simple_history.utils.bulk_create_with_history`` and
    ``bulk_update_with_history`` so the history stays complete.
    """

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class StoredFile(models.Model):
    """A file kept in the database (meeting papers' attachments), so every web process
    on every machine reads the same files and a database backup holds them
    (``placeplan.core.storage.DatabaseStorage``; docs/deployment.md, "Attachments")."""

    name = models.CharField(max_length=255, unique=True)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class WorkerCheckIn(models.Model):
    """The task worker's last sign of life, one row a worker process: ``/health/`` is 503
    unless a worker has checked in recently (``placeplan.core.worker``)."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} on {self.host}"
