from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "placeplan.places"
    verbose_name = "Places"
