"""Reads of the read API, every one scoped to the client's province: plans (never a draft
plan), periods, the stored progress (computed from approved lines only: a draft or a line
awaiting review never reaches it), issued reports, published PAR-index results.

The judgement words and the coverage come from the stored progress through three small
functions (``figure_judgement``, ``figure_is_final``, ``figure_coverage``): before the year
period a figure is judged on schedule (đúng tiến độ / có nguy cơ / chậm), at the year period the
stored status is the final verdict (đạt / không đạt / chưa đủ căn cứ, DOMAIN.md "Judgements")."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from agencies.models import Agency
from cchc.collation import vietnamese
from plans.models import Plan, PlanArea, ReportingPeriod, Task
from plans.rules import TaskStatus
from reporting.models import AgencyProgress, TargetProgress, TaskProgress
from reports.models import Report
from scoring.models import Publication
from targets.models import Target
from targets.progress import Status


def province_plans(province: Agency) -> QuerySet[Plan]:
    """The province's plans (issued by its people's committee or a body under it), drafts left
    out."""
    return (
        Plan.objects.filter(
            Q(issuer=province) | Q(issuer__parent=province) | Q(issuer__parent__parent=province)
        )
        .exclude(status=Plan.Status.DRAFT)
        .select_related("issuer")
        .order_by("-year", "pk")
    )


def plan_detail(province: Agency, plan_id: int) -> Plan | None:
    """The plan with its areas, targets (by area and plan-wide) and tasks, in five queries."""
    return (
        province_plans(province)
        .filter(pk=plan_id)
        .prefetch_related(
            Prefetch(
                "areas", queryset=PlanArea.objects.select_related("area", "lead_agency").order_by("position")
            ),
            Prefetch(
                "target_statements__targets",
                queryset=Target.objects.select_related("statement", "responsible_agency").order_by(
                    "position"
                ),
            ),
            Prefetch(
                "tasks",
                queryset=Task.objects.select_related("plan_area")
                .prefetch_related("lead_agencies")
                .order_by("position"),
            ),
        )
        .first()
    )


def province_period(province: Agency, period_id: int) -> ReportingPeriod | None:
    return (
        ReportingPeriod.objects.filter(plan__in=province_plans(province), pk=period_id)
        .select_related("plan")
        .first()
    )


def period_figures(period: ReportingPeriod, *, scope: str, agency_id: int | None = None) -> QuerySet:
    """The stored figures of a period: the province's (``scope="province"``) or the agencies'
    (``"agency"``, one agency with ``agency_id``), in the plan's order."""
    rows = TargetProgress.objects.filter(period=period).select_related(
        "target__statement__plan_area", "agency", "period"
    )
    if scope == "agency":
        rows = rows.filter(scope__startswith="agency:")
        if agency_id is not None:
            rows = rows.filter(agency_id=agency_id)
    else:
        rows = rows.filter(scope="province")
    return rows.order_by("target__statement__position", "target__position", vietnamese("agency__name"), "pk")


def period_tasks(period: ReportingPeriod) -> QuerySet:
    return (
        TaskProgress.objects.filter(period=period)
        .select_related("task__plan_area")
        .order_by("task__position", "pk")
    )


def period_compliance(period: ReportingPeriod) -> QuerySet:
    return (
        AgencyProgress.objects.filter(period=period)
        .select_related("agency")
        .order_by(vietnamese("agency__name"), "pk")
    )


def issued_reports(province: Agency, *, plan_id: int | None = None) -> QuerySet:
    """Issued report documents of the province's plans (never a draft)."""
    reports = Report.objects.filter(
        period__plan__in=province_plans(province), state=Report.State.ISSUED
    ).select_related("period__plan", "agency")
    if plan_id is not None:
        reports = reports.filter(period__plan_id=plan_id)
    return reports.order_by("-issued_on", "-pk")


def issued_report(province: Agency, report_id: int) -> Report | None:
    return issued_reports(province).filter(pk=report_id).first()


def published_par_results(province: Agency) -> QuerySet:
    """The issued decisions (Quyết định công bố) of the province's PAR-index rounds: their
    frozen ranking. A round not published yet is not there."""
    return (
        Publication.objects.filter(round__province=province, state=Publication.State.ISSUED)
        .select_related("round")
        .order_by("-round__year", "-pk")
    )


# --- judgements (the stored status: on schedule before the year period, the verdict at it) ----------


def figure_judgement(row: TargetProgress) -> str:
    """The word a figure is judged with: the stored status ("đúng tiến độ", "có nguy cơ",
    "chậm", "chưa có số liệu" before the year period; "đạt", "không đạt", "chưa đủ căn cứ" at it;
    "không phát sinh")."""
    return str(Status(row.status).label) if row.status in Status.values else row.status


def figure_is_final(row: TargetProgress) -> bool:
    """Whether the judgement is the final verdict (the year period: đạt / không đạt / chưa đủ căn
    cứ, nothing in between)."""
    return row.period.kind == ReportingPeriod.Kind.YEAR


@dataclass(frozen=True)
class Coverage:
    reported: int
    expected: int

    @property
    def label(self) -> str:
        return f"{self.reported}/{self.expected} cơ quan"


def figure_coverage(row: TargetProgress) -> Coverage:
    """How many of the expected agencies the figure stands on ("10/18 cơ quan")."""
    return Coverage(row.reported, row.reported + row.missing)


def task_status_label(status: str) -> str:
    return str(TaskStatus.LABELS.get(status, status))
