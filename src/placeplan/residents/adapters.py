"""django-allauth behaviour once residents may sign up: anybody may sign up, and what they
sign up for is a resident's account (a profile beside it, no role anywhere). Staff accounts
are still given only by a partnership's support officer
(``accounts.adapters.InvitationOnlyAccountAdapter``, whose rules this keeps)."""

from django.db import transaction
from django.urls import reverse

from placeplan.accounts.adapters import InvitationOnlyAccountAdapter
from placeplan.residents.selectors import is_resident
from placeplan.residents.services import resident_sign_up


class ResidentAccountAdapter(InvitationOnlyAccountAdapter):
    def is_open_for_signup(self, request):
        return True

    def save_user(self, request, user, form, commit=True):
        """The account and its resident profile, together or not at all."""
        data = form.cleaned_data
        if "display_name" not in data:  # pragma: no cover - only the resident form signs up
            raise ValueError("Sign-up makes residents only.")
        user.full_name = data["display_name"]
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                resident_sign_up(
                    user=user,
                    display_name=data["display_name"],
                    council_area=data.get("council_area"),
                )
        return user

    def get_login_redirect_url(self, request):
        """A resident goes to their account page; staff to their workspace."""
        if is_resident(request.user):
            return reverse("residents:account")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        return reverse("residents:account")
