"""Client systems of the read API (the province's reporting system, a portal…): each holds one
token, stored hashed, scoped to one province, issued and revoked by an administrator; and the
log of every call."""

import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

#: the token's prefix: a leaked token is recognisable in a log or a repository
TOKEN_PREFIX = "cchc_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_new() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiClient(models.Model):
    name = models.CharField(_("hệ thống sử dụng"), max_length=200)
    province = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Agency.Kind.UBND_TINH},
        verbose_name=_("tỉnh (UBND tỉnh)"),
        help_text=_("Hệ thống chỉ đọc được số liệu của tỉnh này."),
    )
    token_hash = models.CharField(_("mã truy cập (băm SHA-256)"), max_length=64, unique=True, editable=False)
    token_hint = models.CharField(_("đầu mã truy cập"), max_length=12, editable=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    issued_by = models.ForeignKey(
        "agencies.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người cấp"),
    )
    created_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        "agencies.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thu hồi"),
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hệ thống dùng API")
        verbose_name_plural = _("hệ thống dùng API")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_active=True) | Q(revoked_at__isnull=False), name="api_client_revoked_has_time"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.token_hint}…)"


class ApiCall(models.Model):
    """One call of the API, answered or refused."""

    client = models.ForeignKey(
        ApiClient,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("hệ thống"),
    )
    method = models.CharField(max_length=10)
    path = models.CharField(_("đường dẫn"), max_length=500)
    status = models.PositiveSmallIntegerField(_("mã trả về"))
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    duration_ms = models.PositiveIntegerField(_("thời gian (ms)"))

    class Meta:
        ordering = ["-at"]
        verbose_name = _("lượt gọi API")
        verbose_name_plural = _("nhật ký gọi API")
        indexes = [models.Index(fields=["client", "at"], name="api_call_client_at")]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.method} {self.path} {self.status}"
