"""Year close (chốt năm, DOMAIN.md "Year close"): the plan's final verdicts computed and frozen,
automatically after 31/12 (``years_close_due``, the daily beat job) or when the reviewer closes
the plan year (``year_close``); reopening is the reviewer's act with a reason (``year_reopen``),
recorded with the close it ends. Also the per-plan list of administrative levels that do not
apply (``plan_levels_not_applicable_set``), which the per-level verdicts read.

What is frozen, from the final period (``plans.rules.is_final_period``: the year period)
recomputed at the close:

- each target, for the province and for each agency that reports it: đạt / không đạt / chưa đủ
  căn cứ (``targets.progress.final_verdict``), the figure as printed, the reason, the coverage;
- each task, and each of its lead agencies on its own reports: hoàn thành đúng hạn / hoàn thành
  quá hạn / không hoàn thành (``plans.rules.task_verdict``, ``recurring_task_verdict``,
  ``parent_task_verdict``), from the latest approved update of any period (a task finished after
  the year period's cut-off, before the close, counts with its date)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import AdministrativeLevel
from cchc import clock
from cchc.history import history_attribute
from plans.models import Plan, ReportingPeriod, Task, YearClose
from plans.rules import (
    TaskVerdict as Outcome,
)
from plans.rules import (
    is_final_period,
    parent_task_verdict,
    recurring_task_verdict,
    task_due,
    task_verdict,
)
from targets.models import Target
from targets.progress import final_verdict
from targets.rules import format_figure

from ..jobs import recompute_request
from ..models import (
    ReviewStatus,
    TargetProgress,
    TargetVerdict,
    TaskProgress,
    TaskUpdate,
    TaskVerdict,
)
from ..progress import period_progress_compute
from ..rules import TaskReport, latest_task_reports, recurring_judgement, task_judgement


class YearCloseError(Exception):
    """The year cannot be closed or reopened; ``message`` says why, in Vietnamese."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def close_in_force(plan_id: int) -> YearClose | None:
    return YearClose.objects.filter(plan_id=plan_id, reopened_at__isnull=True).first()


def final_period(plan: Plan) -> ReportingPeriod | None:
    periods = list(plan.periods.order_by("position"))
    return next((p for p in periods if is_final_period(p, periods)), None)


