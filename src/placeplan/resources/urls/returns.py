from django.urls import path

from placeplan.resources.views import returns

urlpatterns = [
    path(
        "<str:code>/resources/<year:year>/return.<str:fmt>",
        returns.ReturnView.as_view(),
        name="return",
    ),
]
