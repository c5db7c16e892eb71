"""The entry page's reads written as SQL (reporting/reads.py) give what the ORM queries they
replace give: for every period of the seeded plans and every agency with lines in it, whole or
limited to plan areas (an area coordinator's view), the same targets and tasks in the same order,
with the same values, related objects and thresholds, and nothing read again afterwards. Run
on SQLite too, by tests/reports/test_reads.py's last test."""

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency
from plans.models import PlanArea, ReportingPeriod, Task
from reporting import reads
from reporting.selectors.entry import entry_sheet
from targets.models import Target
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


def test_the_entry_page_s_lines_read_what_the_orm_reads():
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


def test_the_entry_sheet_reads_in_a_fixed_number_of_queries():
    """The sheet of an agency with targets and tasks, whole and for one area: the same lines as
    the reads give, and no query when its lines are used afterwards."""
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    agency = Agency.objects.get(code="hy-stp")
    sheet = entry_sheet(period=period, agency=agency)
    assert sheet.target_lines and sheet.task_lines
    with CaptureQueriesContext(connection) as queries:
        for line in sheet.target_lines:
            _target_view(line.target)
        for line in sheet.task_lines:
            _task_view(line.task, line.role)
    assert len(queries) == 0
    roles = {line.role for line in sheet.task_lines}
    assert roles <= {"lead", "cooperating"} and "lead" in roles
