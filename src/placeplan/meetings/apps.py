from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "placeplan.meetings"
    verbose_name = "Meetings"

    def ready(self):
        from placeplan.meetings import permissions  # noqa: F401 - registers the rules
