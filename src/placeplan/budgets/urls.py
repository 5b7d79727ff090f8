from django.urls import path

from placeplan.budgets import views

app_name = "budgets"

urlpatterns = [
    path("<str:code>/budgets/", views.ProcessListView.as_view(), name="list"),
    path("<str:code>/budgets/add/", views.ProcessAddView.as_view(), name="add"),
    path("<str:code>/budgets/<id:pk>/", views.ProcessView.as_view(), name="process"),
    path("<str:code>/budgets/<id:pk>/edit/", views.ProcessEditView.as_view(), name="edit"),
    path("<str:code>/budgets/<id:pk>/proposals/", views.ProposalsView.as_view(), name="proposals"),
    path("<str:code>/budgets/<id:pk>/codes/", views.CodesView.as_view(), name="codes"),
    path("<str:code>/budgets/<id:pk>/paper/", views.PaperView.as_view(), name="paper"),
    path("<str:code>/budgets/<id:pk>/results/", views.ResultsView.as_view(), name="results"),
    path(
        "<str:code>/budgets/<id:pk>/projects/<id:project_pk>/deliver/",
        views.DeliverView.as_view(),
        name="deliver",
    ),
]
