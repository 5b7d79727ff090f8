from django.urls import path

from placeplan.resources.views import figures

urlpatterns = [
    path("<str:code>/resources/", figures.OverviewView.as_view(), name="overview"),
    path(
        "<str:code>/resources/<year:year>/outcomes/<id:outcome_pk>/",
        figures.OutcomeView.as_view(),
        name="outcome",
    ),
]
