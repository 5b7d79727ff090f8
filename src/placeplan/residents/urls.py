from django.urls import path

from placeplan.residents import views

app_name = "residents"

urlpatterns = [
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("account/", views.AccountView.as_view(), name="account"),
    path("account/confirm-email/", views.resend_confirmation, name="resend_confirmation"),
    path("account/download.json", views.DownloadView.as_view(), name="download"),
    path("account/delete/", views.DeleteView.as_view(), name="delete"),
]
