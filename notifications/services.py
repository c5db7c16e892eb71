"""Writes for the inbox: telling an agency's users about a decision (in the app and by e-mail),
marking notifications read, and the e-mail preference. The reminders that fill it are the
reporting cycle's (``reporting.reminders``)."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.utils import timezone

from agencies.models import User

from . import selectors
from .models import Notification, NotificationPreference

logger = logging.getLogger(__name__)


def notify_agency(*, agency_id: int, roles, subject: str, body: str, kind: str, link: str = "") -> int:
    """Tell an agency's active users of these roles about a decision: always in the app (their
    "Thông báo" list), and by e-mail to those who have an address and keep e-mail on (console
    backend by default). Failure to send must not undo the decision it reports, so errors are
    logged, not raised. Returns how many e-mails went."""
    users = list(
        User.objects.filter(agency_id=agency_id, role__in=roles, is_active=True).select_related(
            "notification_preference"
        )
    )
    Notification.objects.bulk_create(
        [Notification(user=user, kind=kind, title=subject[:255], body=body, link=link) for user in users]
    )
    recipients = [user.email for user in users if user.email and selectors.email_enabled(user)]
    if not recipients:
        return 0
    try:
        return send_mail(subject, body, None, recipients)
    except Exception:  # noqa: BLE001
        logger.exception("could not e-mail agency %s", agency_id)
        return 0


# --- the user's side --------------------------------------------------------------------------


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def email_preference_set(*, user, enabled: bool) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_enabled": enabled}
    )
    return preference
