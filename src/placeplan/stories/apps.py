from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "placeplan.stories"
    verbose_name = "Stories of Place"

    def ready(self):
        from placeplan.residents import registry as personal_data
        from placeplan.stories import contributions, permissions  # noqa: F401 - rules
        from placeplan.workspace.registry import plug_in

        plug_in(contributions)
        for source in contributions.PERSONAL_DATA:
            personal_data.register(source)
