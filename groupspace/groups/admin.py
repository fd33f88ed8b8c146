from django.contrib import admin

from .models import IOPGroup, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "role", "state", "joined_at", "ended_at", "muted_until"]


@admin.register(IOPGroup)
class IOPGroupAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "track",
        "time_zone",
        "moderation_mode",
        "retention_days",
        "is_archived",
    ]
    list_filter = ["track", "is_archived", "moderation_mode"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "role", "state", "joined_at"]
    list_filter = ["role", "state", "group"]
    search_fields = ["user__email", "user__display_name", "group__name"]
    raw_id_fields = ["user"]
