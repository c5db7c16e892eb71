"""Every read the scoring makes of the reporting cycle (plans, periods, tasks, targets,
submissions, stored progress), in one module, returning plain data. No other module of the app
imports the models of ``plans``, ``targets`` or ``reports`` (``models.py`` names two of them by
string for its foreign keys): when the reporting cycle moves, only this file follows it.

The measures a leaf can be bound to are here too, one function each (``MEASURES``). The year's
score reads the year's frozen verdicts once the plan year is closed ("chốt năm", DOMAIN.md "Year
close": ``reporting.selectors.verdicts``): tasks hoàn thành đúng hạn / quá hạn / không hoàn
thành, reports sent on time by their first sending, targets đạt / không đạt / chưa đủ căn cứ.
Before the close (a projection, or the year period while the year is open) they read the stored
progress of the period with the same rules. Each takes every unit at once (a fixed number of
queries per measure, whatever the number of units) and returns, per unit, the value the leaf's
rule scores, the figures and the records behind it with links to their pages, or no value and why.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plans.models import Plan, ReformArea, ReportingPeriod, Task
from plans.rules import TaskStatus
from plans.rules import TaskVerdict as TaskOutcome

# the evidence checks of the reporting cycle, reused for the scoring's files (type by content,
# size, sanitised names), re-exported so that only this module names where they live
from reporting.evidence import CONTENT_TYPES, check_upload, safe_name, sha256_of  # noqa: F401
from reporting.models import AgencyProgress, ProgressRun, Submission, TargetProgress, TaskProgress
from reporting.rules import first_sending, sent_on_time
from reporting.selectors.verdicts import AgencyYear, YearResults, plan_verdicts
from targets.models import Target
from targets.progress import Status as TargetStatus
from targets.rules import format_number

from .rules import HUNDRED, percent_label

# --- plain data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodRef:
    id: int
    kind: str
    position: int
    title: str
    window_end: date
    deadline: date


@dataclass(frozen=True)
class PlanRef:
    """The province's annual CCHC plan of the scored year."""

    id: int
    code: str
    title: str
    year: int
    issue_date: date | None
    periods: tuple[PeriodRef, ...]
    signer: tuple[str, str, str] = ("", "", "")  # authority lines, title, name as it printed

    def period(self, kind: str) -> PeriodRef | None:
        return next((p for p in self.periods if p.kind == kind), None)

    @property
    def year_period(self) -> PeriodRef | None:
        return self.period(ReportingPeriod.Kind.YEAR)

    def ended_by(self, day: date) -> PeriodRef | None:
        """The latest period whose data window had ended on ``day`` (a projection's figures)."""
        ended = [p for p in self.periods if p.window_end <= day]
        return max(ended, key=lambda p: p.position) if ended else None


@dataclass(frozen=True)
class Record:
    """A record behind a figure: what it is, its state, and the page that shows it."""

    label: str
    status: str = ""
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class MeasureResult:
    """What a measure found for one unit: the value its leaf's rule scores (None: no data, and
    ``reason`` says why), the figures in words and the records behind them."""

    value: object
    figures: tuple[tuple[str, str], ...] = ()
    records: tuple[Record, ...] = ()
    reason: str = ""
    period: str = ""

    def as_json(self) -> dict:
        value = self.value
        if isinstance(value, Decimal):
            value = str(value)
        return {
            "value": value,
            "figures": [list(f) for f in self.figures],
            "records": [asdict(r) for r in self.records],
            "reason": self.reason,
            "period": self.period,
        }


@dataclass(frozen=True)
class Measure:
    code: str
    label: str
    value_kind: str  # "tier" (a key of a tiered rule) or "percent"
    compute: Callable = field(repr=False)
    params_help: str = ""
    reads_verdicts: bool = False  # reads the year's frozen verdicts once the year is closed


# --- plans and periods ----------------------------------------------------------------------------


def _period_ref(period: ReportingPeriod) -> PeriodRef:
    return PeriodRef(
        period.pk, period.kind, period.position, period.title, period.window_end, period.deadline
    )


