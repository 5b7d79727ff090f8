from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "placeplan.plans"
    verbose_name = "Plans"

    def ready(self):
        from placeplan.plans import contributions, permissions  # noqa: F401 - rules
        from placeplan.workspace.registry import plug_in

        plug_in(contributions)
