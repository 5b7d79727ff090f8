from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "placeplan.stories"
    verbose_name = "Stories of Place"