def year_plan(province_id: int, year: int) -> PlanRef | None:
    """The annual plan the province's UBND issued for ``year`` (one in force first), with its
    periods; None when there is none."""
    plan = (
        Plan.objects.filter(issuer_id=province_id, year=year)
        .filter(Q(end_year__isnull=True) | Q(end_year=year))
        .exclude(status=Plan.Status.DRAFT)
        .order_by("status", "pk")
        .prefetch_related("periods")
        .first()
    )
    if plan is None:
        return None
    periods = tuple(_period_ref(p) for p in sorted(plan.periods.all(), key=lambda p: p.position))
    return PlanRef(
        plan.pk,
        plan.code,
        plan.title,
        plan.year,
        plan.issue_date,
        periods,
        (plan.signer_authority, plan.signer_title, plan.signer_name),
    )


def progress_updated_at(plan_id: int) -> datetime | None:
    """When the plan's stored progress was last recomputed (any period): newer than a round's
    last scoring means the bound leaves may have changed."""
    return ProgressRun.objects.filter(period__plan_id=plan_id).aggregate(last=Max("computed_at"))["last"]


def plans_updated_since(plan_ids: Iterable[int], since: dict[int, datetime | None]) -> set[int]:
    """Of ``plan_ids``, those whose stored progress changed after ``since[plan_id]`` (one
    query)."""
    latest = dict(
        ProgressRun.objects.filter(period__plan_id__in=list(plan_ids))
        .values("period__plan_id")
        .annotate(last=Max("computed_at"))
        .values_list("period__plan_id", "last")
    )
    return {
        pid
        for pid, last in latest.items()
        if last is not None and (since.get(pid) is None or last > since[pid])
    }


def rate_targets(plan_id: int) -> list[tuple[str, str]]:
    """(code, text) of the plan's rate targets (what ``target_figure`` can read)."""
    return list(
        Target.objects.filter(statement__plan_id=plan_id, measure="rate")
        .order_by("statement__position", "position")
        .values_list("code", "text")
    )


def reform_area_ids() -> dict[str, int]:
    """The standard reform areas (``plans.ReformArea``) by code, for the lĩnh vực of a set."""
    return dict(ReformArea.objects.values_list("code", "pk"))


def reform_areas() -> list[tuple[int, str, str]]:
    """(id, number, short name) of the standard reform areas, in order."""
    return [
        (pk, str(number), name)
        for pk, number, name in ReformArea.objects.order_by("number").values_list(
            "pk", "number", "short_name"
        )
    ]


# --- links to the reporting cycle's pages ----------------------------------------------------------


def _task_url(task_id: int) -> str:
    return reverse("reporting:task_detail", kwargs={"pk": task_id})


def _plan_url(plan_id: int) -> str:
    return reverse("targets:plan_detail", kwargs={"pk": plan_id})


def _entry_url(period_id: int, agency_id: int) -> str:
    return reverse("reporting:submission_entry", kwargs={"period_id": period_id, "agency_id": agency_id})


def _explain_url(period_id: int, target_id: int, agency_id: int) -> str:
    """The explanation page of a unit's stored figure (the approved lines and the formula)."""
    return (
        reverse("reports:target_explain", kwargs={"period_id": period_id, "target_id": target_id})
        + f"?pham-vi=agency:{agency_id}"
    )


def _share(part: int, whole: int) -> Decimal:
    return (Decimal(part) / Decimal(whole) * HUNDRED).quantize(Decimal("0.01"))


def _no_period(unit_ids) -> dict[int, MeasureResult]:
    reason = gettext("Chưa có kỳ báo cáo nào kết thúc: chưa có số liệu.")
    return {u: MeasureResult(None, reason=reason) for u in unit_ids}


#: a measure called on its own looks the year's verdicts up; ``measures_compute`` reads them once
LOOK_UP = object()


def _frozen(plan: PlanRef, period: PeriodRef | None, frozen: object = LOOK_UP) -> YearResults | None:
    """The year's frozen verdicts when the score is the year's (the year period) and the plan
    year is closed (and not reopened); None otherwise: the measure reads the stored progress."""
    if period is None or period.kind != ReportingPeriod.Kind.YEAR:
        return None
    if frozen is not LOOK_UP:
        return frozen  # type: ignore[return-value]
    return plan_verdicts(plan.id)


def _closed_label(frozen: YearResults) -> str:
    return gettext("Kết quả cả năm (chốt ngày %(day)s)") % {
        "day": f"{timezone.localtime(frozen.close.closed_at):%d/%m/%Y}"
    }


def _computed_periods(period_ids: Iterable[int]) -> set[int]:
    return set(ProgressRun.objects.filter(period_id__in=list(period_ids)).values_list("period_id", flat=True))


# --- the measures -----------------------------------------------------------------------------------


