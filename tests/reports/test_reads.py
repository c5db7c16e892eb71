"""The dashboards' first reads written as SQL (reports/reads.py, cchc/sql.py) give what the ORM
queries they replace give, on the seeded plans and demo: the same instances with the same
values (dates, decimals, JSON), the same related objects, nothing read again afterwards."""

import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, Min, Prefetch, Q
from django.test.utils import CaptureQueriesContext

from agencies.models import AdministrativeLevel, Agency
from plans.models import Plan, PlanArea, ReportingPeriod, Task
from reporting.models import (
    AgencyProgress,
    AreaDrillRows,
    PendingRecompute,
    ProgressRun,
    RollupProgress,
    TargetDrillRows,
    TargetProgress,
)
from reports import dashboards, reads
from reports.models import Report
from targets.models import Target, TargetLevelThreshold
from targets.progress import Status
from targets.templatetags.target_tags import target_figure

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def typed(value) -> tuple[str, str]:
    """A value with its type and exact form: Decimal("95") is not Decimal("95.0000"), 1 is not
    True, a date is not its text."""
    return type(value).__name__, repr(value)


def six_places(value):
    """A progress as its column (12 digits, 6 places) gives it."""
    return None if value is None else value.quantize(Decimal("0.000001"))


def fields(instance) -> dict:
    """What an instance holds of its columns, typed."""
    return {f.attname: typed(getattr(instance, f.attname)) for f in instance._meta.concrete_fields}


def test_periods_with_plan_reads_what_the_orm_reads():
    plans = list(Plan.objects.all())
    assert len(plans) >= 2
    computed = 0
    for plan in plans:
        orm = list(
            ReportingPeriod.objects.filter(plan__pk=plan.pk)
            .select_related("plan__issuer", "progress_run")
            .order_by("position")
        )
        with CaptureQueriesContext(connection) as queries:
            read = reads.periods_with_plan(plan.pk)
            assert [fields(p) for p in read] == [fields(p) for p in orm]
            assert all(p.plan is read[0].plan for p in read)  # one plan object for the page
            for mine, theirs in zip(read, orm, strict=True):
                assert fields(mine.plan) == fields(theirs.plan)
                assert fields(mine.plan.issuer) == fields(theirs.plan.issuer)
                run = getattr(theirs, "progress_run", None)
                mine_run = getattr(mine, "progress_run", None)
                assert (fields(mine_run) if mine_run else None) == (fields(run) if run else None)
                computed += run is not None
        assert len(queries) == 1, [q["sql"] for q in queries.captured_queries]
    assert computed, "no computed period among the seeded plans: nothing compared"
    assert reads.periods_with_plan(2**63) == []  # an id no column holds: no plan, no error
    assert reads.periods_with_plan(0) == []


def test_plan_version_reads_what_the_orm_reads():
    plan = ReportingPeriod.objects.filter(progress_run__isnull=False).first().plan
    first, second = plan.periods.order_by("position")[:2]
    # none waits; the second period since 4/3; the first since 2/3 as well (the earlier counts)
    for waiting in ((), ((second, 4),), ((first, 2),)):
        for waiting_period, day in waiting:
            at = datetime(2026, 3, day, 5, 6, 7, 123456, tzinfo=UTC)
            PendingRecompute.objects.create(period=waiting_period, first_requested_at=at, requested_at=at)
        orm = (
            Plan.objects.filter(pk=plan.pk)
            .annotate(since=Min("periods__pending_recompute__first_requested_at"))
            .values_list("progress_version", "updated_at", "since")
            .first()
        )
        assert [typed(v) for v in reads.plan_version(plan.pk)] == [typed(v) for v in orm]
        assert orm[2] == (datetime(2026, 3, waiting[0][1], 5, 6, 7, 123456, tzinfo=UTC) if waiting else None)
        for any_period in plan.periods.all():
            assert reads.period_plan_version(any_period.pk) == (
                ReportingPeriod.objects.filter(pk=any_period.pk)
                .annotate(since=Min("plan__periods__pending_recompute__first_requested_at"))
                .values_list("plan_id", "plan__progress_version", "plan__updated_at", "since")
                .first()
            )
    assert reads.plan_version(2**63) is None
    assert reads.plan_version(0) is None
    assert reads.period_plan_version(2**63) is None
    assert reads.period_plan_version(0) is None


