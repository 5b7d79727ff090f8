from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "placeplan.api"
    verbose_name = "API"
