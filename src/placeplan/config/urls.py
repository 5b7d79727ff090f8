"""Placeplan's URLs: public site, workspace, accounts, admin and the versioned API."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from placeplan.accounts.views import (
    DigestSettingsView,
    admin_sign_in,
    security_policy,
    security_txt,
)
from placeplan.api.v1 import api as api_v1
from placeplan.core import views as core_views

urlpatterns = [
    path("", include("placeplan.public.urls")),
    path("workspace/", include("placeplan.workspace.urls")),
    path("workspace/", include("placeplan.governance.urls")),
    path("workspace/", include("placeplan.plans.urls")),
    path("workspace/", include("placeplan.performance.urls")),
    path("workspace/", include("placeplan.delivery.urls")),
    path("workspace/", include("placeplan.meetings.urls")),
    path("workspace/", include("placeplan.challenges.urls")),
    path("workspace/", include("placeplan.stories.urls")),
    path("contribute/", include("placeplan.stories.contribute_urls")),
    path("contribute/", include("placeplan.budgets.resident_urls")),
    path("workspace/", include("placeplan.engagement.urls")),
    path("workspace/", include("placeplan.budgets.urls")),
    path("workspace/", include("placeplan.resources.urls")),
    path("accounts/digest/", DigestSettingsView.as_view(), name="digest_settings"),
    # Email addresses are managed on the resident's account page (staff's by their support
    # officer), not on django-allauth's own page.
    path(
        "accounts/email/",
        RedirectView.as_view(pattern_name="residents:account"),
        name="email_managed",
    ),
    path("accounts/", include("allauth.urls")),
    path("residents/", include("placeplan.residents.urls")),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path(".well-known/security-policy.txt", security_policy, name="security_policy"),
    path("admin/login/", admin_sign_in, name="admin_sign_in"),
    path("admin/", admin.site.urls),
    path("api/v1/", api_v1.urls),
    path("health/", core_views.health, name="health"),
    path("csp-report/", core_views.csp_report, name="csp_report"),
]

handler404 = "placeplan.core.views.page_not_found"
handler500 = "placeplan.core.views.server_error"
handler403 = "placeplan.core.views.permission_denied"
