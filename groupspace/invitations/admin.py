from django.contrib import admin

from .models import Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "group",
        "role",
        "note",
        "created_by",
        "created_at",
        "expires_at",
        "uses",
        "revoked_at",
    ]
    list_filter = ["role", "group"]
    readonly_fields = ["token", "uses", "created_by", "created_at"]
