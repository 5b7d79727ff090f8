from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "placeplan.performance"
    verbose_name = "Performance"

    def ready(self):
        from placeplan.performance import contributions, permissions  # noqa: F401 - rules
        from placeplan.workspace.registry import plug_in

        plug_in(contributions)
