"""The API's authentication: a bearer token per client system, looked up by its hash; a revoked
one is refused like an unknown one. Each token is limited to ``API_RATE_LIMIT`` calls a minute
(Django's cache, a window per minute): beyond it, 429 with Retry-After."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from ninja.security import HttpBearer

from .models import ApiClient, token_hash


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(f"retry after {retry_after} s")


def rate_check(client: ApiClient) -> None:
    """Count the call in the token's current minute; RateLimited past the limit."""
    limit = getattr(settings, "API_RATE_LIMIT", 120)
    now = time.time()
    window = int(now // 60)
    key = f"api-rate:{client.pk}:{window}"
    cache.add(key, 0, timeout=70)
    try:
        calls = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=70)
        calls = 1
    if calls > limit:
        raise RateLimited(retry_after=max(1, int(60 - now % 60) + 1))


class ClientToken(HttpBearer):
    """``Authorization: Bearer cchc_…``: the client system whose token it is, if active."""

    openapi_description = "Mã truy cập do quản trị viên cấp cho hệ thống sử dụng (Authorization: Bearer …)."

    def authenticate(self, request, token: str) -> ApiClient | None:
        client = (
            ApiClient.objects.select_related("province")
            .filter(token_hash=token_hash(token), is_active=True)
            .first()
        )
        if client is None:
            return None
        request.api_client = client  # for the call log, even when the rate limit refuses the call
        rate_check(client)
        return client
