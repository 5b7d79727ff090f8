"""Residents' forms: signing up (django-allauth's sign-up form, with a display name, a
council area and the privacy notice), their account details, and deleting the account.
Worded and laid out as the Scottish Government Design System advises: no placeholders,
each error says what to do."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm
from allauth.account.models import EmailAddress
from django import forms
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from placeplan.places.models import Area

CHOOSING_ONE_HINT = (
    "At least 12 characters. Not a common password, and not only numbers. A few words "
    "together are easy to remember and hard to guess."
)
DISPLAY_NAME_HINT = (
    "Shown to the people who moderate what you propose; the public sees “a resident”. "
    "It need not be your real name."
)


def council_areas():
    return Area.objects.filter(level=Area.Level.COUNCIL_AREA).order_by("name")


def _plain(field: forms.Field, *, label: str, required: str, autocomplete: str = "") -> None:
    field.label = label
    field.error_messages["required"] = required
    field.widget.attrs.pop("placeholder", None)
    if autocomplete:
        field.widget.attrs["autocomplete"] = autocomplete


class ResidentSignupForm(SignupForm):
    """A resident's sign-up. django-allauth makes the account and the adapter
    (``residents.adapters``) the resident profile; the form sends the link that confirms
    the email address and answers "check your email", without signing in.

    An address that already has an account is not said to: its owner is written to
    instead (how to sign in or reset the password) and the answer is the same "check
    your email", so sign-up cannot be used to find out who has an account (staff
    included). django-allauth does this itself only when every sign-in waits for a
    confirmed address, which staff sign-in does not."""

    display_name = forms.CharField(
        label="Display name",
        max_length=60,
        help_text=DISPLAY_NAME_HINT,
        error_messages={"required": "Enter a display name"},
    )
    council_area = forms.ModelChoiceField(
        label="Council area you live in",
        queryset=council_areas(),
        empty_label="Choose a council area",
        help_text="For context only. You can choose your community on your account page.",
        error_messages={
            "required": "Choose the council area you live in",
            "invalid_choice": "Choose a council area from the list",
        },
    )
    privacy = forms.BooleanField(
        label="I have read the privacy notice",
        error_messages={"required": "Confirm that you have read the privacy notice"},
    )

    field_order = ["email", "display_name", "council_area", "password1", "password2", "privacy"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council_area"].queryset = council_areas()
        _plain(
            self.fields["email"],
            label="Email address",
            required="Enter your email address",
            autocomplete="email",
        )
        self.fields["email"].help_text = "We will send a link to it to confirm it is yours."
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the right format, like name@example.com"
        )
        _plain(
            self.fields["password1"],
            label="Password",
            required="Enter a password",
            autocomplete="new-password",
        )
        self.fields["password1"].help_text = CHOOSING_ONE_HINT
        _plain(
            self.fields["password2"],
            label="Enter the password again",
            required="Enter the password again",
            autocomplete="new-password",
        )
        self.fields["password2"].help_text = ""
        self.fields["display_name"].widget.attrs["autocomplete"] = "nickname"
        self.fields["privacy"].help_text = format_html(
            '<a href="{}">Read the privacy notice</a>: what we keep about you, why, and for '
            "how long.",
            reverse("residents:privacy"),
        )

    def validate_unique_email(self, value):
        try:
            return super().validate_unique_email(value)
        except forms.ValidationError as taken:
            if taken.code != "email_taken":
                raise
            self.account_already_exists = True
            return value

    def try_save(self, request):
        email = self.cleaned_data["email"]
        if self.account_already_exists:
            get_adapter().send_account_already_exists_mail(email)
            return None, redirect("account_email_verification_sent")
        user = self.save(request)
        address = EmailAddress.objects.get_for_user(user, email)
        address.send_confirmation(request, signup=True)
        return user, redirect("account_email_verification_sent")

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError("Enter a display name")
        return name


class AccountForm(forms.Form):
    """A resident's display name, council area and community. The community list is the
    saved council area's communities (and, when the form is sent with another council
    area, that one's); a community left from the council area before is cleared, and the
    page says so."""

    display_name = forms.CharField(
        label="Display name",
        max_length=60,
        help_text=DISPLAY_NAME_HINT,
        error_messages={"required": "Enter a display name"},
    )
    council_area = forms.ModelChoiceField(
        label="Council area you live in",
        queryset=council_areas(),
        empty_label="Choose a council area",
        error_messages={
            "required": "Choose the council area you live in",
            "invalid_choice": "Choose a council area from the list",
        },
    )
    community = forms.ModelChoiceField(
        label="Your community (optional)",
        queryset=Area.objects.none(),
        required=False,
        empty_label="None chosen",
        help_text="For context only: the communities of the council area saved. If you "
        "change the council area, save, then choose a community of the new one.",
        error_messages={"invalid_choice": "Choose a community from the list"},
    )

    def __init__(self, *args, resident, **kwargs):
        super().__init__(*args, **kwargs)
        self.resident = resident
        self.community_cleared = False
        self.fields["council_area"].queryset = council_areas()
        self.fields["display_name"].widget.attrs["autocomplete"] = "nickname"
        areas = [resident.council_area_id] if resident.council_area_id else []
        posted = self.data.get("council_area") if self.is_bound else None
        if posted and str(posted).isdigit():
            areas.append(int(posted))
        self.fields["community"].queryset = Area.objects.filter(
            level=Area.Level.INTERMEDIATE_ZONE, council_area_id__in=areas
        ).order_by("name")

    def clean(self):
        data = super().clean()
        council_area, community = data.get("council_area"), data.get("community")
        if (
            council_area is not None
            and community is not None
            and community.council_area_id != council_area.pk
        ):
            if council_area.pk != self.resident.council_area_id:
                data["community"] = None
                self.community_cleared = True
            else:
                self.add_error("community", "Choose a community of the council area you chose")
        return data


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for its password again."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not right. Enter your password")
        return password
