from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "placeplan.meetings"
    verbose_name = "Meetings"

    def ready(self):
        from placeplan.meetings import contributions, permissions  # noqa: F401 - rules
        from placeplan.workspace.registry import plug_in

        plug_in(contributions)