def plan_issued_on_time(
    plan: PlanRef, unit_ids: list[int], params: dict, period: PeriodRef | None, frozen: object = LOOK_UP
) -> dict[int, MeasureResult]:
    """The unit's own annual CCHC plan issued on time: "dung_han" (on or before the deadline),
    "muon" (after it), for a tiered rule. The deadline is ``params["deadline"]`` (YYYY-MM-DD), else
    ``days_after_province_plan`` days (15) after the province plan's issue date, else 31 January
    of the year. A unit whose plan is not in the system has no value (never "không ban hành" for
    want of a record): it scores the leaf itself with the plan attached.

    The year's close does not change this: it reads the unit's plan and its issue date."""
    deadline = _plan_deadline(plan, params)
    plans = (
        Plan.objects.filter(issuer_id__in=unit_ids, year=plan.year)
        .filter(Q(end_year__isnull=True) | Q(end_year=plan.year))
        .order_by("issue_date", "pk")
        .values("pk", "issuer_id", "title", "number", "issue_date")
    )
    first: dict[int, dict] = {}
    for row in plans:
        first.setdefault(row["issuer_id"], row)
    results = {}
    figures_deadline = (gettext("Hạn ban hành"), f"{deadline:%d/%m/%Y}")
    for unit_id in unit_ids:
        row = first.get(unit_id)
        if row is None:
            results[unit_id] = MeasureResult(
                None,
                (figures_deadline,),
                reason=gettext(
                    "Chưa có kế hoạch CCHC năm %(year)s của đơn vị trong hệ thống: đơn vị tự chấm, "
                    "kèm văn bản."
                )
                % {"year": plan.year},
            )
            continue
        record = Record(
            f"{row['number'] or ''} {row['title']}".strip(),
            f"{row['issue_date']:%d/%m/%Y}" if row["issue_date"] else "",
            _plan_url(row["pk"]),
        )
        if row["issue_date"] is None:
            results[unit_id] = MeasureResult(
                None, (figures_deadline,), (record,), gettext("Kế hoạch của đơn vị chưa ghi ngày ban hành.")
            )
            continue
        on_time = row["issue_date"] <= deadline
        results[unit_id] = MeasureResult(
            "dung_han" if on_time else "muon",
            (figures_deadline, (gettext("Ngày ban hành"), f"{row['issue_date']:%d/%m/%Y}")),
            (record,),
        )
    return results


def _plan_deadline(plan: PlanRef, params: dict) -> date:
    if params.get("deadline"):
        return date.fromisoformat(str(params["deadline"]))
    if plan.issue_date is not None:
        return plan.issue_date + timedelta(days=int(params.get("days_after_province_plan", 15)))
    return date(plan.year, 1, 31)


def tasks_on_time_share(
    plan: PlanRef, unit_ids: list[int], params: dict, period: PeriodRef | None, frozen: object = LOOK_UP
) -> dict[int, MeasureResult]:
    """The share (%) of the tasks the unit leads that it completed on time. Once the year is
    closed: "hoàn thành đúng hạn" over the tasks it leads, by the frozen verdict of each on its own
    reports (a sub-item counted once, through its parent). Before: as the stored progress of
    ``period`` judges the unit's own reports (``AgencyProgress``). The records are the tasks it
    leads with their verdict or their status in the period. No task led: no value."""
    if period is None:
        return _no_period(unit_ids)
    frozen = _frozen(plan, period, frozen)
    if frozen is not None:
        return {u: _tasks_frozen(frozen, frozen.agencies.get(u)) for u in unit_ids}
    computed = period.id in _computed_periods([period.id])
    rows = {
        a["agency_id"]: a
        for a in AgencyProgress.objects.filter(period_id=period.id, agency_id__in=unit_ids).values(
            "agency_id", "tasks", "tasks_done_on_time", "tasks_overdue"
        )
    }
    led = defaultdict(list)
    for task_id, code, text, agency_id in (
        Task.lead_agencies.through.objects.filter(task__plan_id=plan.id, agency_id__in=unit_ids)
        .order_by("task__position")
        .values_list("task_id", "task__code", "task__text", "agency_id")
    ):
        led[agency_id].append((task_id, code, text))
    statuses = dict(TaskProgress.objects.filter(period_id=period.id).values_list("task_id", "status"))
    labels = dict(TaskStatus.LABELS)
    results = {}
    for unit_id in unit_ids:
        records = tuple(
            Record(f"{code} {text[:140]}", str(labels.get(statuses.get(tid), "")), _task_url(tid))
            for tid, code, text in led.get(unit_id, [])
        )
        row = rows.get(unit_id)
        if not computed:
            results[unit_id] = MeasureResult(
                None, records=records, period=period.title, reason=gettext("Chưa tính tiến độ của kỳ.")
            )
        elif not led.get(unit_id) or row is None or not row["tasks"]:
            results[unit_id] = MeasureResult(
                None,
                records=records,
                period=period.title,
                reason=gettext("Đơn vị không chủ trì nhiệm vụ nào của kế hoạch."),
            )
        else:
            share = _share(row["tasks_done_on_time"], row["tasks"])
            results[unit_id] = MeasureResult(
                share,
                (
                    (gettext("Hoàn thành đúng hạn"), f"{row['tasks_done_on_time']}/{row['tasks']}"),
                    (gettext("Quá hạn"), str(row["tasks_overdue"])),
                    (gettext("Tỷ lệ"), percent_label(share)),
                ),
                records,
                period=period.title,
            )
    return results


