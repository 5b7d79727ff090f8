from django import forms
from django.contrib import admin

from placeplan.core.admin import HistoryAdmin
from placeplan.performance.models import ApiToken, ApiTokenUse, Measure, Observation, Period
from placeplan.performance.services import CORRECTABLE_FIELDS, observation_correct


@admin.register(Measure)
class MeasureAdmin(HistoryAdmin):
    list_display = ["name", "code", "collection", "unit", "higher_is_better"]
    list_filter = ["collection"]
    search_fields = ["name", "code"]


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "start", "end"]
    list_filter = ["kind"]


class ObservationCorrectionForm(forms.ModelForm):
    """A site administrator's correction of a value: the new figures and why."""

    reason = forms.CharField(
        label="Reason for the correction",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept in the value's history, e.g. the publisher's erratum.",
    )

    class Meta:
        model = Observation
        fields = list(CORRECTABLE_FIELDS)


@admin.register(Observation)
class ObservationAdmin(HistoryAdmin):
    """Values are corrected here, one at a time and with a reason (the history keeps
    it); they are added by imports and the national load, never by hand."""

    form = ObservationCorrectionForm
    list_display = ["measure", "area", "period", "value", "kind", "source"]
    list_filter = ["kind", "measure__collection"]
    search_fields = ["area__code", "measure__code"]
    list_select_related = ["measure", "area", "period"]
    readonly_fields = ["measure", "area", "period", "entered_by"]
    fields = ["measure", "area", "period", *CORRECTABLE_FIELDS, "reason", "entered_by"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("performance.correct_official")

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name != "reason"}
        observation_correct(
            observation=obj, user=request.user, reason=form.cleaned_data["reason"], **changes
        )


class ApiTokenUseInline(admin.TabularInline):
    model = ApiTokenUse
    fields = ["used_at", "endpoint", "rows_sent", "outcome", "batch"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ["-used_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(HistoryAdmin):
    """Partner systems' tokens and every write made with them (read only: tokens are
    made and revoked on the partnership's API tokens page)."""

    list_display = ["name", "prefix", "partner", "created_by", "expires_at", "last_used_at"]
    list_select_related = ["partner__organisation", "created_by"]
    search_fields = ["name", "prefix"]
    readonly_fields = [
        "partner",
        "name",
        "prefix",
        "created_by",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    exclude = ["token_hash"]
    inlines = [ApiTokenUseInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiTokenUse)
class ApiTokenUseAdmin(admin.ModelAdmin):
    """The audit record of writes made with API tokens."""

    list_display = ["used_at", "token", "endpoint", "rows_sent", "outcome"]
    list_select_related = ["token"]
    list_filter = ["used_at"]
    search_fields = ["token__name", "token__prefix"]
    readonly_fields = ["token", "used_at", "endpoint", "batch", "rows_sent", "outcome"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
