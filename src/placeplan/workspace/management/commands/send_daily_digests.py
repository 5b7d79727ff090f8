"""Send today's email digests; run it once a day (safe to run more often)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from placeplan.workspace.digests import daily_digests_send


class Command(BaseCommand):
    help = "Send each person's daily email digest (at most one a day)."

    def handle(self, *args, **options):
        sent = daily_digests_send(today=timezone.localdate())
        if options["verbosity"]:
            self.stdout.write(f"{sent} digests sent.")
