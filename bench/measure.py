"""The measurements of ``bench/run.sh`` (issue 9), on the database of ``DATABASE_URL`` holding
data made by ``manage.py generate_scale_data``. Prints a Markdown table and writes it to
``BENCHMARKS.md`` (``--out``).

Run alone (data already generated): ``python -m bench.measure --prefix scale``."""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: issue 9's national scale: 34 provinces (3,321 communes, ~98 a province), 5 years
NATIONAL_PROVINCES = 34


def setup_django():
    """Django as a gunicorn worker starts it (``cchc.wsgi``, its garbage-collector setting
    included), without the test runner's instrumentation of template rendering, which a server
    does not do: only the test client's host is added to the allowed ones."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings.test")
    from django.conf import settings

    import cchc.wsgi  # noqa: F401

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``share`` of the sample at or
    below it (p95 of 100 values is the 95th)."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


# --- the hand-written SQL: each computes one page's figures in one query --------------------


def _tables():
    from agencies.models import AdministrativeLevel, Agency
    from plans.models import PlanArea, ReportingPeriod, Task
    from reporting.models import (
        AgencyProgress,
        RollupProgress,
        Submission,
        TargetProgress,
        TargetResult,
        TaskProgress,
        TaskUpdate,
    )
    from targets.models import Target, TargetStatement

    return {
        "result": TargetResult._meta.db_table,
        "task_update": TaskUpdate._meta.db_table,
        "agency": Agency._meta.db_table,
        "level": AdministrativeLevel._meta.db_table,
        "area": PlanArea._meta.db_table,
        "period": ReportingPeriod._meta.db_table,
        "submission": Submission._meta.db_table,
        "task": Task._meta.db_table,
        "task_leads": Task.lead_agencies.through._meta.db_table,
        "agency_progress": AgencyProgress._meta.db_table,
        "rollup": RollupProgress._meta.db_table,
        "target_progress": TargetProgress._meta.db_table,
        "task_progress": TaskProgress._meta.db_table,
        "target": Target._meta.db_table,
        "statement": TargetStatement._meta.db_table,
    }


OVERVIEW_SQL = """
WITH per AS (SELECT id, position FROM {period} WHERE plan_id = %(plan)s),
t AS (
  SELECT tp.target_id, tp.status, tp.progress, tp.value, tp.goal, tp.reported, tp.missing,
         tg.code, tg.text, tg.stretch, coalesce(pa.position, 0) AS apos, ts.position AS spos,
         tg.position AS tpos
  FROM {target_progress} tp JOIN {target} tg ON tg.id = tp.target_id
  JOIN {statement} ts ON ts.id = tg.statement_id LEFT JOIN {area} pa ON pa.id = ts.plan_area_id
  WHERE tp.period_id = %(period)s AND tp.scope = 'province'),
trend AS (
  SELECT tp.target_id, json_agg(tp.progress ORDER BY per.position) AS points
  FROM {target_progress} tp JOIN per ON per.id = tp.period_id
  WHERE tp.scope = 'province' GROUP BY tp.target_id),
league AS (
  SELECT ap.agency_id, a.name,
         json_agg(json_build_object('period', ap.period_id, 'status', ap.submission_status,
                                    'on_time', ap.submitted_on_time, 'targets', ap.targets,
                                    'met', ap.targets_met, 'tasks', ap.tasks,
                                    'done', ap.tasks_done_on_time, 'overdue', ap.tasks_overdue)
                  ORDER BY per.position) AS cells
  FROM {agency_progress} ap JOIN per ON per.id = ap.period_id
  JOIN {agency} a ON a.id = ap.agency_id GROUP BY ap.agency_id, a.name)
SELECT
  (SELECT json_agg(json_build_object('target', t.target_id, 'code', t.code, 'status', t.status,
                                     'progress', t.progress, 'value', t.value, 'goal', t.goal,
                                     'trend', trend.points) ORDER BY t.apos, t.spos, t.tpos)
     FROM t LEFT JOIN trend ON trend.target_id = t.target_id),
  (SELECT json_object_agg(status, n) FROM (SELECT status, count(*) AS n FROM t GROUP BY status) c),
  (SELECT json_agg(r ORDER BY r.scope) FROM {rollup} r WHERE r.period_id = %(period)s),
  (SELECT json_agg(json_build_object(
            'task', k.task_id, 'code', tk.code, 'status', k.status,
            'leads', (SELECT string_agg(a.short_name, ', ') FROM {task_leads} l
                      JOIN {agency} a ON a.id = l.agency_id WHERE l.task_id = k.task_id))
          ORDER BY tk.position)
     FROM {task_progress} k JOIN {task} tk ON tk.id = k.task_id WHERE k.period_id = %(period)s),
  (SELECT json_agg(league ORDER BY league.name) FROM league)
