"""The reporting cycle moved into its own app without moving data (issue 20): a database at the
migration state of main before the move, holding both seed plans and the demo data
(``tests/data/before_reporting_app.sql.gz``: ``pg_dump`` of a database migrated and loaded by
that code, commit 203dcc8), migrated to today's layout keeps every table's rows as they were,
and the progress recomputed by today's code from those rows is the progress that code stored.

Runs on the PostgreSQL of scripts/test.sh (DATABASE_URL); its role creates and drops the extra
databases (cchc_layout_*) itself."""

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import pg
from tests.conftest import running_in_ci

ROOT = Path(__file__).resolve().parent.parent
DUMP = ROOT / "tests" / "data" / "before_reporting_app.sql.gz"
PG_BIN = Path(os.environ.get("CCHC_PG_BIN", "/usr/lib/postgresql/15/bin"))

#: every stored figure, by natural keys (plan code, period kind, positions, agency code): the
#: snapshot tables kept their names through the move, so one query reads them before and after
FIGURES = {
    "target": """SELECT p.code, rp.kind, s.position, t.position, tp.scope, tp.numerator,
        tp.denominator, tp.value, tp.goal, tp.progress, tp.met, tp.status, tp.expected,
        tp.reported, tp.missing, tp.formula, tp.reason
        FROM reports_targetprogress tp JOIN plans_reportingperiod rp ON rp.id = tp.period_id
        JOIN plans_plan p ON p.id = rp.plan_id JOIN targets_target t ON t.id = tp.target_id
        JOIN targets_targetstatement s ON s.id = t.statement_id""",
    "task": """SELECT p.code, rp.kind, k.position, tk.status, tk.due, tk.completed_on, tk.leads,
        tk.leads_done, tk.percent
        FROM reports_taskprogress tk JOIN plans_reportingperiod rp ON rp.id = tk.period_id
        JOIN plans_plan p ON p.id = rp.plan_id JOIN plans_task k ON k.id = tk.task_id""",
    "rollup": """SELECT p.code, rp.kind, r.scope, r.targets, r.met, r.on_track, r.at_risk,
        r.off_track, r.no_data, r.stretch, r.progress_mean, r.tasks, r.tasks_done_on_time,
        r.tasks_done_late, r.tasks_overdue, r.tasks_in_progress, r.tasks_not_due, r.agencies,
        r.agencies_submitted, r.agencies_on_time
        FROM reports_rollupprogress r JOIN plans_reportingperiod rp ON rp.id = r.period_id
        JOIN plans_plan p ON p.id = rp.plan_id""",
    "agency": """SELECT p.code, rp.kind, a.code, ap.submission_status, ap.submitted_on_time,
        ap.targets, ap.targets_met, ap.targets_no_data, ap.tasks, ap.tasks_done_on_time,
        ap.tasks_overdue
        FROM reports_agencyprogress ap JOIN plans_reportingperiod rp ON rp.id = ap.period_id
        JOIN plans_plan p ON p.id = rp.plan_id JOIN agencies_agency a ON a.id = ap.agency_id""",
}
#: what migrating writes besides the new apps' tables: its own rows, the moved models' content
#: types relabelled, and the content types and permissions of apps added since the dump
WRITTEN_BY_THE_MIGRATION = {"django_migrations", "django_content_type", "auth_permission"}
MOVED_TO_REPORTING = {
    "plans": {
        "periodreopening",
        "submission",
        "evidencefile",
        "taskupdate",
        "taskextension",
        "historicalsubmission",
        "historicaltaskupdate",
    },
    "targets": {"targetresult", "historicaltargetresult"},
    "reports": {
        "progressrun",
        "pendingrecompute",
        "targetprogress",
        "taskprogress",
        "rollupprogress",
        "agencyprogress",
    },
}


def content_types(url: str, leave_out: set[str]) -> set[tuple[str, str]]:
    return {
        (app, model)
        for app, model in pg.sql(url, "SELECT app_label, model FROM django_content_type")
        if app not in leave_out
    }


