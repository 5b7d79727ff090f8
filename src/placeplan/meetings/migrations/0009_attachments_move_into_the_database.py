"""Papers' attachments kept on disk (MEDIA_ROOT) before they moved to the database are
copied into it, so every web process and every backup has them. A file that is missing
on disk is left as it was (the attachment view answers 404 for it, as before)."""

from pathlib import Path

from django.conf import settings
from django.db import migrations


def attachments_into_the_database(apps, schema_editor):
    Paper = apps.get_model("meetings", "Paper")
    StoredFile = apps.get_model("core", "StoredFile")
    root = Path(settings.MEDIA_ROOT)
    for name in Paper.objects.exclude(attachment="").values_list("attachment", flat=True):
        path = root / name
        if StoredFile.objects.filter(name=name).exists() or not path.is_file():
            continue
        content = path.read_bytes()
        StoredFile.objects.create(name=name, content=content, size=len(content))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_stored_files_and_worker_check_ins"),
        ("meetings", "0008_challenge_log_moves_to_challenges"),
    ]

    operations = [
        migrations.RunPython(attachments_into_the_database, migrations.RunPython.noop),
    ]
