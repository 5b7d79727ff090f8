from django.urls import path

from placeplan.resources.views import figures

urlpatterns = [
    path("<str:code>/resources/", figures.OverviewView.as_view(), name="overview"),
]
