"""Residents' pages: proposing a change to a Story of Place or a community asset, and
following what they proposed (mounted at ``/contribute/``)."""

from django.urls import path

from placeplan.stories import views
from placeplan.stories.models import Asset, Proposal

app_name = "contribute"

urlpatterns = [
    path("", views.MyContributionsView.as_view(), name="mine"),
    path(
        "proposals/<id:pk>/withdraw/",
        views.WithdrawView.as_view(model=Proposal),
        name="withdraw",
    ),
    path(
        "assets/<id:pk>/withdraw/",
        views.WithdrawView.as_view(model=Asset),
        name="asset_withdraw",
    ),
    path(
        "<str:code>/stories/<id:locality>/sections/<id:pk>/",
        views.ProposeView.as_view(),
        name="propose",
    ),
    path(
        "<str:code>/stories/<id:locality>/assets/",
        views.AssetSuggestView.as_view(),
        name="asset",
    ),
]
