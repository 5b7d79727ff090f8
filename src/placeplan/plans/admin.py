"""Plans in the admin: read-only, for browsing versions and their audit history. Changes
go through the workspace, whose services keep published versions frozen."""

from django.contrib import admin

from placeplan.core.admin import HistoryAdmin
from placeplan.plans.models import Commitment, Outcome, Plan


class ReadOnlyHistoryAdmin(HistoryAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "version", "status", "partnership", "owning_body"]
    list_filter = ["status", "kind", "partnership"]
    search_fields = ["title"]


@admin.register(Outcome)
class OutcomeAdmin(ReadOnlyHistoryAdmin):
    list_display = ["statement", "plan", "is_priority"]
    list_filter = ["plan__partnership"]


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyHistoryAdmin):
    list_display = ["what", "outcome", "lead_partner", "due"]
