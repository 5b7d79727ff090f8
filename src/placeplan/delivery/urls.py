from django.urls import path

from placeplan.delivery import views

app_name = "delivery"

urlpatterns = [
    path("<str:code>/actions/", views.ActionListView.as_view(), name="actions"),
    path("<str:code>/actions/add/", views.ActionAddView.as_view(), name="action_add"),
    path("<str:code>/actions/<id:pk>/", views.ActionView.as_view(), name="action"),
    path("<str:code>/actions/<id:pk>/edit/", views.ActionEditView.as_view(), name="action_edit"),
    path(
        "<str:code>/actions/<id:pk>/progress/",
        views.ProgressAddView.as_view(),
        name="progress_add",
    ),
    path(
        "<str:code>/recommendations/",
        views.RecommendationListView.as_view(),
        name="recommendations",
    ),
    path(
        "<str:code>/recommendations/add/",
        views.RecommendationAddView.as_view(),
        name="recommendation_add",
    ),
]