def _tasks_frozen(frozen: YearResults, year: AgencyYear | None) -> MeasureResult:
    labels = dict(TaskOutcome.LABELS)
    tasks = year.tasks if year is not None else []
    records = tuple(
        Record(f"{t.code} {t.text[:140]}", str(labels.get(t.verdict, "")), _task_url(t.task_id))
        for t in tasks
    )
    if not tasks:
        return MeasureResult(
            None,
            period=_closed_label(frozen),
            reason=gettext("Đơn vị không chủ trì nhiệm vụ nào của kế hoạch."),
        )
    counts = {v: sum(1 for t in tasks if t.verdict == v) for v in labels}
    share = _share(counts[TaskOutcome.DONE_ON_TIME], len(tasks))
    return MeasureResult(
        share,
        (
            (gettext("Hoàn thành đúng hạn"), f"{counts[TaskOutcome.DONE_ON_TIME]}/{len(tasks)}"),
            (gettext("Hoàn thành quá hạn"), str(counts[TaskOutcome.DONE_LATE])),
            (gettext("Không hoàn thành"), str(counts[TaskOutcome.NOT_DONE])),
            (gettext("Tỷ lệ"), percent_label(share)),
        ),
        records,
        period=_closed_label(frozen),
    )


def reports_on_time_share(
    plan: PlanRef, unit_ids: list[int], params: dict, period: PeriodRef | None, frozen: object = LOOK_UP
) -> dict[int, MeasureResult]:
    """The share (%) of the periodic reports (Quý I, 6 tháng, Quý III, Năm: those ended by
    ``period``) the unit sent on time: by its FIRST sending, on or before the deadline (local
    date), as ``reporting.rules.sent_on_time`` decides (a return and a resend keep a report on
    time). Once the year is closed, a sending after the close does not count. A yes/no rule gives
    its points only at 100% ("tất cả báo cáo được gửi đúng thời gian")."""
    if period is None:
        return _no_period(unit_ids)
    frozen = _frozen(plan, period, frozen)
    periods = [p for p in plan.periods if p.position <= period.position]
    sent = {
        (s["agency_id"], s["period_id"]): first_sending(s["status"], s["first_submitted_at"])
        for s in Submission.objects.filter(
            period_id__in=[p.id for p in periods], agency_id__in=unit_ids, first_submitted_at__isnull=False
        ).values("agency_id", "period_id", "status", "first_submitted_at")
    }
    if frozen is not None:
        sent = {
            key: first for key, first in sent.items() if first is not None and first <= frozen.close.closed_at
        }
    results = {}
    for unit_id in unit_ids:
        on_time, records = 0, []
        for p in periods:
            first = sent.get((unit_id, p.id))
            when = timezone.localdate(first) if first is not None else None
            ok = bool(sent_on_time(first, p.deadline))
            on_time += ok
            status = (
                gettext("Chưa gửi")
                if when is None
                else gettext("Gửi ngày %(day)s, đúng hạn") % {"day": f"{when:%d/%m/%Y}"}
                if ok
                else gettext("Gửi ngày %(day)s, muộn") % {"day": f"{when:%d/%m/%Y}"}
            )
            records.append(
                Record(
                    p.title,
                    status,
                    _entry_url(p.id, unit_id),
                    gettext("Hạn %(day)s") % {"day": f"{p.deadline:%d/%m/%Y}"},
                )
            )
        share = _share(on_time, len(periods))
        results[unit_id] = MeasureResult(
            share,
            (
                (gettext("Gửi đúng hạn"), f"{on_time}/{len(periods)}"),
                (gettext("Tỷ lệ"), percent_label(share)),
            ),
            tuple(records),
            period=period.title,
        )
    return results


