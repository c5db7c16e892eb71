from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from agencies.access import access_agency, province_of, readable_area_ids, user_is_reviewer
from agencies.models import Agency, User
from plans.models import ReportingPeriod
from targets.models import Target

from .explain import explain_target
from .models import ProgressRun


def _check_scope(user, period, target, scope):
    """An agency's figure: whoever may read the agency. A province or level figure (it lists
    every agency's lines): the province's reviewers, leadership and the area's coordinator."""
    if scope.startswith("agency:"):
        agency = get_object_or_404(Agency, pk=scope.split(":", 1)[1])
        access_agency(user, agency)
        return
    if user_is_reviewer(user):
        return
    if user.role not in (User.Role.LEADERSHIP, User.Role.COORDINATOR) or \
            province_of(user.agency) != province_of(period.plan.issuer):
        raise PermissionDenied
    areas = readable_area_ids(user, period.plan)
    if areas is not None and target.statement.plan_area_id not in areas:
        raise PermissionDenied


@login_required
def target_explain(request, period_id, target_id):
    period = get_object_or_404(ReportingPeriod.objects.select_related("plan__issuer"),
                               pk=period_id)
    target = get_object_or_404(Target.objects.select_related("statement__plan_area"),
                               pk=target_id, statement__plan_id=period.plan_id)
    scope = request.GET.get("pham-vi", "province")
    _check_scope(request.user, period, target, scope)
    explanation = explain_target(period, target, scope)
    if explanation is None:
        raise Http404
    return render(request, "reports/target_explain.html", {
        "period": period, "target": target, "x": explanation, "scope": scope,
        "run": ProgressRun.objects.filter(period=period).first(),
    })