"""

TARGET_SQL = """
SELECT json_agg(json_build_object(
         'scope', tp.scope, 'agency', a.name, 'level', coalesce(al.name, l.name),
         'value', tp.value, 'numerator', tp.numerator, 'denominator', tp.denominator,
         'goal', tp.goal, 'progress', tp.progress, 'status', tp.status, 'missing', tp.missing)
       ORDER BY tp.scope, a.name)
FROM {target_progress} tp LEFT JOIN {agency} a ON a.id = tp.agency_id
LEFT JOIN {level} al ON al.id = a.level_id LEFT JOIN {level} l ON l.id = tp.level_id
WHERE tp.period_id = %(period)s AND tp.target_id = %(target)s
"""

AGENCY_SQL = """
WITH per AS (SELECT id, position FROM {period} WHERE plan_id = %(plan)s)
SELECT
  (SELECT json_agg(json_build_object('period', per.id, 'status', ap.submission_status,
                                     'on_time', ap.submitted_on_time, 'targets', ap.targets,
                                     'met', ap.targets_met, 'submitted_at', s.submitted_at,
                                     'state', s.status) ORDER BY per.position)
     FROM per LEFT JOIN {agency_progress} ap ON ap.period_id = per.id AND ap.agency_id = %(agency)s
     LEFT JOIN {submission} s ON s.period_id = per.id AND s.agency_id = %(agency)s),
  (SELECT json_agg(json_build_object('target', x.target_id, 'code', x.code, 'cells', x.cells)
                   ORDER BY x.apos, x.spos, x.tpos)
     FROM (SELECT tp.target_id, tg.code, coalesce(pa.position, 0) AS apos, ts.position AS spos,
                  tg.position AS tpos,
                  json_agg(json_build_object('period', tp.period_id, 'value', tp.value,
                                             'progress', tp.progress, 'status', tp.status)
                           ORDER BY per.position) AS cells
           FROM {target_progress} tp JOIN per ON per.id = tp.period_id
           JOIN {target} tg ON tg.id = tp.target_id JOIN {statement} ts ON ts.id = tg.statement_id
           LEFT JOIN {area} pa ON pa.id = ts.plan_area_id
           WHERE tp.agency_id = %(agency)s
           GROUP BY tp.target_id, tg.code, pa.position, ts.position, tg.position) x),
  (SELECT json_agg(json_build_object('task', k.task_id, 'code', tk.code, 'status', k.status,
                                     'percent', k.percent) ORDER BY tk.position)
     FROM {task_progress} k JOIN {task} tk ON tk.id = k.task_id
     JOIN {task_leads} l ON l.task_id = k.task_id AND l.agency_id = %(agency)s
     WHERE k.period_id = %(period)s)
"""


AREA_SQL = """
WITH per AS (SELECT id, position FROM {period} WHERE plan_id = %(plan)s)
SELECT
  (SELECT row_to_json(r) FROM {rollup} r WHERE r.period_id = %(period)s AND r.scope = %(area_scope)s),
  (SELECT json_agg(json_build_object(
            'target', tp.target_id, 'code', tg.code, 'text', tg.text, 'status', tp.status,
            'progress', tp.progress, 'value', tp.value, 'goal', tp.goal, 'reported', tp.reported,
            'missing', tp.missing,
            'trend', (SELECT json_agg(t2.progress ORDER BY per.position) FROM {target_progress} t2
                      JOIN per ON per.id = t2.period_id
                      WHERE t2.target_id = tp.target_id AND t2.scope = 'province'))
          ORDER BY ts.position, tg.position)
     FROM {target_progress} tp JOIN {target} tg ON tg.id = tp.target_id
     JOIN {statement} ts ON ts.id = tg.statement_id
     WHERE tp.period_id = %(period)s AND tp.scope = 'province' AND ts.plan_area_id = %(area)s),
  (SELECT json_agg(json_build_object(
            'task', k.task_id, 'code', tk.code, 'status', k.status, 'due', k.due,
            'leads', (SELECT string_agg(a.name, ', ') FROM {task_leads} l
                      JOIN {agency} a ON a.id = l.agency_id WHERE l.task_id = k.task_id))
          ORDER BY tk.position)
     FROM {task_progress} k JOIN {task} tk ON tk.id = k.task_id
     WHERE k.period_id = %(period)s AND tk.plan_area_id = %(area)s)
"""

#: the explanation of a target's province figure: the stored row, the lines of the agencies
#: behind it in the periods up to this one (each with its agency, period and state), and the
#: agencies without an approved line
EXPLAIN_SQL = """
WITH g AS (SELECT agency_id, reported FROM {target_progress}
           WHERE period_id = %(period)s AND target_id = %(target)s AND agency_id IS NOT NULL),
w AS (SELECT id, position FROM {period}
      WHERE plan_id = %(plan)s AND position <= (SELECT position FROM {period} WHERE id = %(period)s))
