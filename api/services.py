"""Writes of the read API's records: a client system's token issued (shown once, stored hashed)
or revoked, and a call logged. Keyword-only ``<entity>_<action>``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency

from .models import ApiCall, ApiClient, token_hash, token_new


@transaction.atomic
def client_issue(*, name: str, province: Agency, user, note: str = "") -> tuple[ApiClient, str]:
    """A new client system with its token: the token is returned here once and only its hash
    is kept."""
    if province.kind != Agency.Kind.UBND_TINH:
        raise ValidationError(_("Chọn UBND tỉnh: mỗi mã truy cập chỉ đọc số liệu của một tỉnh."))
    token = token_new()
    client = ApiClient(
        name=name.strip(),
        province=province,
        token_hash=token_hash(token),
        token_hint=token[:10],
        issued_by=user,
        note=note,
    )
    client.full_clean()
    client.save()
    return client, token


@transaction.atomic
def client_token_renew(*, client: ApiClient, user) -> tuple[ApiClient, str]:
    """Revoke the client's token and issue it a new one (a new client row: the log keeps who
    called with which token)."""
    client_revoke(client=client, user=user)
    return client_issue(name=client.name, province=client.province, user=user, note=client.note)


def client_revoke(*, client: ApiClient, user) -> ApiClient:
    if client.is_active:
        client.is_active = False
        client.revoked_at = timezone.now()
        client.revoked_by = user
        client.save(update_fields=["is_active", "revoked_at", "revoked_by"])
    return client


def call_log(*, client: ApiClient | None, method: str, path: str, status: int, duration_ms: int) -> ApiCall:
    return ApiCall.objects.create(
        client=client, method=method[:10], path=path[:500], status=status, duration_ms=duration_ms
    )
