from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "placeplan.demo"
    verbose_name = "Demonstration data"
