from django.urls import path

from placeplan.engagement import views

app_name = "engagement"

urlpatterns = [
    path("<str:code>/engagement/", views.ActivityListView.as_view(), name="list"),
    path("<str:code>/engagement/add/", views.ActivityAddView.as_view(), name="add"),
    path("<str:code>/engagement/<id:pk>/", views.ActivityView.as_view(), name="activity"),
    path("<str:code>/engagement/<id:pk>/edit/", views.ActivityEditView.as_view(), name="edit"),
    path(
        "<str:code>/engagement/<id:pk>/themes/add/",
        views.ThemeAddView.as_view(),
        name="theme_add",
    ),
    path(
        "<str:code>/engagement/<id:pk>/themes/<id:theme>/edit/",
        views.ThemeEditView.as_view(),
        name="theme_edit",
    ),
    path(
        "<str:code>/engagement/<id:pk>/themes/<id:theme>/we-did/",
        views.WeDidView.as_view(),
        name="we_did",
    ),
    path(
        "<str:code>/engagement/<id:pk>/responses/",
        views.ResponsesView.as_view(),
        name="responses",
    ),
    path("<str:code>/engagement/<id:pk>/summary/", views.SummaryView.as_view(), name="summary"),
    path(
        "<str:code>/engagement/<id:pk>/place-standard/",
        views.PlaceStandardSummaryView.as_view(),
        name="place_standard",
    ),
    path(
        "<str:code>/engagement/<id:pk>/place-standard/upload/",
        views.PlaceStandardUploadView.as_view(),
        name="place_standard_upload",
    ),
]
