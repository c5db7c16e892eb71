"""Every call of the read API is logged (client, method, path, status, time, duration), the
refused ones too (no token, a revoked one, the rate limit)."""

from __future__ import annotations

import time

from . import services

PREFIX = "/api/v1/"


class ApiCallLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        started = time.monotonic()
        response = self.get_response(request)
        services.call_log(
            client=getattr(request, "api_client", None),
            method=request.method,
            path=request.get_full_path(),
            status=response.status_code,
            duration_ms=int((time.monotonic() - started) * 1000),
        )
        return response
