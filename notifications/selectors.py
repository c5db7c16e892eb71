"""Reads for the inbox."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Notification, NotificationPreference


def notifications_of(user) -> QuerySet[Notification]:
    """A user's own notifications, newest first."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def email_enabled(user) -> bool:
    """E-mail is on unless the user turned it off (no preference row: on). With the
    preference select_related, no query."""
    try:
        return user.notification_preference.email_enabled
    except NotificationPreference.DoesNotExist:
        return True