SELECT
  (SELECT row_to_json(tp) FROM {target_progress} tp
     WHERE tp.period_id = %(period)s AND tp.target_id = %(target)s AND tp.scope = 'province'),
  (SELECT json_agg(json_build_object(
            'agency', a.name, 'period', w.position, 'numerator', r.numerator,
            'denominator', r.denominator, 'value', r.value, 'review', r.review_status,
            'not_applicable', r.not_applicable, 'report', s.status) ORDER BY a.name, w.position)
     FROM {result} r JOIN {submission} s ON s.id = r.submission_id JOIN w ON w.id = s.period_id
     JOIN g ON g.agency_id = s.agency_id JOIN {agency} a ON a.id = s.agency_id
     WHERE r.target_id = %(target)s),
  (SELECT json_agg(a.name ORDER BY a.name) FROM g JOIN {agency} a ON a.id = g.agency_id
     WHERE g.reported = 0)
"""


# --- the second baseline: the approved results read directly, no stored progress --------------
# Each reads the rows a page's figures come from (approved target results, task updates,
# submissions), summed per target or listed per agency, but applies no progress formula, status
# rule or roll-up: a floor for computing the page per request, for comparison only. The strict
# ratio in the table is to the SQL above, which reads the same stored tables as the page.

OVERVIEW_RAW_SQL = """
WITH per AS (SELECT id, position FROM {period} WHERE plan_id = %(plan)s),
sub AS (SELECT s.id, s.agency_id, s.period_id, s.status, s.submitted_at
        FROM {submission} s JOIN per ON per.id = s.period_id)
SELECT
  (SELECT json_agg(x) FROM (
     SELECT r.target_id, sub.period_id, count(*) AS reported, sum(r.numerator) AS numerator,
            sum(r.denominator) AS denominator, sum(r.value) AS value,
            count(*) FILTER (WHERE r.done) AS done
     FROM {result} r JOIN sub ON sub.id = r.submission_id
     WHERE r.review_status = 'approved' AND NOT r.not_applicable
     GROUP BY r.target_id, sub.period_id) x),
  (SELECT json_agg(x) FROM (
     SELECT u.task_id, count(*) FILTER (WHERE u.progress = 'done') AS done,
            max(u.completed_on) AS completed_on, max(u.percent) AS percent
     FROM {task_update} u JOIN sub ON sub.id = u.submission_id
     WHERE sub.period_id = %(period)s AND u.review_status = 'approved' AND NOT u.not_applicable
     GROUP BY u.task_id) x),
  (SELECT json_agg(json_build_object('agency', a.name, 'period', sub.period_id,
                                     'status', sub.status, 'at', sub.submitted_at)
                   ORDER BY a.name, sub.period_id)
     FROM sub JOIN {agency} a ON a.id = sub.agency_id)
"""

TARGET_RAW_SQL = """
SELECT json_agg(json_build_object(
         'agency', a.name, 'level', l.name, 'numerator', r.numerator,
         'denominator', r.denominator, 'value', r.value, 'done', r.done) ORDER BY a.name)
FROM {result} r JOIN {submission} s ON s.id = r.submission_id
JOIN {agency} a ON a.id = s.agency_id LEFT JOIN {level} l ON l.id = a.level_id
WHERE s.period_id = %(period)s AND r.target_id = %(target)s AND r.review_status = 'approved'
  AND NOT r.not_applicable
"""

AGENCY_RAW_SQL = """
WITH per AS (SELECT id, position FROM {period} WHERE plan_id = %(plan)s)
SELECT
  (SELECT json_agg(json_build_object('period', per.id, 'state', s.status,
                                     'submitted_at', s.submitted_at) ORDER BY per.position)
     FROM per LEFT JOIN {submission} s ON s.period_id = per.id AND s.agency_id = %(agency)s),
  (SELECT json_agg(json_build_object('target', r.target_id, 'code', tg.code, 'period', s.period_id,
                                     'numerator', r.numerator, 'denominator', r.denominator,
                                     'value', r.value, 'done', r.done)
                   ORDER BY tg.position, per.position)
     FROM {result} r JOIN {submission} s ON s.id = r.submission_id
     JOIN per ON per.id = s.period_id JOIN {target} tg ON tg.id = r.target_id
     WHERE s.agency_id = %(agency)s AND r.review_status = 'approved' AND NOT r.not_applicable),
  (SELECT json_agg(json_build_object('task', u.task_id, 'progress', u.progress,
                                     'percent', u.percent, 'completed_on', u.completed_on))
     FROM {task_update} u JOIN {submission} s ON s.id = u.submission_id
     WHERE s.agency_id = %(agency)s AND s.period_id = %(period)s AND u.review_status = 'approved')
