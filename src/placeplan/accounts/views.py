"""A person's own settings (the daily email digest), the admin's sign-in page and
``security.txt``."""

from datetime import UTC, timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import UpdateView

from placeplan.accounts.models import User


class DigestForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["daily_digest"]


class DigestSettingsView(LoginRequiredMixin, UpdateView):
    """Turn the daily email digest on or off."""

    form_class = DigestForm
    template_name = "accounts/digest.html"

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        response = super().form_valid(form)
        state = "on" if form.instance.daily_digest else "off"
        messages.success(self.request, f"Daily email digest turned {state}.")
        return response

    def get_success_url(self):
        return reverse("workspace:workspace")


def admin_sign_in(request):
    """The Django admin's sign-in page sends people to the one sign-in (with its lock-out and
    two factors); a signed-in person who is not a site administrator is refused."""
    next_url = request.GET.get("next", "")
    # Only a path of this site ("0" or "admin" would otherwise be taken for a view's name).
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return HttpResponseRedirect(next_url)
        raise PermissionDenied("The admin site is for site administrators.")
    return redirect_to_login(next_url, login_url=reverse("account_login"))


SECURITY_TXT_VALID_DAYS = 180


def security_txt(request):
    """``/.well-known/security.txt`` (RFC 9116): how to report a vulnerability."""
    expires = (timezone.now() + timedelta(days=SECURITY_TXT_VALID_DAYS)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    policy = settings.SECURITY_POLICY_URL or request.build_absolute_uri(reverse("security_policy"))
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}",
        f"Policy: {policy}",
        "Preferred-Languages: en",
        f"Canonical: {request.build_absolute_uri(reverse('security_txt'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def security_policy(request):
    """The repository's SECURITY.md, as plain text: the policy ``security.txt`` points to."""
    text = (settings.BASE_DIR / "SECURITY.md").read_text(encoding="utf-8")
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
