from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "placeplan.performance"
    verbose_name = "Performance"
