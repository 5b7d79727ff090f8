from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from placeplan.performance.models import Measure, Observation, Period


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "collection", "unit", "higher_is_better"]
    list_filter = ["collection"]
    search_fields = ["name", "code"]


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "start", "end"]
    list_filter = ["kind"]


@admin.register(Observation)
class ObservationAdmin(SimpleHistoryAdmin):
    list_display = ["measure", "area", "period", "value", "kind"]
    list_filter = ["kind", "measure__collection"]
    search_fields = ["area__code", "measure__code"]
    list_select_related = ["measure", "area", "period"]
    raw_id_fields = ["area", "entered_by"]
    show_full_result_count = False
