"""Notifications shown in the app, the ledger that lets each reminder go out once, and each
user's choice about e-mail.

The daily reminder job (``services.reminders_send``) may run twice on a day, or twice at once
(a beat retry, the command run by hand): the ledger's unique constraint decides which run sends
a reminder, so nobody is told the same thing twice.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message in a user's list ("Thông báo"); unread until ``read_at`` is set."""

    class Kind(models.TextChoices):
        PERIOD_DUE = "period_due", _("Sắp đến hạn gửi báo cáo")
        PERIOD_OVERDUE = "period_overdue", _("Quá hạn gửi báo cáo")
        TASK_DUE = "task_due", _("Nhiệm vụ sắp đến hạn")
        TASK_OVERDUE = "task_overdue", _("Nhiệm vụ quá hạn")
        REVIEW_DIGEST = "review_digest", _("Tổng hợp hằng ngày cho Sở Nội vụ")
        REVIEW_DECISION = "review_decision", _("Kết quả duyệt báo cáo")
        EXTENSION_DECISION = "extension_decision", _("Kết quả đề nghị gia hạn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("người nhận"),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(
        _("đường dẫn"), max_length=500, blank=True, help_text=_("Trang liên quan, tính từ gốc của hệ thống.")
    )
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_created"),
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="notification_user_unread"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class SentReminder(models.Model):
    """A reminder that went out: to whom, what kind, about which period or task, on which
    occasion ("2025-03-20:-7" seven days before that deadline, "2025-03-22" a daily one). The
    unique constraint makes a second one impossible; ``run`` tells a run which rows it won."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("người nhận")
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Notification.Kind.choices)
    object_id = models.PositiveBigIntegerField(
        _("đối tượng"), default=0, help_text=_("Kỳ báo cáo hoặc nhiệm vụ; 0 với bản tổng hợp.")
    )
    occasion = models.CharField(_("dịp"), max_length=40)
    day = models.DateField(_("ngày gửi"))
    run = models.UUIDField(_("lượt chạy"))
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name = _("nhắc việc đã gửi")
        verbose_name_plural = _("nhắc việc đã gửi")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_id", "occasion"], name="sent_reminder_once"
            ),
        ]
        indexes = [
            models.Index(fields=["run"], name="sent_reminder_run"),
            models.Index(fields=["kind", "day"], name="sent_reminder_kind_day"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} {self.occasion} → {self.user_id}"


class NotificationPreference(models.Model):
    """A user's choice about e-mail; without a row, e-mail is on. In-app notifications are
    always written."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
        verbose_name=_("người dùng"),
    )
    email_enabled = models.BooleanField(_("nhận thư điện tử"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lựa chọn nhận thông báo")
        verbose_name_plural = _("lựa chọn nhận thông báo")

    def __str__(self):
        return f"{self.user_id}: {'email' if self.email_enabled else '-'}"
