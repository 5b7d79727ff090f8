"""Forms for the governance pages. They validate input; the rules live in services."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms

from placeplan.accounts.models import User
from placeplan.core.forms import date_field
from placeplan.partnerships import selectors
from placeplan.partnerships.models import (
    Body,
    Locality,
    Membership,
    Organisation,
    OrganisationKind,
    Partnership,
    Person,
)
from placeplan.places import selectors as places


class PartnerAddForm(forms.Form):
    """Add a partner: an organisation already known to Placeplan, or a new one."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Organisation already in Placeplan",
        empty_label="None of these: a new organisation",
        help_text="National bodies such as Police Scotland are shared by every partnership.",
    )
    name = forms.CharField(max_length=200, required=False, label="Name of a new organisation")
    kind = forms.ChoiceField(
        choices=[("", "Choose a type"), *OrganisationKind.choices],
        required=False,
        label="Type of the new organisation",
    )
    status = forms.ChoiceField(
        choices=[
            ("schedule", "Work it out from the type (Schedule 1 bodies are statutory)"),
            ("statutory", "Statutory community planning partner"),
            ("invited", "Invited partner"),
        ],
        initial="schedule",
        widget=forms.RadioSelect,
        label="Is it a statutory partner?",
        help_text="Statutory partners are the bodies listed in Schedule 1 of the Community "
        "Empowerment (Scotland) Act 2015; others take part by invitation.",
    )

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            partners__partnership=partnership
        ).order_by("name")

    def clean(self):
        data = super().clean()
        existing, name = data.get("organisation"), (data.get("name") or "").strip()
        if existing and name:
            # Said beside the other problems, not instead of them: every error at once.
            self.add_error(
                None, "Choose an organisation already in Placeplan or name a new one, not both."
            )
        if not existing and not name:
            self.add_error("name", "Choose an organisation or enter the name of a new one")
        if name and not data.get("kind"):
            self.add_error("kind", "Choose the type of the new organisation")
        if name and Organisation.objects.filter(name__iexact=name).exists():
            self.add_error(
                "name",
                f"{name} is already in Placeplan: choose it from the list of organisations",
            )
        return data

    def is_statutory(self) -> bool | None:
        return {"schedule": None, "statutory": True, "invited": False}[self.cleaned_data["status"]]


