from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """The staff pages of a partnership's governance: its structure, partners, bodies,
    members, localities, and who holds which role. The records and their rules are the
    ``partnerships`` app's; these pages change them only through its services."""

    name = "placeplan.governance"
    verbose_name = "Governance"

    def ready(self):
        from placeplan.governance import contributions
        from placeplan.workspace.registry import plug_in

        plug_in(contributions)
