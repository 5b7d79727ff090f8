from django.urls import path

from placeplan.stories import views

app_name = "stories"

urlpatterns = [
    path("<str:code>/stories/", views.StoryListView.as_view(), name="list"),
    path("<str:code>/stories/moderation/", views.QueueView.as_view(), name="queue"),
    path(
        "<str:code>/stories/moderation/proposals/<id:pk>/",
        views.ProposalDecideView.as_view(),
        name="proposal",
    ),
    path(
        "<str:code>/stories/moderation/assets/<id:pk>/",
        views.AssetDecideView.as_view(),
        name="asset",
    ),
    path("<str:code>/stories/<id:locality>/", views.StoryView.as_view(), name="story"),
    path("<str:code>/stories/<id:locality>/start/", views.StoryStartView.as_view(), name="start"),
    path(
        "<str:code>/stories/<id:locality>/sections/",
        views.SectionsArrangeView.as_view(),
        name="sections",
    ),
    path(
        "<str:code>/stories/<id:locality>/sections/<id:pk>/edit/",
        views.SectionEditView.as_view(),
        name="section_edit",
    ),
    path(
        "<str:code>/stories/<id:locality>/sections/<id:pk>/versions/",
        views.VersionsView.as_view(),
        name="versions",
    ),
    path(
        "<str:code>/stories/<id:locality>/sections/<id:pk>/versions/<id:number>/restore/",
        views.RestoreView.as_view(),
        name="restore",
    ),
    path(
        "<str:code>/stories/<id:locality>/assets/add/",
        views.AssetAddView.as_view(),
        name="asset_add",
    ),
]
