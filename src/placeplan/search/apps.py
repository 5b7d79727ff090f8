from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "placeplan.search"
    verbose_name = "Site search"
