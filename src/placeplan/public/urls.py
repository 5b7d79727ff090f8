from django.urls import path

from placeplan.public import (
    budget_views,
    engagement_views,
    meeting_views,
    performance_views,
    plan_views,
    resource_views,
    search_views,
    story_views,
    views,
)

app_name = "public"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", search_views.SearchView.as_view(), name="search"),
    path("compare/", views.ComparisonView.as_view(), name="comparison"),
    path(
        "compare/<str:table>.<str:fmt>",
        views.ComparisonTableView.as_view(),
        name="comparison_table",
    ),
    path("areas/<str:code>/", views.AreaView.as_view(), name="area"),
    path(
        "areas/<str:code>/communities/<str:community>/",
        views.CommunityView.as_view(),
        name="community",
    ),
    path("areas/<str:code>/partnership/", views.PartnershipView.as_view(), name="partnership"),
    path("areas/<str:code>/partnership/bodies/<id:pk>/", views.BodyView.as_view(), name="body"),
    path(
        "areas/<str:code>/partnership/partners/<id:pk>/",
        plan_views.PartnerView.as_view(),
        name="partner",
    ),
    path("areas/<str:code>/plans/", plan_views.PlanListView.as_view(), name="plans"),
    path("areas/<str:code>/plans/<id:pk>/", plan_views.PlanView.as_view(), name="plan"),
    path(
        "areas/<str:code>/plans/<id:pk>/<str:table>.csv",
        plan_views.PlanTableView.as_view(),
        name="plan_table",
    ),
    path(
        "areas/<str:code>/plans/<id:pk>/compare/<id:other>/",
        plan_views.PlanCompareView.as_view(),
        name="plan_compare",
    ),
    path(
        "areas/<str:code>/outcomes/",
        performance_views.OutcomesProfileView.as_view(),
        name="outcomes",
    ),
    path(
        "areas/<str:code>/performance/",
        performance_views.DashboardView.as_view(),
        name="dashboard",
    ),
    path(
        "areas/<str:code>/performance/indicators/<id:pk>/",
        performance_views.IndicatorView.as_view(),
        name="indicator",
    ),
    path(
        "areas/<str:code>/performance/indicators/<id:pk>/<str:table>.<str:fmt>",
        performance_views.IndicatorTableView.as_view(),
        name="indicator_table",
    ),
    path(
        "areas/<str:code>/performance/places/",
        performance_views.PlacesView.as_view(),
        name="places",
    ),
    path(
        "areas/<str:code>/performance/places/<str:table>.<str:fmt>",
        performance_views.PlacesTableView.as_view(),
        name="places_table",
    ),
    path(
        "areas/<str:code>/performance/localities/<id:pk>/",
        performance_views.LocalityView.as_view(),
        name="locality",
    ),
    path(
        "areas/<str:code>/performance/localities/<id:pk>/<str:table>.<str:fmt>",
        performance_views.LocalityTableView.as_view(),
        name="locality_table",
    ),
    path(
        "areas/<str:code>/performance/localities/<id:pk>/measures/<slug:measure>/",
        performance_views.LocalityMeasureView.as_view(),
        name="locality_measure",
    ),
    path(
        "areas/<str:code>/performance/localities/<id:pk>/measures/<slug:measure>/"
        "<str:table>.<str:fmt>",
        performance_views.LocalityMeasureTableView.as_view(),
        name="locality_measure_table",
    ),
    path(
        "areas/<str:code>/partnership/bodies/<id:pk>/meetings/",
        meeting_views.BodyMeetingsView.as_view(),
        name="body_meetings",
    ),
    path("areas/<str:code>/stories/", story_views.StoriesView.as_view(), name="stories"),
    path(
        "areas/<str:code>/stories/<id:locality>/",
        story_views.StoryView.as_view(),
        name="story",
    ),
    path(
        "areas/<str:code>/stories/<id:locality>/versions/",
        story_views.StoryVersionsView.as_view(),
        name="story_versions",
    ),
    path(
        "areas/<str:code>/meetings/",
        meeting_views.PartnershipMeetingsView.as_view(),
        name="meetings",
    ),
    path("areas/<str:code>/meetings/<id:pk>/", meeting_views.MeetingView.as_view(), name="meeting"),
    path(
        "areas/<str:code>/meetings/<id:pk>/papers/<id:paper>/download/",
        meeting_views.PaperDownloadView.as_view(),
        name="paper_download",
    ),
    path(
        "areas/<str:code>/meetings/<id:pk>/pack.<str:fmt>",
        meeting_views.MeetingPackView.as_view(),
        name="meeting_pack",
    ),
    path(
        "areas/<str:code>/challenges/",
        meeting_views.ChallengeLogView.as_view(),
        name="challenges",
    ),
    path(
        "areas/<str:code>/meetings.ics",
        meeting_views.CalendarView.as_view(),
        name="meetings_calendar",
    ),
    path(
        "areas/<str:code>/engagement/",
        engagement_views.EngagementView.as_view(),
        name="engagement",
    ),
    path(
        "areas/<str:code>/engagement/<id:pk>/",
        engagement_views.ActivityView.as_view(),
        name="engagement_activity",
    ),
    path(
        "areas/<str:code>/engagement/<id:pk>/respond/",
        engagement_views.RespondView.as_view(),
        name="engagement_respond",
    ),
    path(
        "areas/<str:code>/place-standard/<id:pk>/",
        engagement_views.PlaceStandardView.as_view(),
        name="place_standard",
    ),
    path("areas/<str:code>/resources/", resource_views.ResourcesView.as_view(), name="resources"),
    path(
        "areas/<str:code>/resources/<year:year>/<str:table>.csv",
        resource_views.ResourcesTableView.as_view(),
        name="resources_table",
    ),
    path(
        "areas/<str:code>/resources/<year:year>/outcomes/<id:outcome_pk>/",
        resource_views.ResourcesOutcomeView.as_view(),
        name="resources_outcome",
    ),
    path("areas/<str:code>/budgets/", budget_views.BudgetsView.as_view(), name="budgets"),
    path("areas/<str:code>/budgets/<id:pk>/", budget_views.BudgetView.as_view(), name="budget"),
    path(
        "areas/<str:code>/budgets/<id:pk>/pabulib.pb",
        budget_views.BudgetPabulibView.as_view(),
        name="budget_pabulib",
    ),
    path("about-the-data/", views.AboutDataView.as_view(), name="about_data"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
]
