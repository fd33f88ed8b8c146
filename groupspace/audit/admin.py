from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "actor", "subject_user", "group"]
    list_filter = ["action"]
    search_fields = ["actor__email", "subject_user__email", "action"]
    date_hierarchy = "at"

    # Read-only for everyone: the log is append-only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
