from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "placeplan.engagement"
    verbose_name = "Engagement"
