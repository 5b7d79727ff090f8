from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "placeplan.public"
    verbose_name = "Public site"
