from django.urls import path

from placeplan.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.WorkspaceView.as_view(), name="workspace"),
    path("<str:code>/", views.PartnershipHomeView.as_view(), name="home"),
    path("<str:code>/people/", views.PartnershipPeopleView.as_view(), name="people"),
]