"""


# --- measurements ----------------------------------------------------------------------------

CONCURRENCY_NOTE = (
    "- Concurrent result entry is measured apart, by `bash bench/concurrency/run.sh` (its own "
    "PostgreSQL, 6 provinces × 60 communes, gunicorn with 3 sync workers as the Dockerfile "
    "runs it; an entry page costs about the same whatever the number of provinces), at two "
    "paces: the benchmark's (think 5–15 s, four periods each: about 70 requests a second asked "
    "of a machine that serves 25 to 40, so they queue; bench/concurrency/README.md) and a "
    "person's (think 30–90 s, the open period: about 12 a second). The rows repeat the last "
    "results.json and results-human-pace.json; the details, per step and with the machine "
    "load, are in bench/concurrency/RESULTS.md and RESULTS-human-pace.md."
)

#: the concurrent-entry runs shown, by the name their results are written under (``BENCH_NAME``)
CONCURRENCY_RUNS = (("", "the benchmark's pace"), ("human-pace", "a person's pace"))


def concurrency_rows() -> list[tuple[str, str, str, str]]:
    """The concurrent-entry figures of the last ``bench/concurrency/run.sh`` at each pace (its
    own data and server: see bench/concurrency/RESULTS*.md), read from its results*.json."""
    import json

    goal = "400 reporters, p95 ≤ 200 ms, no errors, no lost or duplicated writes (issue 26)"
    rows = []
    for name, pace in CONCURRENCY_RUNS:
        title = f"Concurrent result entry (gunicorn + locust, bench/concurrency), {pace}"
        path = ROOT / "bench" / "concurrency" / f"results{'-' + name if name else ''}.json"
        if not path.exists():
            rows.append((title, goal, "not measured: run bash bench/concurrency/run.sh", "—"))
            continue
        r = json.loads(path.read_text())
        entry, check = r["entry"], r["verification"]
        counts = check["counts"]
        low, high = r["wait_seconds"]
        measured = (
            f"{r['users']} reporters thinking {low:.0f}–{high:.0f} s "
            f"({r.get('measured', 'date not recorded')}): "
            f"{entry['count']} requests in {entry['seconds']:.0f} s "
            f"({entry['per_second']:.1f} req/s), p50 {entry['p50']:.0f} ms, "
            f"p95 {entry['p95']:.0f} ms, p99 {entry['p99']:.0f} ms; {r['failed']} failed; "
            f"verification {'passed' if check['passed'] else '**failed**'} "
            f"({counts['reports']} reports, "
            f"{counts['target_values'] + counts['task_values']} values: "
            f"{counts['problems']} lost or wrong, {counts['duplicate_lines']} duplicated)"
        )
        met = r["users"] >= 400 and entry["p95"] <= 200 and r["failed"] == 0 and check["passed"]
        rows.append((title, goal, measured, "yes" if met else "**no**"))
    return rows


def load_average() -> str:
    """The machine's load (1, 5, 15 min), as ``uptime`` prints it."""
    try:
        with open("/proc/loadavg") as file:
            return ", ".join(file.read().split()[:3])
    except OSError:
        return "?"


#: the one query of the "figures may be stale" notice (``reporting.jobs``), counted apart
NOTICE_TABLE = "reports_pendingrecompute"


def _count_queries(client, url: str) -> tuple[int, int]:
    """The SQL queries of one request: all, and those of the "figures may be stale" notice."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    count = len(queries)  # now: the log is emptied when the next request starts
    return count, sum(1 for q in queries.captured_queries if NOTICE_TABLE in q["sql"])


def _stats(times: list[float], cpu: list[float]) -> dict:
    return {
        "p50": statistics.median(times),
        "p95": percentile(times, 0.95),
        "cpu_p50": statistics.median(cpu),
    }


def time_pages(client, floor_url: str, urls: dict[str, str], repeat: int) -> tuple[dict, dict]:
    """The floor page and each page cold and warm, side by side: each of ``repeat`` rounds
    requests the floor, then for each page the pages' cache (issue 26, ``reports.caching``) is
    emptied and the page requested twice, cold (rendered, as after a recompute) then warm
    (served from the cache, as its second reader gets it). Interleaved so that the machine's
    load, which changes over a run, weighs on every figure alike: the ratios are what count.
    Returns the floor's figures and, per page, ``{"cold": …, "warm": …}``."""
    from django.core.cache import cache

    def one(url: str) -> tuple[float, float]:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        elapsed_cpu = time.process_time() - started_cpu  # this process only: not PostgreSQL's
        assert response.status_code == 200, (url, response.status_code)
        return elapsed, elapsed_cpu

    # warm-up (templates, caches), then the queries of one request of each kind
    one(floor_url)
    floor = dict(zip(("queries", "notice_queries"), _count_queries(client, floor_url), strict=True))
    counts = {}
    for key, url in urls.items():
        one(url)
        cache.clear()
        cold = _count_queries(client, url)
        warm = _count_queries(client, url)
        counts[key] = (cold, warm)
    samples = {key: {"cold": ([], []), "warm": ([], [])} for key in urls}
    floor_samples: tuple[list, list] = ([], [])
    for _ in range(repeat):
        for target, value in zip(floor_samples, one(floor_url), strict=True):
            target.append(value)
        for key, url in urls.items():
            cache.clear()
            for kind in ("cold", "warm"):
                for target, value in zip(samples[key][kind], one(url), strict=True):
                    target.append(value)
    floor.update(_stats(*floor_samples))
    pages = {}
    for key in urls:
        (cold_n, cold_notice), (warm_n, warm_notice) = counts[key]
        pages[key] = {
            "cold": {**_stats(*samples[key]["cold"]), "queries": cold_n, "notice_queries": cold_notice},
            "warm": {**_stats(*samples[key]["warm"]), "queries": warm_n, "notice_queries": warm_notice},
        }
    return floor, pages


