"""The public CCHC page (no login): a plan the Sở Nội vụ opened, with its approved figures,
tasks, issued reports and the published PAR-index ranking; cacheable (Cache-Control, ETag and
conditional GET), readable on a phone, under the site's strict CSP. And the reviewer's switch
that opens or closes it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_POST
from django.views.decorators.vary import vary_on_headers

from agencies.access import require_plan_reviewer
from cchc.clock import today
from cchc.collation import vietnamese
from cchc.downloads import stored_file_open
from plans.models import Plan
from plans.services import plan_publicity_set

from . import selectors

MAX_AGE = 300


@cache_control(public=True, max_age=MAX_AGE)
@vary_on_headers("Accept-Language", "Cookie")
def index(request):
    return render(
        request,
        "public/index.html",
        {"plans": selectors.public_plans().order_by("-year", vietnamese("title"))},
    )


def _found(request, pk):
    """The public plan and its page's version, read once per request (the ETag and the page)."""
    if not hasattr(request, "_public_plan"):
        plan = selectors.public_plan(pk)
        request._public_plan = (plan, selectors.page_version(plan) if plan else None)
    return request._public_plan


def _etag(request, pk):
    _plan, version = _found(request, pk)
    return f"{version}-{get_language()}" if version else None


@cache_control(public=True, max_age=MAX_AGE)
@vary_on_headers("Accept-Language", "Cookie")
@condition(etag_func=_etag)
def plan(request, pk):
    """Rendered once per version of what it shows, language and day (issue 26): the page holds
    nothing of the viewer (no login, no form), so every reader shares one entry."""
    found, version = _found(request, pk)
    if found is None:
        raise Http404
    key = f"public:plan:{pk}:{version}:{get_language()}:{today().isoformat()}"
    html = cache.get(key) if settings.PAGE_CACHE_SECONDS else None
    if html is None:
        html = render_to_string("public/plan.html", {"page": selectors.plan_page(found)}, request=request)
        if settings.PAGE_CACHE_SECONDS:
            cache.set(key, html, settings.PAGE_CACHE_SECONDS)
    return HttpResponse(html)


@cache_control(public=True, max_age=3600)
def report_pdf(request, report_id):
    from django.http import FileResponse

    report = selectors.public_report(report_id)
    if report is None:
        raise Http404
    return FileResponse(
        stored_file_open(report.file),
        as_attachment=True,
        filename=f"bao-cao-cchc-{report.period.kind}-{report.period.window_end.year}-v{report.version}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
def plan_visibility(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)
    require_plan_reviewer(request.user, plan)
    public = request.POST.get("public") == "1"
    plan_publicity_set(plan=plan, public=public, user=request.user)
    messages.success(
        request,
        _("Kế hoạch đã được công khai trên trang thông tin CCHC.")
        if public
        else _("Kế hoạch không còn công khai."),
    )
    return redirect("targets:plan_detail", plan.pk)
