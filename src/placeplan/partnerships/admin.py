from django.contrib import admin

from placeplan.core.admin import HistoryAdmin
from placeplan.partnerships.models import Partnership, PartnershipRole


class PartnershipRoleInline(admin.TabularInline):
    model = PartnershipRole
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Partnership)
class PartnershipAdmin(HistoryAdmin):
    list_display = ["name", "council_area"]
    search_fields = ["name", "council_area__code"]
    inlines = [PartnershipRoleInline]


@admin.register(PartnershipRole)
class PartnershipRoleAdmin(HistoryAdmin):
    list_display = ["user", "partnership", "role"]
    list_filter = ["role", "partnership"]
    search_fields = ["user__email", "user__full_name"]
    raw_id_fields = ["user"]
