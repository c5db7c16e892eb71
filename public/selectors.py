"""Reads of the public CCHC page: only plans the Sở Nội vụ opened (``Plan.is_public``), only
stored figures (computed from approved lines), only issued documents, and no person's name."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db.models import Max, QuerySet

from agencies.access import province_of
from plans.models import Plan, PlanArea, ReportingPeriod
from reporting.models import ProgressRun, RollupProgress, TargetProgress
from reports.models import Report
from scoring.models import Publication
from targets.models import Target
from targets.progress import Status
from targets.selectors import with_level_thresholds


def public_plans() -> QuerySet[Plan]:
    return Plan.objects.filter(is_public=True).exclude(status=Plan.Status.DRAFT).select_related("issuer")


def public_plan(pk: int) -> Plan | None:
    return public_plans().filter(pk=pk).first()


def page_version(plan: Plan) -> str:
    """What the page is made of changes only when the plan, its stored figures, its issued
    reports or the province's published PAR-index change: the ETag. Three queries."""
    computed = ProgressRun.objects.filter(period__plan=plan).aggregate(at=Max("computed_at"))["at"]
    issued = Report.objects.filter(period__plan=plan, state=Report.State.ISSUED).aggregate(
        at=Max("issued_at"), n=Max("pk")
    )
    published = Publication.objects.filter(
        round__province=province_of(plan.issuer), state=Publication.State.ISSUED
    ).aggregate(n=Max("pk"))["n"]
    parts = [plan.pk, plan.updated_at, plan.is_public, computed, issued["at"], issued["n"], published]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def judgement(row: TargetProgress | None) -> str:
    """The verdict shown beside a figure: its stored status (on schedule before the year period,
    the final verdict at it)."""
    if row is None:
        return str(Status.NO_DATA.label)
    return str(Status(row.status).label) if row.status in Status.values else row.status


@dataclass
class TargetLine:
    target: Target
    figure: TargetProgress | None  # the latest period's province figure with data
    period: ReportingPeriod | None

    @property
    def verdict(self) -> str:
        return judgement(self.figure)


@dataclass
class AreaBlock:
    area: PlanArea | None
    targets: list[TargetLine] = field(default_factory=list)


@dataclass
class PublicPage:
    plan: Plan
    blocks: list[AreaBlock]
    period: ReportingPeriod | None  # the latest period with stored figures
    tasks: RollupProgress | None
    reports: list[Report]
    ranking: Publication | None


def plan_page(plan: Plan) -> PublicPage:
    """The plan, its areas, each target with its latest approved province figure and verdict,
    the tasks' counts at the latest computed period, the issued province reports, the
    province's latest published PAR-index ranking. A fixed number of queries."""
    areas = list(plan.areas.select_related("area").order_by("position"))
    targets = list(
        Target.objects.filter(statement__plan=plan)
        .select_related("statement")
        .prefetch_related(with_level_thresholds())
        .order_by("statement__position", "position")
    )
    rows = (
        TargetProgress.objects.filter(period__plan=plan, scope="province")
        .exclude(status=Status.NO_DATA)
        .select_related("period", "target")
        .order_by("period__position")
    )
    latest: dict[int, TargetProgress] = {}
    for row in rows:
        latest[row.target_id] = row  # later periods win
    blocks = {a.pk: AreaBlock(a) for a in areas}
    general = AreaBlock(None)
    for target in targets:
        figure = latest.get(target.pk)
        line = TargetLine(target, figure, figure.period if figure else None)
        area_id = target.statement.plan_area_id
        (blocks.get(area_id, general) if area_id is not None else general).targets.append(line)
    computed = (
        ReportingPeriod.objects.filter(plan=plan, progress_run__isnull=False).order_by("-position").first()
    )
    tasks = RollupProgress.objects.filter(period=computed, scope="plan").first() if computed else None
    reports = list(
        Report.objects.filter(period__plan=plan, agency__isnull=True, state=Report.State.ISSUED)
        .exclude(file="")
        .select_related("period")
        .order_by("period__position", "-version")
    )
    ranking = (
        Publication.objects.filter(round__province=province_of(plan.issuer), state=Publication.State.ISSUED)
        .filter(round__year__lte=plan.year)
        .select_related("round")
        .order_by("-round__year", "-pk")
        .first()
    )
    return PublicPage(
        plan,
        [b for b in blocks.values() if b.targets] + ([general] if general.targets else []),
        computed,
        tasks,
        reports,
        ranking,
    )


def public_report(report_id: int) -> Report | None:
    """An issued province report of a public plan, with its file."""
    return (
        Report.objects.filter(
            pk=report_id,
            agency__isnull=True,
            state=Report.State.ISSUED,
            period__plan__in=public_plans(),
        )
        .exclude(file="")
        .select_related("period")
        .first()
    )
