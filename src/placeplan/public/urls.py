from django.urls import path

from placeplan.public import views

app_name = "public"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("areas/<str:code>/", views.AreaView.as_view(), name="area"),
    path(
        "areas/<str:code>/communities/<str:community>/",
        views.CommunityView.as_view(),
        name="community",
    ),
    path("areas/<str:code>/partnership/", views.PartnershipView.as_view(), name="partnership"),
    path("areas/<str:code>/partnership/bodies/<int:pk>/", views.BodyView.as_view(), name="body"),
    path("about-the-data/", views.AboutDataView.as_view(), name="about_data"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
]