def test_target_drill_rows_and_thresholds_read_what_the_orm_reads():
    stored = list(TargetDrillRows.objects.select_related("run__period"))
    assert stored
    levels = list(AdministrativeLevel.objects.order_by("pk"))
    assert [fields(lv) for lv in reads.levels()] == [fields(lv) for lv in levels]
    with_thresholds = 0
    for rows in stored:
        plan_id = rows.run.period.plan_id
        orm = (
            TargetDrillRows.objects.filter(
                run_id=rows.run_id, target_id=rows.target_id, target__statement__plan=plan_id
            )
            .select_related("target__statement__plan_area")
            .first()
        )
        read = reads.target_drill_rows(rows.run_id, rows.target_id, plan_id)
        assert fields(read) == fields(orm)
        assert read.rows == orm.rows and isinstance(read.rows, list)
        assert fields(read.target) == fields(orm.target)
        assert fields(read.target.statement) == fields(orm.target.statement)
        area, orm_area = read.target.statement.plan_area, orm.target.statement.plan_area
        assert (fields(area) if area else None) == (fields(orm_area) if orm_area else None)
        # another plan's id: not its target
        assert reads.target_drill_rows(rows.run_id, rows.target_id, plan_id + 10_000) is None

        target = read.target
        reads.thresholds_into([target])
        with CaptureQueriesContext(connection) as queries:
            mine = [(t.level.code, t.value) for t in target.level_thresholds.all()]
            spec = target.as_spec()
        assert len(queries) == 0
        theirs = [
            (t.level.code, t.value)
            for t in TargetLevelThreshold.objects.filter(target=orm.target).select_related("level")
        ]
        assert mine == theirs
        assert spec == Target.objects.get(pk=target.pk).as_spec()
        with_thresholds += bool(theirs)
    assert with_thresholds, "no seeded target with thresholds per level: nothing compared"


def test_agency_names_reads_what_the_orm_reads():
    ids = list(Agency.objects.values_list("pk", flat=True)[:150])
    orm = set(Agency.objects.filter(pk__in=ids).values_list("pk", "name", "level_id"))
    assert set(reads.agency_names(ids)) == orm
    assert reads.agency_names([]) == []


def test_decimals_and_dates_come_back_typed():
    run = ProgressRun.objects.first()
    (read,) = [p for p in reads.periods_with_plan(run.period.plan_id) if p.pk == run.period_id]
    assert read.window_start == run.period.window_start
    assert read.progress_run.computed_at == run.computed_at
    threshold = TargetLevelThreshold.objects.first()
    target = Target.objects.get(pk=threshold.target_id)
    reads.thresholds_into([target])
    assert all(isinstance(t.value, Decimal) for t in target.level_thresholds.all())