def page_goals(*, floor: float, sql: float, warm: float, cold: float) -> dict:
    """Issue 26's goals for a page (p50 times, seconds): served from the cache, at most twice
    the floor page; rendered after a recompute, at most the floor plus three times its
    hand-written SQL (the page's own work within 3× the query that computes its figures)."""
    warm_limit, cold_limit = 2 * floor, floor + 3 * sql
    return {
        "warm_limit": warm_limit,
        "warm_met": warm <= warm_limit,
        "warm_ratio": warm / floor if floor else float("nan"),
        "cold_limit": cold_limit,
        "cold_met": cold <= cold_limit,
        "cold_ratio": (cold - floor) / sql if sql else float("nan"),
    }


def time_sql(sql: str, params: dict, repeat: int) -> dict:
    from django.db import connection

    text = sql.format(**_tables())
    with connection.cursor() as cursor:
        cursor.execute(text, params)
        row = cursor.fetchone()
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            cursor.execute(text, params)
            row = cursor.fetchone()
            times.append(time.perf_counter() - started)
    assert row is not None
    return {"p50": statistics.median(times), "p95": percentile(times, 0.95)}


def data_size(prefix: str) -> dict:
    from agencies.models import Agency
    from plans.models import Plan, ReportingPeriod
    from reporting.models import Submission, TargetProgress, TargetResult, TaskUpdate

    plans = Plan.objects.filter(source_note=f"scale:{prefix}")
    return {
        "provinces": Agency.objects.filter(code__startswith=f"{prefix}-p", parent=None).count(),
        "communes": Agency.objects.filter(code__startswith=f"{prefix}-p", kind="ubnd_xa").count(),
        "agencies": Agency.objects.filter(code__startswith=f"{prefix}-p").count(),
        "plans": plans.count(),
        "years": plans.values("year").distinct().count(),
        "periods": ReportingPeriod.objects.filter(plan__in=plans).count(),
        "submissions": Submission.objects.filter(period__plan__in=plans).count(),
        "results": TargetResult.objects.filter(submission__period__plan__in=plans).count(),
        "task_updates": TaskUpdate.objects.filter(submission__period__plan__in=plans).count(),
        "target_progress": TargetProgress.objects.filter(period__plan__in=plans).count(),
    }


def machine() -> str:
    cores = os.cpu_count()
    memory = ""
    try:
        with open("/proc/meminfo") as file:
            kb = int(next(line for line in file if line.startswith("MemTotal")).split()[1])
        memory = f", {kb / 2**20:.1f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        database = cursor.fetchone()[0].split(" on ")[0]
    return (
        f"{cores} cores (nproc){memory}, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, {database}"
    )