def targets_met_share(
    plan: PlanRef, unit_ids: list[int], params: dict, period: PeriodRef | None, frozen: object = LOOK_UP
) -> dict[int, MeasureResult]:
    """The share (%) of the targets assigned to the unit that it met ("đạt"), over the targets
    that could be judged: stretch targets ("phấn đấu") are left out unless
    ``params["include_stretch"]``, and so are those that cannot be judged ("chưa đủ căn cứ": no
    approved figure, "không phát sinh", no baseline), as the league leaves them out (DOMAIN.md
    "Judgements"); the figures say how many. Once the year is closed: the frozen verdict of each
    of the unit's targets; before: as stored for ``period`` (scope "agency:<id>"). Nothing judged:
    no value, and the unit scores the leaf itself."""
    if period is None:
        return _no_period(unit_ids)
    include_stretch = bool(params.get("include_stretch"))
    frozen = _frozen(plan, period, frozen)
    if frozen is not None:
        return {
            u: _targets_frozen(frozen, frozen.agencies.get(u), include_stretch, period.id) for u in unit_ids
        }
    rows = TargetProgress.objects.filter(period_id=period.id, agency_id__in=unit_ids)
    if not include_stretch:
        rows = rows.filter(target__stretch=False)
    per_unit = defaultdict(list)
    for row in rows.order_by("target__statement__position", "target__position").values(
        "agency_id", "target_id", "target__code", "target__text", "met", "status", "value", "target__unit"
    ):
        per_unit[row["agency_id"]].append(row)
    status_labels = dict(TargetStatus.choices)
    results = {}
    for unit_id in unit_ids:
        items = per_unit.get(unit_id, [])
        records = tuple(
            Record(
                f"{r['target__code']} {r['target__text'][:140]}",
                str(status_labels.get(r["status"], r["status"])),
                _explain_url(period.id, r["target_id"], unit_id),
                _figure(r["value"], r["target__unit"]),
            )
            for r in items
        )
        judged = [r for r in items if r["status"] not in _NOT_JUDGED and r["met"] is not None]
        met = sum(1 for r in judged if r["met"])
        results[unit_id] = _targets_share(met, len(judged), len(items), records, period.title)
    return results


#: a target's state that says nothing of whether the unit met it
_NOT_JUDGED = (TargetStatus.NO_DATA, TargetStatus.NO_BASIS, TargetStatus.NOT_APPLICABLE)


def _targets_frozen(
    frozen: YearResults, year: AgencyYear | None, include_stretch: bool, period_id: int
) -> MeasureResult:
    labels = dict(TargetStatus.choices)
    items = [t for t in (year.targets if year is not None else []) if include_stretch or not t.stretch]
    records = tuple(
        Record(
            f"{t.code} {t.text[:140]}",
            str(labels.get(t.verdict, t.verdict)),
            _explain_url(period_id, t.target_id, year.agency_id) if year is not None else "",
            t.figure or t.reason,
        )
        for t in items
    )
    judged = [t for t in items if t.verdict != TargetStatus.NO_BASIS]
    met = sum(1 for t in judged if t.verdict == TargetStatus.MET)
    return _targets_share(met, len(judged), len(items), records, _closed_label(frozen))


def _targets_share(
    met: int, judged: int, assigned: int, records: tuple[Record, ...], period: str
) -> MeasureResult:
    if not assigned:
        return MeasureResult(
            None, reason=gettext("Đơn vị không được giao chỉ tiêu nào của kế hoạch."), period=period
        )
    if not judged:
        return MeasureResult(
            None,
            records=records,
            period=period,
            reason=gettext("Chưa có số liệu đã duyệt của đơn vị trong kỳ."),
        )
    share = _share(met, judged)
    return MeasureResult(
        share,
        (
            (gettext("Đạt"), f"{met}/{judged}"),
            (gettext("Chưa đủ căn cứ (không tính)"), str(assigned - judged)),
            (gettext("Tỷ lệ"), percent_label(share)),
        ),
        records,
        period=period,
    )


