"""The entry page's reads written as SQL (reporting/reads.py) give what the ORM queries they
replace give: for every period of the seeded plans and every agency with lines in it, whole or
limited to plan areas (an area coordinator's view), the same targets and tasks in the same order,
with the same values, related objects and thresholds, and nothing read again afterwards. Run
on SQLite too, by tests/reports/test_reads.py's last test."""

import pytest
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency
from plans.models import PlanArea, ReportingPeriod, Task
from reporting import reads
from reporting.selectors.entry import entry_sheet
from targets.models import Target, TargetStatement
from targets.selectors import plan_target_assignments, with_level_thresholds
from tests.reports.test_reads import fields

pytestmark = pytest.mark.django_db


def _orm_targets(target_ids, area_ids):
    rows = Target.objects.filter(pk__in=target_ids)
    if area_ids is not None:
        rows = rows.filter(statement__plan_area_id__in=area_ids)
    return list(
        rows.select_related("statement__plan_area__area")
        .prefetch_related(with_level_thresholds())
        .order_by("statement__position", "position")
    )


def _orm_tasks(plan, agency, area_ids):
    rows = Task.objects.filter(plan=plan)
    if area_ids is not None:
        rows = rows.filter(plan_area_id__in=area_ids)
    leads = Task.lead_agencies.through.objects.filter(task_id=OuterRef("pk"), agency_id=agency.pk)
    return list(
        rows.filter(Q(lead_agencies=agency) | Q(cooperating_agencies=agency))
        .select_related("plan_area__area")
        .annotate(agency_leads=Exists(leads))
        .distinct()
        .order_by("position")
    )


def _target_view(target) -> tuple:
    """A target as the entry page reads it: its values, statement, plan area, reform area and
    thresholds with their levels."""
    statement = target.statement
    plan_area = statement.plan_area
    return (
        fields(target),
        fields(statement),
        fields(plan_area) if plan_area else None,
        fields(plan_area.area) if plan_area else None,
        [(fields(t), fields(t.level)) for t in target.level_thresholds.all()],
    )


def _task_view(task, leads) -> tuple:
    return fields(task), fields(task.plan_area), fields(task.plan_area.area), leads


def _area_choices(plan) -> list:
    """Whole; each plan area alone; every other one; none."""
    areas = list(PlanArea.objects.filter(plan=plan).values_list("pk", flat=True))
    return [None, *({pk} for pk in areas), set(areas[::2]), set()]


def _positions_reversed():
    """Every plan's statements, each statement's targets and every plan's tasks put in the
    reverse of the order they were made in (the seeds make them in order: ids alone would sort
    them right)."""
    for model, group in ((TargetStatement, "plan_id"), (Target, "statement_id"), (Task, "plan_id")):
        rows = list(model.objects.order_by(group, "position").values_list("pk", group, "position"))
        top = 1 + max(position for _pk, _group, position in rows)
        for pk, _group, position in rows:
            model.objects.filter(pk=pk).update(position=2 * top - position)  # no position taken


def test_the_entry_page_s_lines_read_what_the_orm_reads():
    _positions_reversed()
    compared = {"targets": 0, "tasks": 0, "leads": 0, "coop": 0, "no_area": 0, "thresholds": 0}
    periods = list(ReportingPeriod.objects.select_related("plan"))
    assert {p.plan.code for p in periods} >= {"hung-yen-2023", "hai-duong-2024"}
    for period in periods:
        plan = period.plan
        assignments = plan_target_assignments(plan, on=period.window_end)
        agencies = Agency.objects.filter(
            Q(pk__in={pk for ids in assignments.values() for pk in ids})
            | Q(led_tasks__plan=plan)
            | Q(cooperating_tasks__plan=plan)
        ).distinct()
        for agency in agencies:
            assigned = {tid for tid, ids in assignments.items() if agency.pk in ids}
            for area_ids in _area_choices(plan):
                orm = _orm_targets(assigned, area_ids)
                with CaptureQueriesContext(connection) as queries:
                    read = reads.entry_targets(assigned, area_ids)
                    mine = [_target_view(t) for t in read]
                assert mine == [_target_view(t) for t in orm], (period, agency, area_ids)
                # none when nothing can match; else the targets, and their thresholds if any
                asked = bool(assigned) and area_ids != set()
                assert len(queries) == asked + bool(read), [q["sql"] for q in queries.captured_queries]
                compared["targets"] += len(read)
                compared["no_area"] += sum(1 for t in read if t.statement.plan_area is None)
                compared["thresholds"] += sum(len(t.level_thresholds.all()) for t in read)

                orm_tasks = _orm_tasks(plan, agency, area_ids)
                with CaptureQueriesContext(connection) as queries:
                    read_tasks = reads.entry_tasks(plan.pk, agency.pk, area_ids)
                    mine = [_task_view(t, leads) for t, leads in read_tasks]
                assert mine == [_task_view(t, t.agency_leads) for t in orm_tasks], (period, agency, area_ids)
                assert len(queries) == (0 if area_ids == set() else 1)
                compared["tasks"] += len(read_tasks)
                compared["leads"] += sum(leads for _t, leads in read_tasks)
                compared["coop"] += sum(not leads for _t, leads in read_tasks)
    # the comparison saw every kind of line it is meant to (the seeds have them all)
    assert all(compared.values()), compared


def test_the_entry_sheet_is_made_of_these_reads():
    """The sheets of an agency that leads tasks and of one that cooperates on a task it does not
    lead, whole and for one plan area: their lines are the reads' targets and tasks, each task's
    role as the read says, and nothing is read again when the lines are used."""
    # a task an agency cooperates on without leading it, and that agency's plan
    link = (
        Task.cooperating_agencies.through.objects.exclude(task__lead_agencies=F("agency"))
        .select_related("task__plan")
        .order_by("task__plan__code", "agency__code")
        .first()
    )
    period = ReportingPeriod.objects.filter(plan=link.task.plan).order_by("position").first()
    assignments = plan_target_assignments(period.plan, on=period.window_end)
    roles_seen = set()
    leader = Agency.objects.filter(led_tasks__plan=period.plan).order_by("code").first()
    for agency in (leader, link.agency):
        assigned = {tid for tid, ids in assignments.items() if agency.pk in ids}
        areas = list(PlanArea.objects.filter(plan=period.plan).values_list("pk", flat=True))
        for area_ids in (None, {areas[1]}):
            sheet = entry_sheet(period=period, agency=agency, area_ids=area_ids)
            targets = reads.entry_targets(assigned, area_ids)
            tasks = reads.entry_tasks(period.plan.pk, agency.pk, area_ids)
            with CaptureQueriesContext(connection) as queries:
                assert [_target_view(line.target) for line in sheet.target_lines] == [
                    _target_view(t) for t in targets
                ]
                assert [(_task_view(line.task, line.role)) for line in sheet.task_lines] == [
                    _task_view(t, "lead" if leads else "cooperating") for t, leads in tasks
                ]
            assert len(queries) == 0
            roles_seen |= {line.role for line in sheet.task_lines}
    assert roles_seen == {"lead", "cooperating"}
