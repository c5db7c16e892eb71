import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from agencies.models import Agency
from plans.access import can_read_area_figures, require_line_reader
from plans.models import ReportingPeriod
from reporting.models import ProgressRun
from targets.models import Target

from .caching import cached_page, page_stale, period_page, render
from .explain import explain_target

SCOPE = re.compile(r"^(province|level:\d+|agency:(?P<agency>\d+))$")


def _check_scope(user, period, target, scope):
    """An agency's figure: whoever may read that line of the agency (an agency of the plan's
    province; a coordinator, in an area they lead); a province or level figure: see
    ``can_read_area_figures``."""
    match = SCOPE.match(scope)
    if match is None:
        raise Http404
    if match["agency"]:
        agency = get_object_or_404(Agency.objects.select_related("parent__parent"), pk=match["agency"])
        require_line_reader(user, period.plan, agency, target.statement.plan_area_id)
    elif not can_read_area_figures(user, period.plan, target.statement.plan_area_id):
        raise PermissionDenied


@login_required
@cached_page(period_page)
def target_explain(request, period_id, target_id):
    period = get_object_or_404(ReportingPeriod.objects.select_related("plan__issuer"), pk=period_id)
    target = get_object_or_404(
        Target.objects.select_related("statement__plan_area"), pk=target_id, statement__plan_id=period.plan_id
    )
    scope = request.GET.get("pham-vi", "province")
    _check_scope(request.user, period, target, scope)
    explanation = explain_target(period, target, scope)
    if explanation is None:
        raise Http404
    return render(
        request,
        "reports/target_explain.html",
        {
            "stale": page_stale(request, period.plan_id),
            "period": period,
            "target": target,
            "x": explanation,
            "scope": scope,
            "run": ProgressRun.objects.filter(period=period).first(),
        },
    )