class PartnerStatusForm(forms.Form):
    is_statutory = forms.TypedChoiceField(
        choices=[("yes", "Statutory community planning partner"), ("no", "Invited partner")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="Is it a statutory partner?",
        help_text="Statutory partners are the bodies listed in Schedule 1 of the Community "
        "Empowerment (Scotland) Act 2015.",
        error_messages={"required": "Choose statutory or invited"},
    )


class RemitField(forms.CharField):
    """A numbered remit typed one point per line."""

    def __init__(self, **kwargs):
        super().__init__(
            widget=forms.Textarea(attrs={"rows": 8}),
            required=False,
            label="Remit",
            help_text="One point per line. The points are numbered in this order.",
            **kwargs,
        )

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value


class BodyForm(forms.ModelForm):
    """A body's identity, reporting line, remit and the rules it declares."""

    remit = RemitField()

    class Meta:
        model = Body
        fields = [
            "name",
            "short_name",
            "kind",
            "level",
            "reports_to",
            "purpose",
            "meeting_frequency",
            "locality",
            "max_members",
            "requires_chair",
            "requires_lead_officer",
            "leads_from_partners",
            "review_after_months",
        ]
        labels = {
            "reports_to": "Reports to",
            "max_members": "Most representatives allowed (optional)",
            "requires_chair": "A chair is required",
            "requires_lead_officer": "A lead officer is required",
            "leads_from_partners": "Chair and lead officer must be senior officers of partners",
            "review_after_months": "Review each membership after this many months (optional)",
            "locality": "Locality covered (local partnerships)",
        }
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = selectors.bodies_of(partnership=partnership)
        if self.instance.pk:
            bodies = bodies.exclude(pk=self.instance.pk)
            self.initial["remit"] = [item.text for item in self.instance.remit.all()]
        self.fields["reports_to"].queryset = bodies
        self.fields["reports_to"].empty_label = "Nobody: it is at the top of the structure"
        self.fields["locality"].queryset = Locality.objects.filter(partnership=partnership)
        self.fields["locality"].empty_label = "No locality"
        self.fields["name"].error_messages["required"] = "Enter the body's name"
        self.fields["kind"].error_messages["required"] = "Choose what kind of body it is"
        self.fields["level"].error_messages["required"] = "Choose the body's level"


class BodyPageForm(forms.ModelForm):
    """What a lead officer may change on their own group's page."""

    remit = RemitField()

    class Meta:
        model = Body
        fields = ["purpose", "meeting_frequency"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["remit"] = [item.text for item in self.instance.remit.all()]


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "job_title", "email", "public_name_consent", "user"]
        labels = {
            "name": "Full name",
            "user": "Their Placeplan account (optional)",
            "public_name_consent": "They agree to their name being shown to the public",
        }
        help_texts = {
            "public_name_consent": "Needed before a community representative's name is "
            "published. Officers' and elected members' names are always public.",
            "user": "Linking the account they sign in with lets a lead officer manage their "
            "own group. Only accounts with a role in this partnership are listed.",
        }

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the person's full name"
        self.fields["user"].queryset = (
            User.objects.filter(partnership_roles__partnership=partnership)
            .distinct()
            .order_by("full_name")
        )
        self.fields["user"].empty_label = "No account"


class MembershipAddForm(forms.Form):
    """Seat somebody on a body: a person already recorded, or a new person."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Person already recorded",
        empty_label="Somebody new",
    )
    new_name = forms.CharField(max_length=150, required=False, label="Full name of somebody new")
    new_job_title = forms.CharField(max_length=200, required=False, label="Their job title")
    public_name_consent = forms.BooleanField(
        required=False,
        label="They agree to their name being shown to the public",
        help_text="Needed before a community representative's name is published.",
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Organisation they represent",
        empty_label="None (for example, a community representative)",
    )
    role = forms.ChoiceField(
        choices=Membership.MemberRole.choices,
        initial=Membership.MemberRole.MEMBER,
        label="Role on the body",
        help_text="People in attendance do not count towards the most representatives allowed.",
    )
    category = forms.ChoiceField(
        choices=[("", "Choose a category"), *Membership.Category.choices],
        label="Category",
        error_messages={"required": "Choose the member's category"},
    )
    is_senior_officer = forms.BooleanField(
        required=False, label="A senior officer of the organisation they represent"
    )
    start = date_field("Start date")

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(partnership=partnership)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            partners__partnership=partnership
        ).order_by("name")

    def clean(self):
        data = super().clean()
        person, new_name = data.get("person"), (data.get("new_name") or "").strip()
        if person and new_name:
            self.add_error(
                None, "Choose a person already recorded or enter somebody new, not both."
            )
        if not person and not new_name:
            self.add_error("new_name", "Choose a person or enter the full name of somebody new")
        return data


class MembershipEndForm(forms.Form):
    end = date_field("End date")
    reason = forms.CharField(
        max_length=200,
        required=False,
        label="Reason (optional)",
        help_text="For example, stood down, changed job, term ended.",
    )


class MembershipReviewForm(forms.Form):
    reviewed_on = date_field("Date of the review")


class LocalityForm(forms.ModelForm):
    class Meta:
        model = Locality
        fields = ["name", "communities", "has_poorer_outcomes"]
        labels = {"name": "Name of the locality", "communities": "Communities it covers"}
        help_texts = {"communities": "The intermediate zones that make up the locality."}
        widgets = {"communities": forms.CheckboxSelectMultiple}

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["communities"].queryset = places.communities_of(area=partnership.council_area)
        self.fields["name"].error_messages["required"] = "Enter the locality's name"
        self.fields["communities"].error_messages["required"] = (
            "Choose at least one community the locality covers"
        )


class PartnershipContactForm(forms.ModelForm):
    """How the public contacts the partnership: every part optional."""

    URL_MESSAGE = (
        "Enter the web page's full address, starting https://, like "
        "https://www.example.org/community-planning"
    )

    contact_url = forms.URLField(
        required=False,
        max_length=200,
        assume_scheme="https",
        label=Partnership._meta.get_field("contact_url").verbose_name,
        help_text=Partnership._meta.get_field("contact_url").help_text,
        error_messages={"invalid": URL_MESSAGE},
    )

    class Meta:
        model = Partnership
        fields = ["contact_email", "contact_address", "contact_url"]
        widgets = {"contact_address": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_email"].error_messages["invalid"] = (
            "Enter the email address in the correct format, like name@example.org"
        )
        self.fields["contact_address"].error_messages["max_length"] = (
            "Enter a postal address of 500 characters or fewer"
        )

    def clean_contact_url(self):
        url = self.cleaned_data["contact_url"]
        if url and urlsplit(url).scheme not in ("http", "https"):
            raise forms.ValidationError(self.URL_MESSAGE)
        return url
