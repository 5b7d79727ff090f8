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
    path("about-the-data/", views.AboutDataView.as_view(), name="about_data"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
]