@transaction.atomic
def year_close(
    *, plan: Plan, user=None, reason: str, automatic: bool = False, is_demo: bool = False
) -> YearClose:
    """Close the plan's year: recompute its final period, then freeze every target's and task's
    verdict. Refused while a close is in force, without a reason, or without periods."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)  # two closes at once: one waits
    reason = (reason or "").strip()
    if not reason:
        raise YearCloseError(_("Ghi lý do chốt năm."))
    if close_in_force(plan.pk) is not None:
        raise YearCloseError(_("Năm kế hoạch đã được chốt; mở lại trước khi chốt lại."))
    period = final_period(plan)
    if period is None:
        raise YearCloseError(_("Kế hoạch chưa có kỳ báo cáo nào để chốt."))
    period_progress_compute(period_id=period.pk)  # the verdicts of what is approved now
    close = YearClose(
        plan=plan,
        closed_at=timezone.now(),
        closed_by=user,
        automatic=automatic,
        reason=reason,
        is_demo=is_demo,
    )
    history_attribute(close, user=user, reason=reason)
    close.save()
    TargetVerdict.objects.bulk_create(_target_verdicts(close, period), batch_size=2000)
    TaskVerdict.objects.bulk_create(_task_verdicts(close, plan, period), batch_size=2000)
    return close


@transaction.atomic
def year_reopen(*, plan: Plan, user, reason: str) -> YearClose:
    """Reopen a closed year, with a reason: the close in force is marked reopened (its frozen
    verdicts are kept with it), and the year can be closed again later."""
    Plan.objects.select_for_update().get(pk=plan.pk)
    reason = (reason or "").strip()
    if not reason:
        raise YearCloseError(_("Ghi lý do mở lại năm kế hoạch."))
    close = close_in_force(plan.pk)
    if close is None:
        raise YearCloseError(_("Năm kế hoạch chưa được chốt."))
    close.reopened_at, close.reopened_by, close.reopen_reason = timezone.now(), user, reason
    history_attribute(close, user=user, reason=reason)
    close.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    return close


AUTOMATIC_REASON = "Tự động chốt năm sau ngày 31/12/%(year)s."


def years_close_due(*, today: date | None = None) -> list[YearClose]:
    """The daily job: close the year of every annual plan in force whose year has ended (today
    after 31/12) and that was never closed. A year the reviewer reopened is not closed again
    by the job: the reviewer closes it."""
    today = today or clock.today()
    plans = (
        Plan.objects.exclude(status=Plan.Status.DRAFT)
        .filter(
            Q(end_year__isnull=True) | Q(end_year=F("year")), year__lt=today.year, year_closes__isnull=True
        )
        .order_by("year", "pk")
    )
    closed = []
    for plan in plans:
        try:
            closed.append(
                year_close(
                    plan=plan, user=None, reason=AUTOMATIC_REASON % {"year": plan.year}, automatic=True
                )
            )
        except YearCloseError:
            continue  # no periods, or closed meanwhile
    return closed


@transaction.atomic
def plan_levels_not_applicable_set(
    *, plan: Plan, levels, user, reason: str = ""
) -> list[AdministrativeLevel]:
    """The reviewer marks the administrative levels that do not apply to the plan (no cấp huyện
    after 1/7/2025): a per-level target does not wait for them. Recorded in the plan's history,
    and its figures recomputed once committed."""
    chosen = list(levels)
    history_attribute(plan, user=user, reason=reason or _("Đánh dấu cấp hành chính không áp dụng"))
    plan.levels_not_applicable.set(chosen)
    first = ReportingPeriod.objects.filter(plan=plan).order_by("position").first()
    if first is not None:
        recompute_request(first.pk)
    return chosen


# --- the verdicts -------------------------------------------------------------------------------


def _target_verdicts(close: YearClose, period: ReportingPeriod) -> list[TargetVerdict]:
    targets = {
        t.pk: t
        for t in Target.objects.filter(statement__plan_id=close.plan_id).prefetch_related("level_thresholds")
    }
    verdicts = []
    for row in TargetProgress.objects.filter(period=period).exclude(scope__startswith="level:"):
        target = targets.get(row.target_id)
        if target is None:
            continue
        verdict, reason = final_verdict(row.status, row.reason)
        assigned = row.reported + row.missing - row.not_applicable
        done = None
        if row.progress is not None and assigned > 1:
            done = int(round(row.progress * assigned))
        verdicts.append(
            TargetVerdict(
                year_close=close,
                target=target,
                agency_id=row.agency_id,
                verdict=verdict,
                value=row.value,
                progress=row.progress,
                figure=format_figure(
                    target.as_spec(levels=None),
                    row.value,
                    met=row.met if row.progress is not None else None,
                    done=done,
                    assigned=assigned,
                )[:120],
                reason=reason[:255],
                reported=row.reported,
                expected=row.reported + row.missing,
                stretch=target.stretch,
            )
        )
    return verdicts


def _task_reports(plan: Plan, period: ReportingPeriod):
    """The latest approved update of each task and agency over the whole year (no "không phát
    sinh"), and the final period's own (recurring tasks)."""
    positions = dict(plan.periods.values_list("pk", "position"))
    reports, final = [], {}
    for task_id, agency_id, period_id, progress, percent, completed_on, na in TaskUpdate.objects.filter(
        submission__period__plan=plan, review_status=ReviewStatus.APPROVED
    ).values_list(
        "task_id",
        "submission__agency_id",
        "submission__period_id",
        "progress",
        "percent",
        "completed_on",
        "not_applicable",
    ):
        report = TaskReport(positions[period_id], progress, percent, completed_on, not_applicable=na)
        if not na:
            reports.append(((task_id, agency_id), report))
        if period_id == period.pk:
            final[(task_id, agency_id)] = report
    return latest_task_reports(reports), final


def _task_verdicts(close: YearClose, plan: Plan, period: ReportingPeriod) -> list[TaskVerdict]:
    latest, final = _task_reports(plan, period)
    tasks = list(Task.objects.filter(plan=plan).prefetch_related("lead_agencies").order_by("position"))
    children: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        if task.parent_id:
            children[task.parent_id].append(task)
    year_status = dict(TaskProgress.objects.filter(period=period).values_list("task_id", "status"))
    leads_of = {t.pk: [a.pk for a in t.lead_agencies.all()] for t in tasks}
    judged: dict[int, TaskVerdict] = {}
    as_of = period.window_end

    def due_of(task: Task) -> date:
        return task_due(due_date=task.due_date, extended_due_date=task.extended_due_date, plan_year=plan.year)

    def verdict_of(task: Task) -> TaskVerdict:
        if task.pk in judged:
            return judged[task.pk]
        due = due_of(task)
        subs = [verdict_of(sub) for sub in children.get(task.pk, [])]
        completed_on = None
        if subs:
            finished = [v.completed_on for v in subs if v.verdict in Outcome.DONE and v.completed_on]
            completed_on = max(finished) if finished and len(finished) == len(subs) else None
            outcome = parent_task_verdict([v.verdict for v in subs], due=due, completed_on=completed_on)
        elif task.recurring:
            outcome = recurring_task_verdict(year_status.get(task.pk))
        else:
            leads = leads_of[task.pk]
            reports = [latest[(task.pk, a)] for a in leads if (task.pk, a) in latest]
            completed_on, _started, _done = task_judgement(reports, len(leads), as_of)
            outcome = task_verdict(due=due, completed_on=completed_on)
        judged[task.pk] = TaskVerdict(
            year_close=close,
            task=task,
            verdict=outcome,
            due=due,
            completed_on=completed_on if outcome in Outcome.DONE else None,
            reason=_task_reason(outcome, due, completed_on if outcome in Outcome.DONE else None, task)[:255],
        )
        return judged[task.pk]

    rows = [verdict_of(task) for task in tasks]
    for task in tasks:
        parent_leads = set(leads_of.get(task.parent_id, [])) if task.parent_id else set()
        for agency_id in leads_of[task.pk]:
            if agency_id in parent_leads:
                continue  # counted once, through the parent
            rows.append(
                _agency_verdict(close, task, agency_id, judged, children, latest, final, due_of(task), as_of)
            )
    return rows


def _agency_verdict(close, task, agency_id, judged, children, latest, final, due, as_of) -> TaskVerdict:
    """One lead agency's verdict on a task, on its own reports (a parent: as its sub-items
    ended)."""
    key = (task.pk, agency_id)
    completed_on = None
    if children.get(task.pk):
        outcome, completed_on = judged[task.pk].verdict, judged[task.pk].completed_on
    elif task.recurring:
        own = [final[key]] if key in final else []
        status = recurring_judgement(own, 1)
        outcome = recurring_task_verdict(status)
    else:
        own = [latest[key]] if key in latest else []
        completed_on, _started, _done = task_judgement(own, 1, as_of)
        outcome = task_verdict(due=due, completed_on=completed_on)
    done_on = completed_on if outcome in Outcome.DONE else None
    return TaskVerdict(
        year_close=close,
        task=task,
        agency_id=agency_id,
        verdict=outcome,
        due=due,
        completed_on=done_on,
        reason=_task_reason(outcome, due, done_on, task)[:255],
    )


def _task_reason(outcome: str, due: date, completed_on: date | None, task: Task) -> str:
    if task.recurring:
        if outcome == Outcome.DONE_ON_TIME:
            return _("Nhiệm vụ thường xuyên: đã thực hiện trong kỳ báo cáo năm.")
        return _("Nhiệm vụ thường xuyên: kỳ báo cáo năm không ghi nhận đã thực hiện.")
    if completed_on is None:
        return _("Chưa hoàn thành khi chốt năm (hạn %(due)s).") % {"due": f"{due:%d/%m/%Y}"}
    if outcome == Outcome.DONE_LATE:
        return _("Hoàn thành ngày %(done)s, sau hạn %(due)s.") % {
            "done": f"{completed_on:%d/%m/%Y}",
            "due": f"{due:%d/%m/%Y}",
        }
    return _("Hoàn thành ngày %(done)s (hạn %(due)s).") % {
        "done": f"{completed_on:%d/%m/%Y}",
        "due": f"{due:%d/%m/%Y}",
    }
