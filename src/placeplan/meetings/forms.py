"""Forms for meetings. They validate input; the rules live in services."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from placeplan.core.forms import FilterChoiceField, date_field
from placeplan.delivery.models import ImprovementAction
from placeplan.meetings.models import AgendaItem, Attendance, Meeting
from placeplan.partnerships import selectors as partnership_selectors
from placeplan.partnerships.models import Body, Partner


class PartnerChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(
        queryset=None, label="Body", error_messages={"required": "Choose the body"}
    )
    date = date_field("Date of the meeting")
    time = forms.TimeField(
        label="Start time",
        help_text="24-hour clock, for example 14:00.",
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time as hours and minutes, for example 14:00",
        },
    )
    place = forms.CharField(
        max_length=200,
        label="Place",
        help_text="Where it meets, or “Online”.",
        error_messages={"required": "Enter where the meeting is, or “Online”"},
    )
    status = forms.ChoiceField(
        choices=Meeting.Status.choices,
        label="Status",
        initial=Meeting.Status.SCHEDULED,
        error_messages={"required": "Choose the status"},
    )

    def __init__(self, *args, bodies=None, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies

    def starts_at(self) -> datetime.datetime:
        data = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(data["date"], data["time"]))


class AttendancePeriodForm(forms.Form):
    """The period a body's attendance rates cover (by default the last year)."""

    start = date_field("First day", required=False)
    end = date_field("Last day", required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The last day must be on or after the first day")
        return data

    def period(self, today: datetime.date, days: int) -> tuple[datetime.date, datetime.date]:
        """The period asked for, filling what is left empty: the last ``days`` days to
        ``today``, or ``days`` days from the first day."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or end - datetime.timedelta(days=days)
        if data.get("start") and not data.get("end"):
            end = max(start, today)
        return start, end


class MeetingFilterForm(AttendancePeriodForm):
    """The meetings list's filters: one body's meetings, and the period of its
    attendance rates. Query keys: body, start, end."""

    body = FilterChoiceField(queryset=Body.objects.none(), required=False)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = partnership_selectors.bodies_of(partnership=partnership)

    @classmethod
    def from_query(cls, query, *, partnership) -> MeetingFilterForm:
        asked = {key: query[key] for key in ("body", "start", "end") if query.get(key)}
        return cls(asked or None, partnership=partnership)

    def chosen_body(self) -> Body | None:
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get("body")


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        max_length=300, label="Item", error_messages={"required": "Enter the item's title"}
    )
    is_confidential = forms.BooleanField(
        required=False, label="Confidential: withhold it from the public"
    )


class PaperForm(forms.Form):
    title = forms.CharField(
        max_length=300, label="Title", error_messages={"required": "Enter the paper's title"}
    )
    agenda_item = forms.ModelChoiceField(
        queryset=None, required=False, label="Agenda item it is for"
    )
    author = forms.CharField(
        max_length=200,
        label="Author",
        help_text="Who wrote it, and their role.",
        error_messages={"required": "Enter who wrote the paper"},
    )
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Purpose",
        error_messages={"required": "Enter the paper's purpose"},
    )
    recommendations = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Recommendations"
    )
    is_confidential = forms.BooleanField(
        required=False, label="Confidential: withhold it from the public"
    )
    attachment = forms.FileField(
        required=False,
        label="Attachment",
        help_text="A PDF, Word (.docx) or Excel (.xlsx) file of at most 10 MB.",
    )

    def __init__(self, *args, meeting, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting)


class DecisionForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        queryset=None, label="Agenda item", error_messages={"required": "Choose the agenda item"}
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Decision",
        error_messages={"required": "Enter the decision"},
    )
    action = forms.ModelChoiceField(
        queryset=None, required=False, label="Improvement action it created or concerns"
    )
    partners = PartnerChoices(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Partners who must take it through their own governance",
    )

    def __init__(self, *args, meeting, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        partnership = meeting.body.partnership
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting)
        self.fields["action"].queryset = ImprovementAction.objects.filter(
            partnership=partnership
        ).order_by("title")
        self.fields["partners"].queryset = Partner.objects.filter(
            partnership=partnership
        ).select_related("organisation")


class AttendanceForm(forms.Form):
    """One radio group per current member of the body."""

    def __init__(self, *args, members, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for membership, _ in members:
            self.fields[f"person_{membership.person_id}"] = forms.ChoiceField(
                choices=[("", "Not recorded"), *Attendance.Status.choices],
                required=False,
                widget=forms.RadioSelect,
                label=f"{membership.person.name} ({membership.get_role_display().lower()})",
            )

    def entries(self):
        for membership, partner in self.members:
            status = self.cleaned_data.get(f"person_{membership.person_id}")
            if status:
                yield membership.person, partner, status


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}),
        label="Minutes (public part)",
        help_text="Drafted from the agenda, attendance and decisions: edit as needed. "
        "Published once approved, so keep confidential business out of it.",
        error_messages={"required": "Enter the minutes"},
    )
    minutes_confidential = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        label="Confidential part",
        help_text="Confidential items and their decisions: for the body's members only, "
        "never published, even once the minutes are approved.",
    )


class ApproveMinutesForm(forms.Form):
    at = forms.ModelChoiceField(
        queryset=None,
        label="Meeting that approved them",
        error_messages={"required": "Choose the meeting that approved the minutes"},
    )

    def __init__(self, *args, meeting, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].queryset = Meeting.objects.filter(
            body=meeting.body, starts_at__gt=meeting.starts_at, status=Meeting.Status.HELD
        ).order_by("starts_at")


class PartnerDecisionForm(forms.Form):
    where = forms.CharField(
        max_length=200,
        label="Where the partner took the decision",
        help_text="The partner's board or committee, for example the NHS board.",
        error_messages={"required": "Enter the partner's body that took the decision"},
    )
    on = date_field("Date it took the decision")


class ConfirmForm(forms.Form):
    pass
