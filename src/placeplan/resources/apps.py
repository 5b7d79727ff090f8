from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "placeplan.resources"
    verbose_name = "Resources and prevention"

    def ready(self):
        from placeplan.resources import contributions, permissions  # noqa: F401 - rules
        from placeplan.workspace.registry import plug_in

        plug_in(contributions)