def test_area_rows_targets_and_tasks_read_what_the_orm_reads():
    stored = list(AreaDrillRows.objects.select_related("run__period"))
    assert stored
    compared_targets = compared_tasks = 0
    for plan_id in {r.run.period.plan_id for r in stored}:
        runs = list(ProgressRun.objects.filter(period__plan_id=plan_id).values_list("pk", flat=True))
        for area in PlanArea.objects.filter(plan_id=plan_id):
            orm = list(
                AreaDrillRows.objects.filter(run_id__in=runs, plan_area_id=area.pk, plan_area__plan=plan_id)
                .select_related("plan_area__lead_agency")
                .order_by("pk")
            )
            read = sorted(reads.area_drill_rows(runs, area.pk, plan_id), key=lambda r: r.pk)
            assert [fields(r) for r in read] == [fields(r) for r in orm]
            for mine, theirs in zip(read, orm, strict=True):
                assert mine.rows == theirs.rows
                assert fields(mine.plan_area) == fields(theirs.plan_area)
                lead, orm_lead = mine.plan_area.lead_agency, theirs.plan_area.lead_agency
                assert (fields(lead) if lead else None) == (fields(orm_lead) if orm_lead else None)
            assert reads.area_drill_rows(runs, area.pk, plan_id + 10_000) == []

            ids = list(Target.objects.filter(statement__plan_area__plan=plan_id).values_list("pk", flat=True))
            orm_targets = list(
                Target.objects.filter(pk__in=ids, statement__plan_area=area)
                .prefetch_related(
                    Prefetch(
                        "level_thresholds", queryset=TargetLevelThreshold.objects.select_related("level")
                    )
                )
                .order_by("statement__position", "position")
            )
            with CaptureQueriesContext(connection) as queries:
                targets = reads.area_targets(ids, area.pk)
                shown = [
                    (fields(t), [(h.level.code, h.value) for h in t.level_thresholds.all()], t.as_spec())
                    for t in targets
                ]
            assert len(queries) == (2 if targets else 0)
            assert shown == [
                (fields(t), [(h.level.code, h.value) for h in t.level_thresholds.all()], t.as_spec())
                for t in orm_targets
            ]
            compared_targets += len(targets)

            task_ids = list(Task.objects.filter(plan_area=area).values_list("pk", flat=True))
            assert {t.pk: fields(t) for t in reads.tasks(task_ids)} == {
                t.pk: fields(t) for t in Task.objects.filter(pk__in=task_ids)
            }
            compared_tasks += len(task_ids)
    assert compared_targets and compared_tasks


def province_row(row) -> tuple:
    """A province figure as the leadership page reads it: the row, its target with statement,
    area and responsible agency, and the target's goal as printed (its thresholds)."""
    target = row.target
    area, responsible = target.statement.plan_area, target.responsible_agency
    return (
        fields(row),
        fields(target),
        fields(target.statement),
        area and fields(area),
        responsible and fields(responsible),
        target_figure(target),
    )


def test_rollups_targets_and_standings_read_what_the_orm_reads():
    periods = list(ReportingPeriod.objects.filter(progress_run__isnull=False).select_related("plan"))
    assert periods
    compared = Counter()
    for period in periods:
        orm_rollups = list(
            RollupProgress.objects.filter(period=period)
            .select_related("plan_area")
            .order_by("plan_area__position")
        )
        read_rollups = reads.rollups(period.pk)
        assert [fields(r) for r in read_rollups] == [fields(r) for r in orm_rollups]
        assert [r.plan_area and fields(r.plan_area) for r in read_rollups] == [
            r.plan_area and fields(r.plan_area) for r in orm_rollups
        ]
        compared["rollups"] += len(orm_rollups)
        for statuses in (dashboards.WORST_STATUSES, tuple(Status.values)):
            orm = list(
                dashboards.province_rows(TargetProgress.objects.filter(period=period, status__in=statuses))
            )
            with CaptureQueriesContext(connection) as queries:
                read = reads.province_targets(period.pk, statuses)
                shown = [province_row(r) for r in read]
            assert len(queries) == (2 if read else 1)
            assert shown == [province_row(r) for r in orm]
            compared["targets"] += len(orm)
        # the overview's, with no filter but the period: every status, each row's trend over
        # the plan's periods (``with_trend``) read in the same query
        plan_periods = list(period.plan.periods.order_by("position"))
        orm = list(
            dashboards.with_trend(
                dashboards.province_rows(TargetProgress.objects.filter(period=period)), plan_periods
            )
        )
        with CaptureQueriesContext(connection) as queries:
            read = reads.province_targets(period.pk, trend_periods=plan_periods)
            shown = [province_row(r) for r in read]
        assert len(queries) == (2 if read else 1)
        trend = [f"trend_{i}" for i in range(len(plan_periods))]
        assert shown == [province_row(r) for r in orm]
        # each point as the column gives it (6 places): on SQLite the ORM's raw subquery gives
        # the stored float's 15 digits instead, the same figure
        assert [[typed(getattr(r, t)) for t in trend] for r in read] == [
            [typed(six_places(getattr(r, t))) for t in trend] for r in orm
        ]
        compared["trends"] += sum(getattr(r, t) is not None for r in orm for t in trend)
    for plan in {p.plan for p in periods}:
        orm = AgencyProgress.objects.filter(period__plan=plan).values_list(
            *dashboards.STANDING_FIELDS, "agency__name"
        )
        read = reads.standings(plan.pk, dashboards.STANDING_FIELDS)
        assert Counter(tuple(map(typed, r)) for r in read) == Counter(tuple(map(typed, r)) for r in orm)
        compared["standings"] += len(orm)
    assert all(compared[k] for k in ("rollups", "targets", "trends", "standings")), compared


