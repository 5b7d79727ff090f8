from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "placeplan.delivery"
    verbose_name = "Delivery"

    def ready(self):
        from placeplan.delivery import contributions, permissions  # noqa: F401 - rules
        from placeplan.workspace.registry import plug_in

        plug_in(contributions)
