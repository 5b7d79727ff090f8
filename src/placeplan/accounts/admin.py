from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from placeplan.accounts.models import User
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