def test_province_reports_and_their_stamp_read_what_the_orm_reads():
    period = ReportingPeriod.objects.filter(progress_run__isnull=False).first()
    other = period.plan.periods.exclude(pk=period.pk).first()
    agency = Agency.objects.filter(parent=period.plan.issuer).first()
    for number, (at, version, state, file, data, day, of_agency) in enumerate(
        (
            (period, 1, Report.State.ISSUED, "r/1.pdf", {"a": [1, "2,5"]}, 6, None),
            (period, 2, Report.State.DRAFT, "r/2.pdf", None, 9, None),
            (other, 1, Report.State.ISSUED, "", None, 10, None),  # no file: not counted
            (other, 2, Report.State.DRAFT, "r/3.pdf", {}, 7, None),
            (period, 1, Report.State.DRAFT, "r/4.pdf", {}, 11, agency),  # an agency's: not counted
        ),
        start=101,
    ):
        issued = {}
        if state == Report.State.ISSUED:
            issued = {
                "issued_on": date(2026, 5, 6),
                "issuer": at.plan.issuer,
                "issued_year": 2026,
                "series": "BC-UBND",
                "number": str(number),
            }
        Report.objects.create(
            period=at,
            version=version,
            state=state,
            file=file,
            data=data,
            render_finished_at=datetime(2026, 5, day, 7, 8, 9, 123456, tzinfo=UTC),
            agency=of_agency,
            **issued,
        )
    compared = 0
    for period in ReportingPeriod.objects.all():
        orm = list(
            Report.objects.filter(period=period, agency=None)
            .exclude(file="")
            .select_related("period")
            .order_by("-version")
        )
        read = reads.province_reports(period.pk)
        assert [(fields(r), fields(r.period)) for r in read] == [(fields(r), fields(r.period)) for r in orm]
        compared += len(orm)
    assert compared, "no province report with a file among the seeded data: nothing compared"
    for plan in Plan.objects.all():
        stamp = (
            Report.objects.filter(period__plan_id=plan.pk, agency=None)
            .exclude(file="")
            .aggregate(
                n=Count("pk"),
                last=Max("pk"),
                issued=Count("pk", filter=Q(state=Report.State.ISSUED)),
                at=Max("render_finished_at"),
            )
        )
        assert reads.province_reports_stamp(plan.pk) == (
            stamp["n"],
            stamp["last"],
            stamp["issued"],
            stamp["at"],
        )


@pytest.mark.skipif(not ON_POSTGRESQL, reason="the run on PostgreSQL starts the one on SQLite")
def test_the_same_reads_on_the_embedded_sqlite(tmp_path):
    """The embedded default runs on SQLite (its text dates, its IN lists): this file's tests and
    tests/reporting/test_reads.py's (the entry page's reads) and test_writes.py's (its save's
    UPDATE of each changed line) again there, in a process of their
    own on a SQLite file with the seeds and the demo."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "CCHC_TEST_DB_TEMPLATE")) and key not in ("REDIS_URL", "CI")
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        # the tables made from the models, not by running every migration (12 s on SQLite): the
        # same columns (makemigrations --check), the levels and reform areas put in by conftest
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "--no-migrations",
            __file__,
            str(Path(__file__).resolve().parents[1] / "reporting" / "test_reads.py"),  # the entry page's
            str(Path(__file__).resolve().parents[1] / "reporting" / "test_writes.py"),  # and its save's
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-3000:]
    assert " passed" in run.stdout and "1 skipped" in run.stdout, run.stdout[-2000:]
