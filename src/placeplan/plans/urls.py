from django.urls import path

from placeplan.plans.views import build, plan, progress

app_name = "plans"

P = "<str:code>/plans/<id:pk>/"

urlpatterns = [
    path("<str:code>/performance/", progress.DashboardView.as_view(), name="dashboard"),
    path("<str:code>/performance/places/", progress.PlacesView.as_view(), name="places"),
    path(
        "<str:code>/performance/places/<str:table>.<str:fmt>",
        progress.PlacesTableView.as_view(),
        name="places_table",
    ),
    path(
        "<str:code>/performance/localities/<id:pk>/",
        progress.LocalityEvidenceView.as_view(),
        name="locality",
    ),
    path(
        "<str:code>/performance/localities/<id:pk>/<str:table>.<str:fmt>",
        progress.LocalityTableView.as_view(),
        name="locality_table",
    ),
    path(
        "<str:code>/performance/localities/<id:pk>/measures/<slug:measure>/",
        progress.LocalityMeasureView.as_view(),
        name="locality_measure",
    ),
    path(
        "<str:code>/performance/localities/<id:pk>/measures/<slug:measure>/<str:table>.<str:fmt>",
        progress.LocalityMeasureTableView.as_view(),
        name="locality_measure_table",
    ),
    path(
        "<str:code>/performance/indicators/<id:pk>/",
        progress.IndicatorView.as_view(),
        name="indicator_progress",
    ),
    path(
        "<str:code>/performance/indicators/<id:pk>/<str:table>.<str:fmt>",
        progress.IndicatorTableView.as_view(),
        name="indicator_table",
    ),
    path("<str:code>/plans/", plan.PlanListView.as_view(), name="list"),
    path("<str:code>/plans/add/", plan.PlanAddView.as_view(), name="add"),
    path(P, plan.PlanDetailView.as_view(), name="plan"),
    path(P + "edit/", plan.PlanEditView.as_view(), name="edit"),
    path(P + "agree/", plan.PlanAgreeView.as_view(), name="agree"),
    path(P + "publish/", plan.PlanPublishView.as_view(), name="publish"),
    path(P + "amend/", plan.PlanAmendView.as_view(), name="amend"),
    path(P + "compare/<id:other>/", plan.PlanCompareView.as_view(), name="compare"),
    path(P + "outcomes/add/", build.OutcomeAddView.as_view(), name="outcome_add"),
    path(P + "outcomes/<id:outcome>/edit/", build.OutcomeEditView.as_view(), name="outcome_edit"),
    path(
        P + "outcomes/<id:outcome>/remove/",
        build.OutcomeRemoveView.as_view(),
        name="outcome_remove",
    ),
    path(
        P + "outcomes/<id:outcome>/indicators/add/",
        build.IndicatorAddView.as_view(),
        name="indicator_add",
    ),
    path(
        P + "outcomes/<id:outcome>/commitments/add/",
        build.CommitmentAddView.as_view(),
        name="commitment_add",
    ),
    path(P + "indicators/<id:indicator>/baseline/", build.BaselineView.as_view(), name="baseline"),
    path(
        P + "indicators/<id:indicator>/targets/add/",
        build.TargetAddView.as_view(),
        name="target_add",
    ),
    path(
        P + "indicators/<id:indicator>/inequality/",
        build.GapTargetView.as_view(),
        name="gap_target",
    ),
    path(
        P + "indicators/<id:indicator>/tolerance/",
        build.ToleranceView.as_view(),
        name="tolerance",
    ),
    path(
        P + "indicators/<id:indicator>/remove/",
        build.IndicatorRemoveView.as_view(),
        name="indicator_remove",
    ),
    path(P + "targets/<id:target>/remove/", build.TargetRemoveView.as_view(), name="target_remove"),
    path(
        P + "commitments/<id:commitment>/edit/",
        build.CommitmentEditView.as_view(),
        name="commitment_edit",
    ),
    path(
        P + "commitments/<id:commitment>/remove/",
        build.CommitmentRemoveView.as_view(),
        name="commitment_remove",
    ),
    path("<str:code>/indicators/", plan.IndicatorLibraryView.as_view(), name="indicators"),
    path(
        "<str:code>/indicators/add/",
        plan.LocalIndicatorAddView.as_view(),
        name="local_indicator_add",
    ),
]
