"""Load the official Scottish geography, deprivation and outcome data shipped in data/scotland/."""

import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from placeplan.partnerships.services import partnerships_ensure
from placeplan.performance.services import national_measures_load
from placeplan.places.services import geography_load


class Command(BaseCommand):
    help = "Load (or bring up to date) the official reference data. Safe to run again."

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            results = geography_load(data_dir=settings.DATA_DIR)
            results["partnerships"] = partnerships_ensure()
            results.update(national_measures_load(data_dir=settings.DATA_DIR))
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if options["verbosity"] == 0:
            return
        for name, result in results.items():
            self.stdout.write(f"  {name}: {result}")
        self.stdout.write(
            self.style.SUCCESS(f"Reference data loaded in {time.perf_counter() - started:.1f} s.")
        )
