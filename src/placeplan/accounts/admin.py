from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from placeplan.accounts.models import SecurityEvent, User
from placeplan.accounts.selectors import security_event_list
from placeplan.core.admin import HistoryAdmin


@admin.register(User)
class UserAdmin(DjangoUserAdmin, HistoryAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_national_reader", "is_superuser", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        ("Roles", {"fields": ["is_active", "is_national_reader", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The security event log: read-only, for site administrators."""

    list_display = ["at", "kind", "user__email", "address", "path", "detail"]
    list_filter = ["kind", ("at", admin.DateFieldListFilter)]
    search_fields = ["user__email", "address", "path", "detail"]
    date_hierarchy = "at"
    list_select_related = ["user"]
    fields = ["at", "kind", "user", "address", "path", "detail"]
    readonly_fields = fields

    def get_queryset(self, request):
        return security_event_list()

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