def relabelled(types: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {
        ("reporting", model) if model in MOVED_TO_REPORTING.get(app, ()) else (app, model)
        for app, model in types
    }


def permissions(url: str, leave_out: set[str]) -> set[tuple[int, str]]:
    """Each permission by its content type's id and its codename: the ids the admin's log and the
    users' permissions point at stay as they were."""
    return {
        (ct, codename)
        for ct, codename, app in pg.sql(
            url,
            "SELECT p.content_type_id, p.codename, c.app_label FROM auth_permission p "
            "JOIN django_content_type c ON c.id = p.content_type_id",
        )
        if app not in leave_out
    }


def figures(url: str) -> list[tuple]:
    return sorted((kind, *map(str, row)) for kind, query in FIGURES.items() for row in pg.sql(url, query))


def manage(url: str, *args: str) -> str:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}  # in-process
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="cchc.settings.test")
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture
def old_database():
    if not pg.ON_POSTGRES:
        if running_in_ci():
            pytest.fail("CI must run the migration test on PostgreSQL")
        pytest.skip("needs PostgreSQL (scripts/test.sh starts one)")
    created: list[str] = []
    try:
        url = pg.database_create("cchc_layout", created)
        subprocess.run(
            [str(PG_BIN / "psql"), "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", url],
            input=gzip.decompress(DUMP.read_bytes()),
            capture_output=True,
            check=True,
            timeout=120,
        )
        yield url
    finally:
        pg.databases_drop(created)


def test_the_move_keeps_every_row_and_every_stored_figure(old_database):
    url = old_database
    before = pg.fingerprint(url)
    stored = figures(url)
    content_types_before = content_types(url, set())
    permissions_before = permissions(url, set())
    apps = dict(pg.sql(url, "SELECT app, count(*) FROM django_migrations GROUP BY app"))
    assert "reporting" not in apps and stored, "the dump is not the layout before the move"
    assert sum(before["reports_targetprogress"][:1]) > 2000  # both seed plans, every period

    # the move itself: the migrations it needs and no later one (a later app's tables, a later
    # column, are not the move's)
    manage(url, "migrate", "reporting", "0001_move_reporting_cycle_models", "--no-input")

    after = pg.fingerprint(url)
    # apps added since (their own new tables, empty) aside, no table was made and none dropped:
    # the moved tables are where they were
    new_apps = {app for (app,) in pg.sql(url, "SELECT DISTINCT app FROM django_migrations")}
    new_apps -= set(apps) | {"reporting"}
    made = set(after) - set(before)
    assert set(before) <= set(after)
    assert all(table.split("_", 1)[0] in new_apps and after[table][0] == 0 for table in made), made
    changed = {t for t in before if after[t] != before[t]}
    assert changed <= WRITTEN_BY_THE_MIGRATION, changed
    # the moved models' content types relabelled, none lost or doubled (the new apps' added)
    assert content_types(url, new_apps) == relabelled(content_types_before)
    moved = pg.sql(url, "SELECT model FROM django_content_type WHERE app_label = 'reporting'")
    assert {"submission", "targetresult", "taskupdate", "targetprogress"} <= {m for (m,) in moved}
    assert permissions(url, new_apps) == permissions_before
    assert figures(url) == stored

    # today's code (every later migration applied), recomputing every period from the rows the
    # old code wrote, finds the same figures: the rules moved and their numbers did not. What the
    # figures are judged to be changed since on purpose (issue 21's judgements: final verdicts at
    # the year period, chưa đủ căn cứ, parents and recurring tasks, the league's denominator), so
    # the judgements are not compared here (tests/reporting/test_judgements.py has them)
    manage(url, "migrate", "--no-input")
    manage(url, "shell", "-c", RECOMPUTE_ALL)
    assert target_numbers(figures(url)) == target_numbers(stored)


def target_numbers(rows: list[tuple]) -> list[tuple]:
    """Each target figure's plan, period, place, scope, numerator, denominator, value and goal."""
    return [row[:10] for row in rows if row[0] == "target"]


RECOMPUTE_ALL = """
from plans.models import ReportingPeriod
from reporting.progress import period_progress_compute
for period in ReportingPeriod.objects.order_by("plan_id", "position"):
    period_progress_compute(period_id=period.pk)
"""
