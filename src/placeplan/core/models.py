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
