from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "placeplan.performance"
    verbose_name = "Performance"

    def ready(self):
        from placeplan.performance import permissions  # noqa: F401 - registers the rules
