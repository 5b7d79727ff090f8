from django.contrib import admin

from placeplan.places.models import Area, SimdRank, TypologyGroup


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "council_area"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["council_area"]
    raw_id_fields = ["council_area", "intermediate_zone", "health_board"]


@admin.register(SimdRank)
class SimdRankAdmin(admin.ModelAdmin):
    list_display = ["data_zone", "edition", "rank", "quintile", "decile"]
    list_filter = ["edition", "quintile"]
    search_fields = ["data_zone__code", "data_zone__name"]
    raw_id_fields = ["data_zone"]


@admin.register(TypologyGroup)
class TypologyGroupAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]
