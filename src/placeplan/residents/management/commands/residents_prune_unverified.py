"""Remove residents' accounts whose email address was never confirmed; run it once a day."""

from django.core.management.base import BaseCommand

from placeplan.residents.services import UNVERIFIED_DAYS, unverified_residents_prune


class Command(BaseCommand):
    help = f"Delete residents' accounts never confirmed within {UNVERIFIED_DAYS} days."

    def handle(self, *args, **options):
        removed = unverified_residents_prune()
        if options["verbosity"]:
            self.stdout.write(f"{removed} unconfirmed residents' accounts removed.")
