from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "placeplan.core"
    verbose_name = "Core"