def measure_pages(client, pages: list, repeat: int, row) -> tuple[dict, list[str], list[str]]:
    """The floor and every page cold and warm (``time_pages``), each against its hand-written
    SQL and issue 26's goals (``page_goals``): the pages table's rows, the second baseline's
    figures, and the overview's rows of issue 9's table (through ``row``)."""
    from django.urls import reverse

    page_rows: list[str] = []
    baselines: list[str] = []
    # the floor (a logged-in page with the site's header that reads next to nothing) and every
    # page cold and warm, side by side in one loop
    floor, timed = time_pages(
        client, reverse("notifications:list"), {key: url for key, _n, url, *_rest in pages}, repeat
    )
    print(f"floor (notification list): p50 {ms(floor['p50'])}, {floor['queries']} queries", flush=True)

    def queries_of(figures: dict) -> str:
        own = figures["queries"] - figures["notice_queries"]
        if not figures["notice_queries"]:
            return f"{figures['queries']} queries"
        return (
            f"{figures['queries']} queries ({own} of the page, {figures['notice_queries']} of the "
            f"stale-figures notice)"
        )

    verdict = {True: "PASS", False: "**FAIL**"}
    for key, name, _url, sql, raw_sql, params in pages:
        cold, warm = timed[key]["cold"], timed[key]["warm"]
        hand = time_sql(sql, params, repeat)
        goals = page_goals(floor=floor["p50"], sql=hand["p50"], warm=warm["p50"], cold=cold["p50"])
        print(
            f"{name}: cold p50 {ms(cold['p50'])} (goal ≤ {ms(goals['cold_limit'])}: "
            f"{verdict[goals['cold_met']]}), warm p50 {ms(warm['p50'])} (goal ≤ "
            f"{ms(goals['warm_limit'])}: {verdict[goals['warm_met']]}); floor {ms(floor['p50'])}, "
            f"SQL {ms(hand['p50'])}; {queries_of(cold)} cold, {warm['queries']} warm",
            flush=True,
        )
        page_rows.append(
            f"| {name} | {ms(floor['p50'])} | {ms(hand['p50'])} | {ms(warm['p50'])} "
            f"({goals['warm_ratio']:.1f}× the floor) | ≤ {ms(goals['warm_limit'])} | "
            f"{verdict[goals['warm_met']]} | {ms(cold['p50'])}, p95 {ms(cold['p95'])}, CPU "
            f"{ms(cold['cpu_p50'])}; {queries_of(cold)} | ≤ {ms(goals['cold_limit'])} "
            f"(floor + {goals['cold_ratio']:.1f}× SQL) | {verdict[goals['cold_met']]} |"
        )
        if raw_sql is not None:
            raw = time_sql(raw_sql, params, repeat)
            baselines.append(
                f"{name}: approved results read directly p50 {ms(raw['p50'])} (cold page = "
                f"{cold['p50'] / raw['p50']:.1f}× it)"
            )
        if key == "overview":
            timing = (
                f"cold (rendered, as after a recompute): p50 {ms(cold['p50'])}, p95 "
                f"{ms(cold['p95'])} (Python CPU p50 {ms(cold['cpu_p50'])}), {queries_of(cold)}"
            )
            row(f"{name}: server time", "≤ 150 ms p95", timing, cold["p95"] <= 0.150)
            row(f"{name}: SQL queries per request", "≤ 15", queries_of(cold), cold["queries"] <= 15)

    return floor, page_rows, baselines


