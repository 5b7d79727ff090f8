from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "placeplan.plans"
    verbose_name = "Plans"

    def ready(self):
        from placeplan.plans import permissions  # noqa: F401 - registers the rules
