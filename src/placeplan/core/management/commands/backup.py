"""Back up the database (records, audit history and attachments) to one archive file."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.template.defaultfilters import filesizeformat

from placeplan.core.backup import FAILURES, backup


class Command(BaseCommand):
    help = (
        "Write the database and a manifest of every table's row count and checksum to one "
        "archive (docs/backup.md). PATH is the archive, or a folder to write "
        "placeplan-<date>-<time>.tar in."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive to write, or an existing folder")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="the database alias")

    def handle(self, *args, path, database, **options):
        try:
            made = backup(path, using=database)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        except FAILURES as error:
            raise CommandError(f"The backup was not written: {error}") from error
        if options["verbosity"]:
            self.stdout.write(
                f"Backed up {made} to {made.path}: {filesizeformat(made.size)} "
                f"in {made.seconds:.1f} s."
            )
