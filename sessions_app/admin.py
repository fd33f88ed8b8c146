"""Rarely used corners for staff. Attendance and letters are not here on purpose: a staff read
of them must be audited (the verification page is), and the admin does not audit reads."""

from django.contrib import admin

from .models import PromptTemplate, Session, WeeklySlot


@admin.register(PromptTemplate)
class PromptTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "approach", "language"]
    list_filter = ["language", "approach"]


@admin.register(WeeklySlot)
class WeeklySlotAdmin(admin.ModelAdmin):
    list_display = ["group", "weekday", "start_time", "duration_minutes", "kind", "is_active"]
    list_filter = ["group", "is_active"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["group", "starts_at", "kind", "status", "is_extra"]
    list_filter = ["group", "status"]
    date_hierarchy = "starts_at"
    readonly_fields = ["start_announced", "end_announced", "sequence"]
