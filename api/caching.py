"""The API's figure endpoints served from Django's cache (issue 26), like the dashboard pages
(``reports.caching``): a period's stored figures, task states and report compliance change only
when a recompute of its plan finishes (``Plan.progress_version``), so an answer is serialized
once per

- endpoint, its ids and its query (the page, the page size, the scope, the agency),
- the client's province (a token answers for its province only: two systems of one province
  share an entry, another province's never gets it),
- language and local day (the words of a judgement),
- the plan's progress version and last change,

and kept ``PAGE_CACHE_SECONDS`` at most. The token is checked, the call rate-limited and logged
before the cache is read (``api.auth``, ``api.middleware``): a cached answer is never an answer
to a call that would have been refused."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils import translation
from ninja import Schema
from ninja.responses import NinjaJSONEncoder

from cchc.clock import today
from plans.models import ReportingPeriod


def _period_version(period_id: int) -> tuple | None:
    """The plan of the period, its progress version and last change (one query)."""
    return (
        ReportingPeriod.objects.filter(pk=period_id)
        .values_list("plan_id", "plan__progress_version", "plan__updated_at")
        .first()
    )


def answer_key(request, name: str, kwargs: dict, version: tuple) -> str:
    query = urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))
    parts = (
        name,
        sorted(kwargs.items()),
        query,
        request.auth.province_id,
        translation.get_language(),
        today().isoformat(),
        version,
    )
    return f"api:{version[0]}:{hashlib.sha256(repr(parts).encode()).hexdigest()[:40]}"


def cached_period_list(item_schema: type[Schema]) -> Callable:
    """Serve a paginated list of a period (``period_id`` in the path) from the cache. Put between
    ``@api.get`` and ``@paginate``: on a miss the paginated view runs and its page is serialized
    with ``item_schema`` exactly as django-ninja would (``from_orm``, then ``model_dump``)."""

    def decorate(view):
        name = f"{view.__module__}.{view.__name__}"

        @functools.wraps(view)
        def wrapper(request, period_id: int, **kwargs):
            if not settings.PAGE_CACHE_SECONDS:
                return view(request, period_id=period_id, **kwargs)
            version = _period_version(period_id)
            if version is None:
                raise Http404
            # an entry is only ever stored after the view found the period in the token's
            # province (it answers 404 otherwise), and the province is part of the key
            key = answer_key(request, name, {"period_id": period_id}, version)
            body = cache.get(key)
            if body is None:
                page = view(request, period_id=period_id, **kwargs)
                data = {
                    "items": [item_schema.from_orm(item).model_dump() for item in page["items"]],
                    "count": page["count"],
                }
                body = json.dumps(data, cls=NinjaJSONEncoder).encode()
                cache.set(key, body, settings.PAGE_CACHE_SECONDS)
            return HttpResponse(body, content_type="application/json; charset=utf-8")

        return wrapper

    return decorate
