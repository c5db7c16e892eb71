from django.contrib import admin

from .models import Notification, NotificationPreference, SentReminder


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "kind", "created_at", "read_at"]
    list_filter = ["kind", "created_at"]
    list_select_related = ["user"]
    search_fields = ["title", "user__username"]
    raw_id_fields = ["user"]


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    """The ledger, to answer "was I reminded?": read-only."""

    list_display = ["day", "kind", "object_id", "occasion", "user", "created_at"]
    list_filter = ["kind", "day"]
    list_select_related = ["user"]
    search_fields = ["user__username", "occasion"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_enabled", "updated_at"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
