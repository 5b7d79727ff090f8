from django.urls import path

from placeplan.resources.views import plan

P = "<str:code>/resources/prevention/"

urlpatterns = [
    path(P, plan.PlanView.as_view(), name="plan"),
    path(P + "interventions/add/", plan.InterventionAddView.as_view(), name="intervention_add"),
    path(
        P + "interventions/<id:pk>/edit/",
        plan.InterventionEditView.as_view(),
        name="intervention_edit",
    ),
    path(
        P + "interventions/<id:pk>/years/",
        plan.InterventionYearView.as_view(),
        name="intervention_years",
    ),
    path(P + "trajectory/", plan.TargetsView.as_view(), name="targets"),
    path(P + "reviews/<year:year>/", plan.ReviewView.as_view(), name="review"),
]
