from django.contrib import admin
from django.db import models

from placeplan.core.admin import HistoryAdmin
from placeplan.partnerships.models import Partnership, PartnershipRole
from placeplan.places.models import Area


class PartnershipRoleInline(admin.TabularInline):
    model = PartnershipRole
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Partnership)
class PartnershipAdmin(HistoryAdmin):
    list_display = ["name", "council_area"]
    search_fields = ["name", "council_area__code"]
    inlines = [PartnershipRoleInline]
    # A contact web page typed without a scheme is read as https:// (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """A partnership is of a council area: offer the 32, not all 8,300 areas (the
        page took 1.6 s to draw them)."""
        if db_field.name == "council_area":
            kwargs["queryset"] = Area.objects.filter(level=Area.Level.COUNCIL_AREA)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(PartnershipRole)
class PartnershipRoleAdmin(HistoryAdmin):
    list_display = ["user", "partnership", "role"]
    list_filter = ["role", "partnership"]
    search_fields = ["user__email", "user__full_name"]
    raw_id_fields = ["user"]
