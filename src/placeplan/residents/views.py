"""A resident's own pages: their account (details, display name, community, confirming the
email address), what Placeplan holds about them (download), deleting the account, and the
privacy notice (public). Only residents use the account pages: staff are refused (403)
with a page that says so; their accounts are managed by their support officer."""

from __future__ import annotations

import json

from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from placeplan.accounts.models import SecurityEventKind
from placeplan.accounts.services import security_event_record
from placeplan.core import versions
from placeplan.residents import selectors, services
from placeplan.residents.forms import AccountForm, DeleteAccountForm
from placeplan.residents.limits import TOO_MANY


def _refuse_staff(request):
    return render(request, "residents/residents_only.html", status=403)


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ResidentMixin(LoginRequiredMixin):
    """Signed in (or sent to sign in) and a resident (or refused)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.resident = selectors.resident_of(request.user)
            if self.resident is None:
                return _refuse_staff(request)
        return super().dispatch(request, *args, **kwargs)


class AccountView(ResidentMixin, FormView):
    """The resident's account: their details, whether their email address is confirmed
    (with a way to send the link again), and their display name, council area and
    community. A save over a change made since the page was read (in another tab) is
    refused, not overwritten (``core.versions``)."""

    template_name = "residents/account.html"
    form_class = AccountForm
    conflict = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "resident": self.resident}

    def get_initial(self):
        return {
            "display_name": self.resident.display_name,
            "council_area": self.resident.council_area,
            "community": self.resident.community,
        }

    def form_valid(self, form):
        posted = self.request.POST.get(versions.FIELD)
        try:
            with versions.edit_guard(target=self.resident, version=posted):
                services.resident_update(
                    resident=self.resident,
                    display_name=form.cleaned_data["display_name"],
                    council_area=form.cleaned_data["council_area"],
                    community=form.cleaned_data["community"],
                )
        except versions.StaleEdit as stale:
            self.conflict = stale.change
            versions.with_yours(stale.change, form)
            _apply_errors(form, stale)
            return self.form_invalid(form)
        except ValidationError as refusal:
            _apply_errors(form, refusal)
            return self.form_invalid(form)
        if form.community_cleared:
            messages.success(
                self.request,
                "Your details are saved. Your council area changed, so your community was "
                "cleared: choose one of the new council area's communities if you like.",
            )
        else:
            messages.success(self.request, "Your details are saved.")
        return redirect("residents:account")

    def edit_version(self) -> str:
        if self.conflict is not None:
            return self.conflict.version
        if self.request.method == "POST" and versions.FIELD in self.request.POST:
            return self.request.POST[versions.FIELD]
        return versions.version_of(self.resident)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            resident=self.resident,
            email_verified=selectors.email_verified(user),
            may_contribute=selectors.may_contribute(user),
            edit_version=self.edit_version(),
            edit_conflict=self.conflict,
            **kwargs,
        )


@require_POST
def resend_confirmation(request):
    """Send the link that confirms the resident's email address again (at most once every
    few minutes: django-allauth's ``confirm_email`` rate)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={reverse('residents:account')}")
    if not selectors.is_resident(request.user):
        return _refuse_staff(request)
    user = request.user
    if selectors.email_verified(user):
        messages.success(request, "Your email address is already confirmed.")
        return redirect("residents:account")
    address, _ = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": False}
    )
    if not ratelimit.consume(request, action="confirm_email", key=address.email.lower()):
        messages.error(
            request,
            "We sent you a link a few minutes ago. Check your email (and its spam folder), "
            "or wait a few minutes and ask again.",
        )
        return redirect("residents:account")
    address.send_confirmation(request)
    messages.success(request, f"We have sent a new link to {address.email}. It works for 3 days.")
    return redirect("residents:account")


class DownloadView(ResidentMixin, TemplateView):
    """Everything Placeplan holds about the resident, as one JSON file."""

    def get(self, request, *args, **kwargs):
        data = {
            "about": "Everything Placeplan holds about you: your account, your profile, "
            "your sign-in records and what you have written.",
            "downloaded_at": timezone.now().isoformat(),
            **selectors.personal_data(request.user),
        }
        security_event_record(
            kind=SecurityEventKind.PERSONAL_DATA_EXPORTED,
            request=request,
            detail="A resident downloaded their own data.",
        )
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="placeplan-your-data.json"'
        return response


class DeleteView(ResidentMixin, FormView):
    """Delete the account, after the password again. What the resident wrote stays,
    attributed to "a resident"."""

    template_name = "residents/delete.html"
    form_class = DeleteAccountForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def post(self, request, *args, **kwargs):
        if not ratelimit.consume(request, action="reauthenticate", user=request.user):
            # Too many tries of the password: refused without checking this one.
            form = self.get_form_class()(user=request.user)
            form.cleaned_data = {}
            form.add_error(None, TOO_MANY)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        logout(self.request)
        services.resident_account_delete(user=user)
        messages.success(
            self.request,
            "Your account has been deleted. What you wrote stays on Placeplan, shown as "
            "written by “a resident”.",
        )
        return redirect("public:home")


class PrivacyView(TemplateView):
    """The privacy notice for residents: public."""

    template_name = "residents/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(unverified_days=services.UNVERIFIED_DAYS, **kwargs)
