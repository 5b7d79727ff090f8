"""Files in the database: the default storage of uploaded files (meeting papers'
attachments).

Several web processes on several machines must all read a file any of them saved, and a
backup of the database must hold everything (docs/deployment.md, "Attachments"). The
attachments are small (``PAPER_MAX_BYTES``, 10 MB by default) and are always served
through a view that checks who may see the paper, never by a web server from a folder, so
PostgreSQL keeps them, inside the same transaction as the paper that refers to them.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.utils.deconstruct import deconstructible


@deconstructible(path="placeplan.core.storage.DatabaseStorage")
class DatabaseStorage(Storage):
    """Django's storage API over ``core.StoredFile``: save, open, exists, delete, size."""

    def _model(self):
        from placeplan.core.models import StoredFile

        return StoredFile

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Files in the database are opened to read only.")
        try:
            content = self._model().objects.values_list("content", flat=True).get(name=name)
        except self._model().DoesNotExist:
            raise FileNotFoundError(f"No stored file is named {name!r}.") from None
        return ContentFile(bytes(content), name=name)

    def _save(self, name, content):
        content.seek(0)
        data = content.read()
        if isinstance(data, str):
            data = data.encode()
        self._model().objects.create(name=name, content=data, size=len(data))
        return name

    def exists(self, name):
        return self._model().objects.filter(name=name).exists()

    def delete(self, name):
        self._model().objects.filter(name=name).delete()

    def size(self, name):
        try:
            return self._model().objects.values_list("size", flat=True).get(name=name)
        except self._model().DoesNotExist:
            raise FileNotFoundError(f"No stored file is named {name!r}.") from None

    def url(self, name):
        raise NotImplementedError(
            "Stored files have no public address: they are served by views that check "
            "who may see them."
        )
