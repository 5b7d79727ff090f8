from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "placeplan.public"
    verbose_name = "Public site"

    def ready(self):
        from placeplan.public import contributions
        from placeplan.workspace.registry import plug_in

        plug_in(contributions)