def _figure(value, unit: str) -> str:
    return "" if value is None else f"{format_number(value.quantize(Decimal('0.1')))}{unit}"


def target_figure(
    plan: PlanRef, unit_ids: list[int], params: dict, period: PeriodRef | None, frozen: object = LOOK_UP
) -> dict[int, MeasureResult]:
    """The unit's own figure of one rate target of the plan (``params["target"]``: its code as
    printed, e.g. "2.a.1", hồ sơ TTHC giải quyết đúng hạn), as stored for ``period``: a
    percentage for a bands or ratio rule.

    After the year's close too: the close freezes the verdict, not the figure, and a leaf scored
    on bands of the figure reads the figure approved for the year period."""
    if period is None:
        return _no_period(unit_ids)
    code = str(params.get("target", ""))
    target = Target.objects.filter(statement__plan_id=plan.id, code=code).values("pk", "text", "unit").first()
    if target is None:
        reason = gettext("Kế hoạch không có chỉ tiêu “%(code)s”.") % {"code": code}
        return {u: MeasureResult(None, reason=reason, period=period.title) for u in unit_ids}
    rows = {
        r["agency_id"]: r
        for r in TargetProgress.objects.filter(
            period_id=period.id, target_id=target["pk"], agency_id__in=unit_ids
        ).values("agency_id", "value", "numerator", "denominator", "status")
    }
    results = {}
    for unit_id in unit_ids:
        row = rows.get(unit_id)
        record = Record(
            f"{code} {target['text'][:140]}",
            _figure(row["value"], target["unit"]) if row else "",
            _explain_url(period.id, target["pk"], unit_id),
        )
        if row is None or row["value"] is None:
            results[unit_id] = MeasureResult(
                None,
                records=(record,),
                period=period.title,
                reason=gettext("Chưa có số liệu đã duyệt của đơn vị cho chỉ tiêu này."),
            )
            continue
        figures = [(gettext("Giá trị"), _figure(row["value"], target["unit"]))]
        if row["denominator"]:
            figures.append(
                (
                    gettext("Tử số / mẫu số"),
                    f"{format_number(row['numerator'])} / {format_number(row['denominator'])}",
                )
            )
        results[unit_id] = MeasureResult(
            row["value"].quantize(Decimal("0.01")), tuple(figures), (record,), period=period.title
        )
    return results


MEASURES: dict[str, Measure] = {
    m.code: m
    for m in (
        Measure(
            "plan_issued_on_time",
            _("Kế hoạch CCHC năm của đơn vị ban hành đúng hạn"),
            "tier",
            plan_issued_on_time,
            "deadline: YYYY-MM-DD | days_after_province_plan: 15",
        ),
        Measure(
            "tasks_on_time_share",
            _("Tỷ lệ nhiệm vụ được giao hoàn thành đúng hạn"),
            "percent",
            tasks_on_time_share,
            reads_verdicts=True,
        ),
        Measure(
            "reports_on_time_share",
            _("Tỷ lệ báo cáo định kỳ gửi đúng hạn"),
            "percent",
            reports_on_time_share,
            reads_verdicts=True,
        ),
        Measure(
            "targets_met_share",
            _("Tỷ lệ chỉ tiêu được giao đạt"),
            "percent",
            targets_met_share,
            "include_stretch: false",
            reads_verdicts=True,
        ),
        Measure(
            "target_figure",
            _("Số liệu của đơn vị cho một chỉ tiêu tỷ lệ của kế hoạch"),
            "percent",
            target_figure,
            "target: mã chỉ tiêu, ví dụ 2.a.1",
        ),
    )
}


def measures_compute(
    plan: PlanRef, period: PeriodRef | None, unit_ids: list[int], bindings: Iterable[tuple[str, dict]]
) -> dict[tuple[str, str], dict]:
    """Every binding (measure code, params) for every unit: {(code, params key): {unit id:
    MeasureResult}}. Each distinct binding is computed once for all units."""
    out: dict[tuple[str, str], dict] = {}
    frozen: object = LOOK_UP
    for code, params in bindings:
        key = binding_key(code, params)
        if key in out or code not in MEASURES:
            continue
        if frozen is LOOK_UP and MEASURES[code].reads_verdicts:
            frozen = _frozen(plan, period)
        out[key] = MEASURES[code].compute(plan, unit_ids, params or {}, period, frozen)
    return out


def binding_key(code: str, params: dict) -> tuple[str, str]:
    return (code, json.dumps(params or {}, sort_keys=True))
