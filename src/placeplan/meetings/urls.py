from django.urls import path

from placeplan.meetings.views import meeting

app_name = "meetings"

M = "<str:code>/meetings/<id:pk>/"

urlpatterns = [
    path("<str:code>/meetings/", meeting.MeetingListView.as_view(), name="list"),
    path("<str:code>/meetings/add/", meeting.MeetingAddView.as_view(), name="add"),
    path(M, meeting.MeetingView.as_view(), name="meeting"),
    path(M + "edit/", meeting.MeetingEditView.as_view(), name="edit"),
    path(M + "agenda/add/", meeting.AgendaItemAddView.as_view(), name="item_add"),
    path(M + "papers/add/", meeting.PaperAddView.as_view(), name="paper_add"),
    path(
        M + "papers/<id:paper>/publish/", meeting.PaperPublishView.as_view(), name="paper_publish"
    ),
    path(
        M + "papers/<id:paper>/download/",
        meeting.PaperDownloadView.as_view(),
        name="paper_download",
    ),
    path(M + "pack.<str:fmt>", meeting.AgendaPackView.as_view(), name="pack"),
    path(M + "attendance/", meeting.AttendanceView.as_view(), name="attendance"),
    path(
        M + "exception-report/",
        meeting.ExceptionReportView.as_view(),
        name="exception_report",
    ),
    path(M + "decisions/add/", meeting.DecisionAddView.as_view(), name="decision_add"),
    path(M + "minutes/", meeting.MinutesView.as_view(), name="minutes"),
    path(M + "minutes/approve/", meeting.MinutesApproveView.as_view(), name="minutes_approve"),
    path(
        "<str:code>/partner-decisions/<id:pk>/",
        meeting.PartnerDecisionView.as_view(),
        name="partner_decision",
    ),
]
