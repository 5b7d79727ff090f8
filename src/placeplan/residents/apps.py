from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "placeplan.residents"
    verbose_name = "Residents"
