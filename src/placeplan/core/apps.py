from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    name = "placeplan.core"
    verbose_name = "Core"

    def ready(self):
        from placeplan.core.parsing import IdConverter, YearConverter

        # Before any URLconf is read: every app's patterns write ids as <id:pk>, and
        # years as <year:year>.
        register_converter(IdConverter, "id")
        register_converter(YearConverter, "year")
