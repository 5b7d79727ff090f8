from django.urls import path

from placeplan.meetings import views

app_name = "meetings"

M = "<str:code>/meetings/<int:pk>/"

urlpatterns = [
    path("<str:code>/meetings/", views.MeetingListView.as_view(), name="list"),
    path("<str:code>/meetings/add/", views.MeetingAddView.as_view(), name="add"),
    path(M, views.MeetingView.as_view(), name="meeting"),
    path(M + "edit/", views.MeetingEditView.as_view(), name="edit"),
    path(M + "agenda/add/", views.AgendaItemAddView.as_view(), name="item_add"),
    path(M + "papers/add/", views.PaperAddView.as_view(), name="paper_add"),
    path(M + "papers/<int:paper>/publish/", views.PaperPublishView.as_view(), name="paper_publish"),
    path(
        M + "papers/<int:paper>/download/",
        views.PaperDownloadView.as_view(),
        name="paper_download",
    ),
    path(M + "attendance/", views.AttendanceView.as_view(), name="attendance"),
    path(M + "decisions/add/", views.DecisionAddView.as_view(), name="decision_add"),
    path(M + "minutes/", views.MinutesView.as_view(), name="minutes"),
    path(M + "minutes/approve/", views.MinutesApproveView.as_view(), name="minutes_approve"),
    path(
        "<str:code>/partner-decisions/<int:pk>/",
        views.PartnerDecisionView.as_view(),
        name="partner_decision",
    ),
]
