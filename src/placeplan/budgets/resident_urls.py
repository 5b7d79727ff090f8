"""Residents' participatory budgeting pages: proposing a project and voting (mounted at
``/contribute/``, beside the Stories of Place's)."""

from django.urls import path

from placeplan.budgets import resident_views as views

app_name = "pb"

urlpatterns = [
    path("<str:code>/budgets/<id:pk>/propose/", views.ProposeView.as_view(), name="propose"),
    path("<str:code>/budgets/<id:pk>/vote/", views.VoteView.as_view(), name="vote"),
    path("<str:code>/budgets/<id:pk>/vote/change/", views.ChangeView.as_view(), name="change"),
    path("<str:code>/budgets/<id:pk>/vote/code/", views.CodeVoteView.as_view(), name="code_vote"),
]
