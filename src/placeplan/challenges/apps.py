from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    """The challenge log: challenges put to partners and bodies about performance, their
    answers, and whether the answers were accepted or escalated."""

    name = "placeplan.challenges"
    verbose_name = "Challenge log"

    def ready(self):
        from placeplan.challenges import contributions, permissions  # noqa: F401 - rules
        from placeplan.workspace.registry import plug_in

        plug_in(contributions)
