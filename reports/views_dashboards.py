"""Dashboards for Sở Nội vụ and leadership, and their drill-downs. They read the stored
progress only (``reports.dashboards``)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agencies.access import access_agency
from agencies.models import Agency
from cchc.downloads import XLSX, private_download
from plans.access import can_read_area_figures, can_read_plan_dashboard, readable_area_ids, require_together
from plans.models import Plan
from plans.rules import TaskStatus
from targets.progress import Status
from targets.rules import BASELINE_COMPARATORS

from . import charts, dashboards, reads, spreadsheets
from .caching import cached_page, page_stale, plan_page, plan_page_with_reports, render
from .filters import DashboardFilter
from .models import Report


def _plan_and_periods(pk) -> tuple[Plan, list]:
    """The plan and its periods, read together; no such plan, or one without periods (nothing
    to show for any): 404."""
    periods = reads.periods_with_plan(pk)
    if not periods:
        raise Http404
    return periods[0].plan, periods


def _period(request, periods):
    """The period chosen with ?ky= (one of the plan's), else the current one."""
    chosen = request.GET.get("ky", "")
    found = next((p for p in periods if str(p.pk) == chosen), None)
    if chosen and found is None:
        raise Http404
    return found or dashboards.default_period(periods)


def _plan_charts(plan, view) -> dict:
    """The two charts the overview and the leadership page share."""
    label = view.period.get_kind_display()
    return {
        "area_chart": charts.stacked_bars(
            dashboards.area_bars(
                view.areas,
                href=lambda r: (
                    reverse("reports:area_drill", args=[plan.pk, r.plan_area_id]) + f"?ky={view.period.pk}"
                ),
            ),
            title=_("Tiến độ chỉ tiêu theo lĩnh vực — %(p)s") % {"p": label},
        ),
        "task_chart": charts.task_bar(
            view.task_counts, title=_("Nhiệm vụ theo trạng thái — %(p)s") % {"p": label}
        ),
    }


def _readable_plan(request, plan_id) -> tuple[Plan, list]:
    """The plan and its periods, once the viewer may read its plan-wide dashboards."""
    plan, periods = _plan_and_periods(plan_id)
    if not can_read_plan_dashboard(request.user, plan):
        raise PermissionDenied
    return plan, periods


def _dashboard(request, plan_id, data):
    """The plan, its periods and the filters of a plan-wide dashboard, once access is
    checked."""
    plan, periods = _readable_plan(request, plan_id)
    filters = DashboardFilter(
        data, queryset=dashboards.TargetProgress.objects.all(), plan=plan, periods=periods
    )
    return plan, periods, filters


def _sparks(trends) -> dict:
    return {
        target_id: charts.sparkline(points, title=_("Xu hướng tiến độ qua các kỳ"))
        for target_id, points in trends.items()
    }


@login_required
@cached_page(plan_page)
def overview(request, plan_id):
    plan, periods, filters = _dashboard(request, plan_id, request.GET)
    if not filters.is_valid():
        return render(
            request,
            "reports/overview.html",
            {"stale": page_stale(request, plan.pk), "plan": plan, "filters": filters, "invalid": True},
            status=400,
        )
    sort = request.GET.get("sap_xep", "-tong")
    today_structure = request.GET.get("co_cau") == "hien_nay"
    view = dashboards.overview(plan, filters, periods, sort, today_structure=today_structure)
    period = view.period
    return render(
        request,
        "reports/overview.html",
        {
            "stale": page_stale(request, plan.pk),
            "plan": plan,
            "filters": filters,
            "x": view,
            "period": period,
            "sort": sort,
            "today_structure": today_structure,
            "structure_query": _query_without(request, "co_cau"),
            **_plan_charts(plan, view),
            "sparks": _sparks(view.trends),
            "statuses": _labels([(s, Status(s).label) for s in _tile_statuses(view)]),
            "status_labels": _labels(dict(Status.choices)),
            "compliance": _labels(dashboards.COMPLIANCE),
            "task_labels": _labels(TaskStatus.LABELS),
            "baseline_comparators": BASELINE_COMPARATORS,
            "query": _query_without(request, "sap_xep"),
            "links": {
                "target": _link("reports:target_drill", plan.pk, SLOT),
                "explain": _link("reports:target_explain", period.pk, SLOT),
                "agency": _link("reports:agency_drill", plan.pk, SLOT),
                "task": _link("reporting:task_detail", SLOT),
            },
        },
    )


@login_required
@cached_page(plan_page_with_reports)
def leadership(request, plan_id):
    plan, periods = _readable_plan(request, plan_id)
    # the period only (no filter form on this page): a period of another plan, or not a
    # period, is not found
    view = dashboards.leadership(plan, _period(request, periods), periods)
    period = view.period
    return render(
        request,
        "reports/leadership.html",
        {
            "stale": page_stale(request, plan.pk),
            "plan": plan,
            "x": view,
            "period": period,
            "periods": periods,
            **_plan_charts(plan, view),
            "meter": charts.progress_meter(
                view.rollup.progress_mean if view.rollup else None,
                title=_("Tiến độ bình quân các chỉ tiêu"),
                width=200,
                label=False,
            ),
            # the period's own latest issued province report (never another period's), and its
            # draft, offered only as a draft
            **_period_reports(period),
        },
    )


def _period_reports(period) -> dict:
    """The period's latest issued province report and its draft, read at once."""
    made = reads.province_reports(period.pk)
    return {
        "issued": next((r for r in made if r.state == Report.State.ISSUED), None),
        "draft": next((r for r in made if r.state == Report.State.DRAFT), None),
    }


@login_required
@cached_page(plan_page)
def target_drill(request, plan_id, target_id):
    plan, periods = _plan_and_periods(plan_id)
    try:
        period = _period(request, periods)
    except Http404:
        period = None  # answered after the target's 404 and the access check, as before
    # the target and the rows its period's run stored, in one query (issue 26)
    target, stored = dashboards.target_with_rows(plan, target_id, period)
    if not can_read_area_figures(request.user, plan, target.statement.plan_area_id):
        raise PermissionDenied
    if period is None:
        raise Http404
    levels = reads.levels()
    reads.thresholds_into([target])  # the goal the page prints
    level = next((lv for lv in levels if str(lv.pk) == request.GET.get("cap", "")), None)
    sort = request.GET.get("sap_xep", "ten")
    province, level_rows, rows = dashboards.target_agencies(
        period, target, level, sort, levels=levels, stored=stored
    )
    return render(
        request,
        "reports/target_drill.html",
        {
            "stale": page_stale(request, plan.pk),
            "plan": plan,
            "target": target,
            "period": period,
            "periods": periods,
            "province": province,
            "level_rows": level_rows,
            "rows": rows,
            "levels": levels,
            "level": level,
            "sort": sort,
            "missing": [r for r in rows if r.missing],
            "links": {
                "agency": _link("reports:agency_drill", plan.pk, SLOT),
                "explain": reverse("reports:target_explain", args=[period.pk, target.pk]),
            },
            "status_labels": _labels(dict(Status.choices)),
            "query": _query_without(request, "sap_xep"),
            "chart": charts.stacked_bars(
                [
                    charts.Bar(
                        label=_("%(n)s cơ quan") % {"n": len(rows)},
                        counts={s: sum(1 for r in rows if r.status == s) for s in Status.values},
                    )
                ],
                title=_("Các cơ quan theo trạng thái của chỉ tiêu"),
            ),
        },
    )


@login_required
@cached_page(plan_page)
def agency_drill(request, plan_id, agency_id):
    """An agency's year in a plan: what the user may read of it (an area coordinator, the
    lines of the areas their agency leads, and the counts made of those lines only)."""
    plan, periods = _plan_and_periods(plan_id)
    agency = access_agency(
        request.user, get_object_or_404(Agency.objects.select_related("parent__parent"), pk=agency_id)
    )  # its province: no query
    require_together(plan, agency)
    area_ids = readable_area_ids(request.user, plan)
    if area_ids is not None and not area_ids:
        raise PermissionDenied  # a coordinator whose agency leads no area of this plan
    period = _period(request, periods)
    year = dashboards.agency_year(plan, agency, period, periods, area_ids=area_ids)
    return render(
        request,
        "reports/agency_drill.html",
        {
            "stale": page_stale(request, plan.pk),
            "plan": plan,
            "agency": agency,
            "period": period,
            "periods": periods,
            "y": year,
            "area_limited": area_ids is not None,
            "compliance": _labels(dashboards.COMPLIANCE),
            "task_labels": _labels(TaskStatus.LABELS),
            "status_labels": _labels(dict(Status.choices)),
            "can_see_plan": can_read_plan_dashboard(request.user, plan),
            "links": {
                "explain": _link("reports:target_explain", SLOT, SLOT),
                "task": _link("reporting:task_detail", SLOT),
            },
        },
    )


@login_required
@cached_page(plan_page)
def area_drill(request, plan_id, area_id):
    plan, periods = _plan_and_periods(plan_id)
    # the area and the rows its periods' runs stored, in one query (issue 26)
    area, stored = dashboards.area_with_rows(plan, area_id, periods)
    if not can_read_area_figures(request.user, plan, area.pk):
        raise PermissionDenied
    period = _period(request, periods)
    rollup, targets, trends, tasks = dashboards.area_view(plan, area, period, periods, stored=stored)
    return render(
        request,
        "reports/area_drill.html",
        {
            "stale": page_stale(request, plan.pk),
            "plan": plan,
            "area": area,
            "period": period,
            "periods": periods,
            "rollup": rollup,
            "targets": targets,
            "tasks": tasks,
            "task_labels": _labels(TaskStatus.LABELS),
            "links": {
                "target": _link("reports:target_drill", plan.pk, SLOT),
                "explain": _link("reports:target_explain", period.pk, SLOT),
                "task": _link("reporting:task_detail", SLOT),
            },
            "sparks": _sparks(trends),
            "task_chart": charts.task_bar(
                rollup.task_counts if rollup else {}, title=_("Nhiệm vụ của lĩnh vực theo trạng thái")
            ),
            "can_see_plan": can_read_plan_dashboard(request.user, plan),
        },
    )


def _tile_statuses(view) -> list[str]:
    """The status tiles of the overview: at the year's last period the final verdicts only (no
    "có nguy cơ" once the year is over), before it the schedule's; "không phát sinh" when some
    target has it."""
    if view.final:
        shown = [Status.MET, Status.NOT_MET, Status.NO_BASIS]
    else:
        shown = [
            Status.MET,
            Status.ON_TRACK,
            Status.AT_RISK,
            Status.OFF_TRACK,
            Status.NO_DATA,
            Status.NO_BASIS,
        ]
    return shown + [s for s in Status.values if s not in shown and view.target_counts.get(s)]


#: an argument of ``_link``: a slot for each row's own value
SLOT = 2147483646


def _link(name, *args) -> str:
    """``reverse()`` once for the links of a table's rows, which differ only in ids: each
    ``SLOT`` argument becomes a ``{}`` slot the ``link`` filter fills per row."""
    url = reverse(name, args=args)
    if "{" in url or "}" in url:
        raise ValueError(url)
    return url.replace(str(SLOT), "{}")


def _labels(labels):
    """Lazy labels (a mapping, or choices as pairs) translated once for the page, not once per
    table cell that shows them (``get_status_display`` translates every choice at each call)."""
    if isinstance(labels, dict):
        return {key: str(label) for key, label in labels.items()}
    return [(key, str(label)) for key, label in labels]


def _query_without(request, *names) -> str:
    """The current query string without ``names``, to append a new value of them."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


@login_required
def task_results_xlsx(request, plan_id):
    """The task appendix with each task's status and evidence per period (XLSX)."""
    plan, _periods = _readable_plan(request, plan_id)
    content = spreadsheets.task_results_xlsx(plan)
    return private_download(content, content_type=XLSX, filename=f"phu-luc-ket-qua-{slugify(plan.code)}.xlsx")
