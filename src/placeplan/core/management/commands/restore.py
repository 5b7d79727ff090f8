"""Restore a backup into an empty database, checking every table against its manifest."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.db.migrations.loader import MigrationLoader

from placeplan.core.backup import FAILURES, restore


class Command(BaseCommand):
    help = (
        "Restore the archive PATH (made by manage.py backup) into the configured database, "
        "which must be empty; the restore is kept only if every table's row count and "
        "checksum match the backup's (docs/backup.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive to restore")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="the database alias")

    def handle(self, *args, path, database, **options):
        try:
            restored = restore(path, using=database)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        except FAILURES as error:
            raise CommandError(f"The restore stopped: {error}") from error
        if not options["verbosity"]:
            return
        self.stdout.write(
            f"Restored {restored} from {restored.path} (backed up {restored.created}) "
            f"in {restored.seconds:.1f} s: every table's row count and checksum match the "
            "backup's."
        )
        waiting, unknown = _migrations_compared(restored.migrations)
        if waiting:
            self.stdout.write(
                f"This version of Placeplan has {len(waiting)} migrations the backup had not "
                "applied: run manage.py migrate before starting the site."
            )
        if unknown:
            self.stdout.write(
                f"The backup has {len(unknown)} migrations this version of Placeplan does not "
                "know: run the version that made it (or a later one)."
            )


def _migrations_compared(applied: list[str]) -> tuple[set, set]:
    """The code's migrations the backup had not applied (a squashed one counts as applied
    when all it replaces were), and the backup's migrations the code does not have."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    done = {tuple(name.split(".", 1)) for name in applied}
    waiting = {
        key
        for key in loader.graph.nodes
        if key not in done
        and not (key in loader.replacements and set(loader.replacements[key].replaces) <= done)
    }
    return waiting, done - loader.disk_migrations.keys()
