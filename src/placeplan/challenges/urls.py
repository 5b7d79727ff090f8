from django.urls import path

from placeplan.challenges import views

app_name = "challenges"

urlpatterns = [
    path("<str:code>/challenges/", views.ChallengeLogView.as_view(), name="log"),
    path("<str:code>/challenges/add/", views.ChallengeAddView.as_view(), name="add"),
    path("<str:code>/challenges/<id:pk>/", views.ChallengeView.as_view(), name="challenge"),
    path(
        "<str:code>/challenges/<id:pk>/answer/",
        views.ChallengeAnswerView.as_view(),
        name="answer",
    ),
    path(
        "<str:code>/challenges/<id:pk>/accept/",
        views.ChallengeAcceptView.as_view(),
        name="accept",
    ),
    path(
        "<str:code>/challenges/<id:pk>/escalate/",
        views.ChallengeEscalateView.as_view(),
        name="escalate",
    ),
]
