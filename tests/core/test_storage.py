"""Uploaded files are kept in the database (placeplan/core/storage.py): any process reads
what another saved, inside the transaction that saved the paper."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from placeplan.core.models import StoredFile
from placeplan.core.storage import DatabaseStorage

pytestmark = pytest.mark.django_db


def test_the_default_storage_is_the_database():
    assert isinstance(default_storage, DatabaseStorage)


def test_a_saved_file_reads_back_with_its_size_and_a_second_gets_another_name():
    storage = DatabaseStorage()
    first = storage.save("papers/2026/COG-1-26.pdf", ContentFile(b"%PDF-1.7 first"))
    second = storage.save("papers/2026/COG-1-26.pdf", ContentFile(b"%PDF-1.7 second"))
    assert first == "papers/2026/COG-1-26.pdf"
    assert second != first and second.startswith("papers/2026/COG-1-26")
    with storage.open(first) as stored:
        assert stored.read() == b"%PDF-1.7 first"
    assert storage.size(second) == len(b"%PDF-1.7 second")
    assert storage.exists(first)
    storage.delete(first)
    assert not storage.exists(first)
    with pytest.raises(FileNotFoundError):
        storage.open(first)


def test_a_file_saved_in_a_transaction_that_fails_is_not_kept():
    storage = DatabaseStorage()
    with pytest.raises(RuntimeError), transaction.atomic():
        storage.save("papers/2026/rolled-back.pdf", ContentFile(b"%PDF"))
        raise RuntimeError("the paper could not be saved")
    assert not StoredFile.objects.filter(name__startswith="papers/2026/rolled-back").exists()


def test_stored_files_have_no_public_address_and_open_only_to_read():
    storage = DatabaseStorage()
    name = storage.save("papers/2026/private.pdf", ContentFile(b"%PDF"))
    with pytest.raises(NotImplementedError):
        storage.url(name)
    with pytest.raises(ValueError):
        storage.open(name, "wb")


def test_attachments_kept_on_disk_before_are_copied_into_the_database(settings, tmp_path):
    """meetings 0009: a paper's attachment still in MEDIA_ROOT is copied in; one missing on
    disk is left as it was, and one already in the database is not copied again."""
    from django.apps import apps

    from tests.factories import PaperFactory
    from tests.files import real_pdf

    moving = importlib.import_module(
        "placeplan.meetings.migrations.0009_attachments_move_into_the_database"
    )
    settings.MEDIA_ROOT = tmp_path
    on_disk, missing, already = (
        PaperFactory(upload=SimpleUploadedFile(f"{n}.pdf", real_pdf()))
        for n in ("on-disk", "missing", "already")
    )
    (tmp_path / on_disk.attachment.name).parent.mkdir(parents=True)
    (tmp_path / on_disk.attachment.name).write_bytes(b"%PDF-1.7 as it was on disk")
    (tmp_path / already.attachment.name).write_bytes(b"%PDF-1.7 an older copy")
    kept = bytes(StoredFile.objects.get(name=already.attachment.name).content)
    StoredFile.objects.filter(name__in=[on_disk.attachment.name, missing.attachment.name]).delete()

    moving.attachments_into_the_database(apps, None)

    copied = StoredFile.objects.get(name=on_disk.attachment.name)
    assert bytes(copied.content) == b"%PDF-1.7 as it was on disk"
    assert copied.size == len(b"%PDF-1.7 as it was on disk")
    assert not StoredFile.objects.filter(name=missing.attachment.name).exists()
    assert bytes(StoredFile.objects.get(name=already.attachment.name).content) == kept
