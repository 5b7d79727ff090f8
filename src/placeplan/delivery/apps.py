from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "placeplan.delivery"
    verbose_name = "Delivery"

    def ready(self):
        from placeplan.delivery import permissions  # noqa: F401 - registers the rules
