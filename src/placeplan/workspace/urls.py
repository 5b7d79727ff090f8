from django.urls import path

from placeplan.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.WorkspaceView.as_view(), name="workspace"),
    path("<str:code>/", views.PartnershipHomeView.as_view(), name="home"),
]