def measure(prefix: str, repeat: int, command: str, generation: str = "") -> tuple[str, dict]:
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from agencies.models import Agency, User
    from plans.models import Plan
    from reporting.models import TargetProgress
    from reporting.progress import period_progress_compute
    from targets.models import Target

    plans = Plan.objects.filter(source_note=f"scale:{prefix}").order_by("-year", "code")
    plan = plans.first()
    if plan is None:
        raise SystemExit(f"no generated data with prefix {prefix!r}: run generate_scale_data")
    year_plans = list(plans.filter(year=plan.year))
    period = plan.periods.get(kind="year")
    size = data_size(prefix)
    print(f"data: {size}", flush=True)

    reviewer = User.objects.get(username=f"{plan.issuer.code.rsplit('-', 1)[0]}-reviewer")
    client = Client()
    client.force_login(reviewer)
    # the target reported by the most agencies; the reporting body with most figures
    target_id = (
        TargetProgress.objects.filter(period=period, agency__isnull=False)
        .values("target_id")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("target_id", flat=True)
        .first()
    )
    target = Target.objects.get(pk=target_id)
    agency_id = (
        TargetProgress.objects.filter(period__plan=plan, agency__isnull=False, agency__kind="so")
        .values("agency_id")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("agency_id", flat=True)
        .first()
    )
    agency = Agency.objects.get(pk=agency_id)

    reporters = TargetProgress.objects.filter(period=period, target=target, agency__isnull=False).count()
    national = size["provinces"] >= NATIONAL_PROVINCES
    loads = [("start", load_average())]
    rows = []
    page_rows: list[str] = []
    baselines: list[str] = []

    def row(name, goal, measured, met):
        rows.append((name, goal, measured, {True: "yes", False: "**no**", None: "—"}[met]))

    area = target.statement.plan_area
    explain_params = {"plan": plan.pk, "period": period.pk, "target": target.pk}
    # (key, name, URL, hand-written SQL, second baseline or None, parameters)
    pages = [
        (
            "overview",
            "Plan overview (Tổng quan)",
            reverse("reports:overview", args=[plan.pk]) + f"?ky={period.pk}",
            OVERVIEW_SQL,
            OVERVIEW_RAW_SQL,
            {"plan": plan.pk, "period": period.pk},
        ),
        (
            "leadership",
            "Leadership page (Trang lãnh đạo; SQL: the overview's, which computes all it shows)",
            reverse("reports:leadership", args=[plan.pk]) + f"?ky={period.pk}",
            OVERVIEW_SQL,
            None,
            {"plan": plan.pk, "period": period.pk},
        ),
        (
            "target",
            f"Target drill-down ({target.code}, {reporters} agencies)",
            reverse("reports:target_drill", args=[plan.pk, target.pk]) + f"?ky={period.pk}",
            TARGET_SQL,
            TARGET_RAW_SQL,
            {"period": period.pk, "target": target.pk},
        ),
        (
            "agency",
            f"Agency page ({agency.short_name or agency.name})",
            reverse("reports:agency_drill", args=[plan.pk, agency.pk]) + f"?ky={period.pk}",
            AGENCY_SQL,
            AGENCY_RAW_SQL,
            {"plan": plan.pk, "period": period.pk, "agency": agency.pk},
        ),
    ]
    if area is not None:
        pages.append(
            (
                "area",
                f"Area drill-down ({area.code})",
                reverse("reports:area_drill", args=[plan.pk, area.pk]) + f"?ky={period.pk}",
                AREA_SQL,
                None,
                {"plan": plan.pk, "period": period.pk, "area": area.pk, "area_scope": f"area:{area.pk}"},
            )
        )
    pages.append(
        (
            "explain",
            f"Explanation of a figure ({target.code}, province)",
            reverse("reports:target_explain", args=[period.pk, target.pk]),
            EXPLAIN_SQL,
            None,
            explain_params,
        )
    )
    floor, page_rows, baselines = measure_pages(client, pages, repeat, row)
    loads.append(("after the pages", load_average()))

    # recompute: one province-period (best and median of 3), then every province's year
    one = []
    for _ in range(3):
        started = time.perf_counter()
        period_progress_compute(period_id=period.pk)
        one.append(time.perf_counter() - started)
    print(f"recompute one province-period: median {ms(statistics.median(one))}", flush=True)
    row(
        "Recompute one province-period (year period)",
        "≤ 5 s",
        f"median of 3: {ms(statistics.median(one))} (best {ms(min(one))})",
        statistics.median(one) <= 5,
    )
    started = time.perf_counter()
    count = 0
    for item in year_plans:
        for each in item.periods.order_by("position"):
            period_progress_compute(period_id=each.pk)
            count += 1
    whole = time.perf_counter() - started
    print(f"recompute all provinces, year {plan.year}: {whole:.1f} s ({count} periods)", flush=True)
    measured = (
        f"{whole:.1f} s for {len(year_plans)} provinces' plans of {plan.year}, {count} "
        f"periods, one after another in one process"
    )
    if not national:
        estimate = whole / len(year_plans) * NATIONAL_PROVINCES
        measured += (
            f"; *estimate* for {NATIONAL_PROVINCES} provinces of the same size, not "
            f"measured: ≈ {estimate / 60:.1f} min (linear in provinces)"
        )
    row(
        "Recompute the whole nation for one year"
        if national
        else f"Recompute all generated provinces for one year ({len(year_plans)}, not the nation)",
        "≤ 5 min",
        measured,
        whole <= 300 if national else None,
    )
    loads.append(("after the recompute", load_average()))

    # the province PDF: bench_report in its own process, so its peak RSS is the render's
    out = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "bench_report",
            "--plan",
            plan.code,
            "--period",
            "year",
            "--repeat",
            "3",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    print(out.strip(), flush=True)
    line = next((x for x in out.splitlines() if x.startswith(plan.code)), "")
    found = re.search(
        r"total (\d+) ms \(worst (\d+) ms\); (\S+) pages, (\d+) KB; peak Python "
        r"memory ([\d.]+) MB; process peak RSS (\d+) MB",
        line,
    )
    if found:
        total, worst, pages_count, kb, python_mb, rss = found.groups()
        row(
            "Province report PDF (year period): time",
            "≤ 10 s",
            f"best of 3: {int(total) / 1000:.2f} s (worst {int(worst) / 1000:.2f} s), "
            f"{pages_count} pages, {kb} KB",
            int(worst) <= 10_000,
        )
        row(
            "Province report PDF: memory",
            "≤ 500 MB",
            f"process peak RSS {rss} MB (Python allocations {python_mb} MB)",
            int(rss) <= 500,
        )
    else:
        row(
            "Province report PDF (year period)",
            "≤ 10 s, ≤ 500 MB",
            f"could not read bench_report's output: {line!r}",
            False,
        )
    loads.append(("end", load_average()))
    rows.extend(concurrency_rows())

    def n(value: int) -> str:
        return f"{value:,}".replace(",", " ")

    described = (
        f"{size['provinces']} provinces × {size['communes'] // max(size['provinces'], 1)} "
        f"communes × {size['years']} years: {n(size['agencies'])} agencies, "
        f"{size['plans']} plans, {size['periods']} periods, {n(size['submissions'])} "
        f"approved reports, {n(size['results'])} target results, "
        f"{n(size['task_updates'])} task updates, {n(size['target_progress'])} stored "
        f"target figures (pages and recompute on plan {plan.code}, period "
        f"{period.title}; {repeat} requests per page)"
    )
    scale = (
        "the issue's national scale"
        if national
        else f"**not** the national scale ({NATIONAL_PROVINCES} provinces): see each row"
    )
    met_all = all("PASS" in line.split("|")[6] and "PASS" in line.split("|")[9] for line in page_rows)
    lines = [
        f"**Pages against the floor (issue 26)** ({scale}): each page's p50 served from the cache "
        "(warm: its plan's version, scope and filters seen before) and rendered (cold: the "
        "cache emptied, as after a recompute), beside the floor page and the page's "
        "hand-written SQL, all measured side by side in one loop (the floor, then each page cold "
        f"and warm, {repeat} rounds). Goals: warm ≤ 2× the floor, cold ≤ the floor + 3× the "
        f"SQL. {'Every page meets both.' if met_all else 'Not every page meets them: see FAIL.'}",
        "",
        "| page | floor p50 | SQL p50 | warm p50 | warm goal | warm | cold p50 | cold goal | cold |",
        "|---|---|---|---|---|---|---|---|---|",
        *page_rows,
        "",
        "- Second baseline (comparison only): " + "; ".join(baselines) + ".",
        "",
        "| measurement | goal (issue 9, national scale) | measured | met |",
        "|---|---|---|---|",
        *[f"| {name} | {goal} | {value} | {met} |" for name, goal, value, met in rows],
        "",
        f"- Data size ({scale}): {described}",
    ]
    if generation:
        lines.append(f"- Data generation (`generate_scale_data`, before the measurements): {generation}")
    lines += [
        f"- For scale: a logged-in page with the site's header that reads next to nothing (the "
        f"notification list, {floor['queries']} queries) takes p50 {ms(floor['p50'])} here, "
        f"through the same client.",
        f"- Machine: {machine()}",
        "- Machine load (1, 5, 15 min load average, as `uptime` prints it): "
        + "; ".join(f"{when} {value}" for when, value in loads)
        + ". The machine is shared with other work running at the same time, so the times "
        "vary from run to run; a load above the 2 cores slows every figure here.",
        f"- Command: `{command}`",
        f"- Measured: {timezone.localtime().strftime('%d/%m/%Y %H:%M')}",
        CONCURRENCY_NOTE,
    ]
    return "\n".join(lines), size


