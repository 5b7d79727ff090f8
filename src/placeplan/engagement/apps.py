from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "placeplan.engagement"
    verbose_name = "Engagement"

    def ready(self):
        from placeplan.engagement import contributions, permissions  # noqa: F401 - rules
        from placeplan.residents.registry import register
        from placeplan.workspace.registry import plug_in

        plug_in(contributions)
        register(contributions.PERSONAL_DATA)
