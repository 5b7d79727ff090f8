from django.urls import path

from placeplan.performance import views

app_name = "performance"

urlpatterns = [
    path("<str:code>/data/", views.DataHomeView.as_view(), name="data"),
    path(
        "<str:code>/data/template.<str:fmt>",
        views.TemplateDownloadView.as_view(),
        name="template",
    ),
    path("<str:code>/data/imports/<id:pk>/", views.BatchView.as_view(), name="batch"),
    path(
        "<str:code>/data/imports/<id:pk>/progress.json",
        views.BatchProgressView.as_view(),
        name="batch_progress",
    ),
    path("<str:code>/data/tokens/", views.TokenListView.as_view(), name="tokens"),
    path(
        "<str:code>/data/tokens/<id:pk>/revoke/",
        views.TokenRevokeView.as_view(),
        name="token_revoke",
    ),
]
