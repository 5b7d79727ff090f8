from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "placeplan.partnerships"
    verbose_name = "Partnerships"

    def ready(self):
        from placeplan.partnerships import permissions  # noqa: F401 - registers the rules
