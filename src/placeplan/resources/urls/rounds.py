from django.urls import path

from placeplan.resources.views import rounds

R = "<str:code>/resources/"
P = R + "<year:year>/partners/<id:partner_pk>/"

urlpatterns = [
    path(R + "rounds/", rounds.RoundListView.as_view(), name="rounds"),
    path(R + "rounds/open/", rounds.RoundOpenView.as_view(), name="round_open"),
    path(R + "<year:year>/", rounds.RoundView.as_view(), name="round"),
    path(P, rounds.PartnerLinesView.as_view(), name="partner_lines"),
    path(P + "lines/add/", rounds.LineAddView.as_view(), name="line_add"),
    path(P + "lines/<id:pk>/edit/", rounds.LineEditView.as_view(), name="line_edit"),
    path(P + "lines/<id:pk>/remove/", rounds.LineDeleteView.as_view(), name="line_delete"),
    path(P + "lines/<id:pk>/assets/add/", rounds.AssetAddView.as_view(), name="asset_add"),
    path(
        P + "lines/<id:pk>/assets/<id:asset_pk>/remove/",
        rounds.AssetDeleteView.as_view(),
        name="asset_delete",
    ),
    path(P + "template.xlsx", rounds.TemplateDownloadView.as_view(), name="template"),
    path(P + "upload/", rounds.UploadView.as_view(), name="upload"),
    path(R + "pools/", rounds.PoolListView.as_view(), name="pools"),
    path(R + "pools/add/", rounds.PoolAddView.as_view(), name="pool_add"),
    path(R + "pools/<id:pk>/edit/", rounds.PoolEditView.as_view(), name="pool_edit"),
    path(R + "pools/<id:pk>/remove/", rounds.PoolDeleteView.as_view(), name="pool_delete"),
]
