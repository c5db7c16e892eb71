"""Dashboard pages served from Django's cache (issue 26), keyed by what they depend on.

A page's figures change only when a recompute of its plan finishes (``Plan.progress_version``,
bumped by ``reporting.progress``), so a page is rendered once per

- page and URL (the view, its ids, the query string sorted: the filters, the period, the sort),
- language and local day (the words, and anything judged against today),
- the plan's progress version and last change (``Plan.updated_at``),
- the viewer's scope (``plans.access.viewer_scope``: role, province, own agency, areas led),
  never the viewer: two leaders of one province share an entry, a reporter never gets a
  reviewer's page (SECURITY.md "Cached pages"),

and kept ``PAGE_CACHE_SECONDS`` at most (the back-stop for what the key does not see, such as a
target renamed in the admin).

Only the page's main fragment is cached (its ``title`` and ``content`` blocks, rendered with no
request, no user and no CSRF token: ``fragments/base.html`` stands in for the site's layout).
The layout, with what is personal (the header's name and unread count, the CSRF tokens of its
forms, the messages), is rendered around it per request, and so is the "figures may be stale"
notice, which depends on the recomputes waiting, not on the figures (``fragments/reports/
_stale.html`` leaves a slot for it). The access checks of a page are made when it is rendered
for a scope; a cached entry is only ever served to that scope, whose checks gave the same
answer, and only pages that were shown (200) are kept.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.shortcuts import render as django_render
from django.template import Context, Engine, engines
from django.template.loader import render_to_string
from django.test.client import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from agencies.access import province_of
from agencies.models import Agency, User
from cchc.clock import today
from plans.access import viewer_scope
from plans.models import Plan
from reporting.jobs import stale_notice, stale_since

from . import reads

FRAGMENTS = Path(__file__).parent / "fragments"
#: between a page's title and its content, in a rendered fragment
TITLE_END = "<!--cchc:fragment-->"
#: where the "figures may be stale" notice goes, filled per request
STALE_SLOT = "<!--cchc:stale-->"
#: the pages a recompute renders again at once for the readers of the plan's province
WARMED_PAGES = ("reports:overview", "reports:leadership")


@dataclass(frozen=True)
class Fragment:
    title: str
    content: str


@functools.cache
def _fragment_engine() -> Engine:
    """The site's template engine (same tags, same templates) with ``fragments/`` first: its
    ``base.html`` keeps only the blocks, so a page renders to its own part and nothing of the
    layout; no context processor, so nothing of the request or the user can enter it."""
    site = engines["django"].engine
    return Engine(
        dirs=[FRAGMENTS, *site.dirs],
        app_dirs=site.app_dirs,
        libraries=site.libraries,
        builtins=site.builtins[len(Engine.default_builtins) :],
        debug=site.debug,
        string_if_invalid=site.string_if_invalid,
        file_charset=site.file_charset,
        autoescape=site.autoescape,
    )


def fragment_render(template_name: str, context: dict) -> Fragment:
    rendered = _fragment_engine().get_template(template_name).render(Context(context))
    title, _, content = rendered.partition(TITLE_END)
    return Fragment(title=title.strip(), content=content)


def _page(request, fragment: Fragment, stale, status=None):
    """The layout around a fragment, for this request (the personal header), with the stale
    notice in its slot."""
    content = fragment.content
    if STALE_SLOT in content:
        content = content.replace(STALE_SLOT, render_to_string("reports/_stale.html", {"stale": stale}))
    return django_render(
        request,
        "reports/cached_page.html",
        {"fragment": Fragment(title=mark_safe(fragment.title), content=mark_safe(content))},  # noqa: S308
        status=status,
    )


def page_key(request, page: str, kwargs: dict, plan_id: int, version: tuple) -> str:
    """The cache key of a page for this request's URL, language, day and viewer's scope."""
    query = urlencode(sorted((name, value) for name, values in request.GET.lists() for value in values))
    parts = (
        page,
        sorted(kwargs.items()),
        query,
        translation.get_language(),
        today().isoformat(),
        version,
        viewer_scope(request.user, plan_id),
    )
    return f"page:{plan_id}:{hashlib.sha256(repr(parts).encode()).hexdigest()[:40]}"


def _plan_version(plan_id) -> tuple[int, tuple, datetime | None] | None:
    found = reads.plan_version(plan_id)  # since when a recompute waits, read with the version
    return (plan_id, found[:2], found[2]) if found else None


def _period_plan_version(period_id) -> tuple[int, tuple, datetime | None] | None:
    found = reads.period_plan_version(period_id)
    return (found[0], found[1:3], found[3]) if found else None


def plan_page(**kwargs):
    """A page of the plan in the URL (``plan_id``)."""
    return _plan_version(kwargs["plan_id"])


def period_page(**kwargs):
    """A page of the period in the URL (``period_id``)."""
    return _period_plan_version(kwargs["period_id"])


def plan_page_with_reports(**kwargs):
    """A plan's page that also shows the period's latest issued report and its draft (the
    leadership page): the province's reports with their files, issued or made again, are part
    of the key."""
    found = _plan_version(kwargs["plan_id"])
    if found is None:
        return None
    plan_id, version, since = found
    count, last, issued, at = reads.province_reports_stamp(plan_id)
    return plan_id, (*version, count, last, issued, at.isoformat() if at else ""), since


def cached_page(depends_on):
    """Serve the view's page from the cache. ``depends_on(**url kwargs)`` gives the plan's id
    and the version of what the page shows (None: no such plan, the view answers), and may
    give third since when a recompute of the plan waits (then the page's stale notice costs no
    query of its own: :func:`page_stale`). Put under ``login_required``; the view renders with
    :func:`render`."""

    def decorate(view):
        page = f"{view.__module__}.{view.__name__}"

        @functools.wraps(view)
        def wrapper(request, **kwargs):
            if request.method != "GET" or not settings.PAGE_CACHE_SECONDS:
                return view(request, **kwargs)
            found = depends_on(**kwargs)
            if found is None:
                return view(request, **kwargs)
            plan_id, version, *since = found
            if since:
                request._page_stale = (plan_id, stale_since(since[0]))
            key = page_key(request, page, kwargs, plan_id, version)
            fragment = cache.get(key)
            if fragment is not None:
                return _page(request, fragment, page_stale(request, plan_id))
            request._page_cache_key = key
            return view(request, **kwargs)

        return wrapper

    return decorate


def page_stale(request, plan_id: int) -> dict | None:
    """The "figures may be stale" notice of a dashboard of the plan: as read with the plan's
    version when the page was looked up in the cache, else read now."""
    known = getattr(request, "_page_stale", None)
    if known is not None and known[0] == plan_id:
        return known[1]
    return stale_notice(plan_id)


def render(request, template_name: str, context: dict, status=None):
    """``django.shortcuts.render`` for the views under :func:`cached_page`: the page's
    fragment is rendered apart, kept when the page is shown (200), and the layout rendered
    around it."""
    key = getattr(request, "_page_cache_key", None)
    if key is None:
        return django_render(request, template_name, context, status=status)
    fragment = fragment_render(template_name, context)
    if status in (None, 200):
        cache.set(key, fragment, settings.PAGE_CACHE_SECONDS)
    return _page(request, fragment, context.get("stale"), status=status)


def plan_pages_warm(*, plan_id: int) -> int:
    """After a recompute: render the plan's most-read pages (overview and leadership, current
    period, no filter, the site's language) for each scope of its province that reads them
    (one user of each scope: every other of that scope shares the entry). Returns how many
    pages are in the cache (a page cached already at this version is not rendered again)."""
    plan = Plan.objects.select_related("issuer__parent__parent").filter(pk=plan_id).first()
    province = province_of(plan.issuer) if plan else None
    if province is None:
        return 0
    readers = {}
    candidates = (
        User.objects.filter(is_active=True, role__in=[User.Role.REVIEWER, User.Role.LEADERSHIP])
        .filter(agency__in=_province_tree(province))
        .select_related("agency__parent__parent")
        .order_by("pk")
    )
    for user in candidates:
        readers.setdefault(viewer_scope(user, plan_id), user)
    rendered = 0
    with translation.override(settings.LANGUAGE_CODE):
        for reader in readers.values():
            for name in WARMED_PAGES:
                url = reverse(name, args=[plan_id])
                request = RequestFactory().get(url)
                request.user = reader
                match = resolve(url)
                response = match.func(request, *match.args, **match.kwargs)
                rendered += response.status_code == 200
    return rendered


def _province_tree(province):
    return Agency.objects.filter(Q(pk=province.pk) | Q(parent=province) | Q(parent__parent=province))
