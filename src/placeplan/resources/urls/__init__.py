"""The workspace's resources and prevention pages (mounted under ``/workspace/``): the
figures (``urls.figures``), the yearly rounds and partners' lines (``urls.rounds``) and
the prevention plan (``urls.plan``)."""

from placeplan.resources.urls import figures, plan, returns, rounds

app_name = "resources"

urlpatterns = [
    *figures.urlpatterns,
    *returns.urlpatterns,
    *rounds.urlpatterns,
    *plan.urlpatterns,
]