HEADER = """# Benchmarks

Produced by `bench/run.sh` (see `bench/README.md`); rerun it to replace everything below. The
figures are for the scale stated under the table, national only when it says so. Pages are
timed in-process through the Django test client (server time: URL routing, middleware, views,
queries, templates; no network, no browser), on PostgreSQL, in a process started as a gunicorn
worker starts (`cchc.wsgi`, its garbage-collector setting included) and without the test
runner's instrumentation of templates, which a server does not do. "Python CPU" is the CPU
time the Django process spent on a request (PostgreSQL's not included): other work on the
machine sways it less than the elapsed time. "Hand-written SQL" is one query computing the
same figures from the same stored progress tables the page reads, timed on the same
connection; issue 26 sets each page against it and the floor page (the first table). The
second baseline reads the approved results themselves instead (no stored progress, no
progress formula): it shows what computing a page per request would start from, and does not
replace the goal's ratio. "met" says
whether the measured figure reaches the goal at the scale measured.

"""


def kept_sections(path: Path) -> str:
    """The sections other commands keep below the measured table ("## …"), kept on a rerun."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^## ", text, flags=re.MULTILINE)
    return "\n" + text[match.start() :] if match else ""


def concurrency_refreshed(text: str) -> str:
    """BENCHMARKS.md with its concurrent-entry rows and their note replaced by the last runs'
    (``--concurrency-only``: that benchmark is measured apart, on data of its own, so its rows
    need no national data set)."""
    lines = text.split("\n")
    old = [i for i, line in enumerate(lines) if line.startswith("| Concurrent result entry")]
    if not old:
        raise SystemExit("BENCHMARKS.md has no concurrent-entry row to replace: run the whole measure")
    rows = [f"| {name} | {goal} | {value} | {met} |" for name, goal, value, met in concurrency_rows()]
    lines[old[0] : old[-1] + 1] = rows  # the rows stand together in the table
    return "\n".join(
        CONCURRENCY_NOTE if line.startswith("- Concurrent result entry is measured apart") else line
        for line in lines
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", default="scale")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--command", default="python -m bench.measure")
    parser.add_argument(
        "--generation", default="", help="how long generating the data took (bench/run.sh fills it in)"
    )
    parser.add_argument(
        "--concurrency-only",
        action="store_true",
        help="only replace the concurrent-entry rows of --out by the last bench/concurrency runs",
    )
    args = parser.parse_args()
    if args.concurrency_only:
        out = Path(args.out)
        out.write_text(concurrency_refreshed(out.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"concurrent-entry rows of {args.out} replaced")
        return
    setup_django()
    table, _size = measure(args.prefix, args.repeat, args.command, args.generation)
    print()
    print(table)
    if args.out:
        out = Path(args.out)
        Path(args.out).write_text(HEADER + table + "\n" + kept_sections(out), encoding="utf-8")
        print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
