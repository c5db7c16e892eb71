"""The measurements of ``bench/run.sh`` (issue 9), on the database of ``DATABASE_URL`` holding
data made by ``manage.py generate_scale_data``. Prints a Markdown table and writes it to
``BENCHMARKS.md`` (``--out``).

Run alone (data already generated): ``python -m bench.measure --prefix scale``."""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings.test")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()   # the test client's host is allowed


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of a small sample."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


# --- the hand-written SQL: each computes one page's figures in one query --------------------

def _tables():
    from agencies.models import AdministrativeLevel, Agency
    from plans.models import PlanArea, ReportingPeriod, Submission, Task
    from reports.models import AgencyProgress, RollupProgress, TargetProgress, TaskProgress
    from targets.models import Target, TargetStatement

    return {
        "agency": Agency._meta.db_table, "level": AdministrativeLevel._meta.db_table,
        "area": PlanArea._meta.db_table, "period": ReportingPeriod._meta.db_table,
        "submission": Submission._meta.db_table, "task": Task._meta.db_table,
        "task_leads": Task.lead_agencies.through._meta.db_table,
        "agency_progress": AgencyProgress._meta.db_table,
        "rollup": RollupProgress._meta.db_table, "target_progress": TargetProgress._meta.db_table,
        "task_progress": TaskProgress._meta.db_table, "target": Target._meta.db_table,
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


# --- measurements ----------------------------------------------------------------------------

def time_page(client, url: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)   # warm-up (templates, caches)
    assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries)   # now: the log is emptied when the next request starts
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    return {"p50": statistics.median(times), "p95": percentile(times, 0.95),
            "queries": count, "bytes": len(response.content)}


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
    from plans.models import Plan, ReportingPeriod, Submission, TaskUpdate
    from targets.models import TargetResult

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
    return f"{cores} cores (nproc){memory}, {platform.system()} {platform.machine()}, " \
           f"Python {platform.python_version()}, {database}"


def measure(prefix: str, repeat: int, command: str) -> tuple[str, dict]:
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from agencies.models import Agency, User
    from plans.models import Plan
    from reports.models import TargetProgress
    from reports.progress import period_progress_compute
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
    target_id = (TargetProgress.objects.filter(period=period, agency__isnull=False)
                 .values("target_id").order_by().annotate(n=Count("id"))
                 .order_by("-n").values_list("target_id", flat=True).first())
    target = Target.objects.get(pk=target_id)
    agency_id = (TargetProgress.objects.filter(period__plan=plan, agency__isnull=False,
                                               agency__kind="so")
                 .values("agency_id").order_by().annotate(n=Count("id"))
                 .order_by("-n").values_list("agency_id", flat=True).first())
    agency = Agency.objects.get(pk=agency_id)

    reporters = TargetProgress.objects.filter(period=period, target=target,
                                              agency__isnull=False).count()
    pages = [
        ("Plan overview (Tổng quan)", reverse("reports:overview", args=[plan.pk]) + f"?ky={period.pk}",
         OVERVIEW_SQL, {"plan": plan.pk, "period": period.pk}, "≤ 150 ms p95, ≤ 15 queries"),
        (f"Target drill-down ({target.code}, {reporters} agencies)",
         reverse("reports:target_drill", args=[plan.pk, target.pk]) + f"?ky={period.pk}",
         TARGET_SQL, {"period": period.pk, "target": target.pk}, "within 3× its SQL"),
        (f"Agency page ({agency.short_name or agency.name})",
         reverse("reports:agency_drill", args=[plan.pk, agency.pk]) + f"?ky={period.pk}",
         AGENCY_SQL, {"plan": plan.pk, "period": period.pk, "agency": agency.pk},
         "within 3× its SQL"),
    ]
    rows = []
    for name, url, sql, params, goal in pages:
        page = time_page(client, url, repeat)
        hand = time_sql(sql, params, repeat)
        ratio = page["p50"] / hand["p50"] if hand["p50"] else float("nan")
        print(f"{name}: page p50 {ms(page['p50'])} p95 {ms(page['p95'])}, {page['queries']} "
              f"queries; SQL p50 {ms(hand['p50'])}; ratio {ratio:.1f}×", flush=True)
        rows.append((name, goal,
                     f"p50 {ms(page['p50'])}, p95 {ms(page['p95'])}, {page['queries']} queries; "
                     f"hand-written SQL p50 {ms(hand['p50'])}; page/SQL = {ratio:.1f}×"))

    # recompute: one province-period (best and median of 3), then every province's year
    one = []
    for _ in range(3):
        started = time.perf_counter()
        period_progress_compute(period_id=period.pk)
        one.append(time.perf_counter() - started)
    print(f"recompute one province-period: median {ms(statistics.median(one))}", flush=True)
    rows.append(("Recompute one province-period (year period)", "≤ 5 s",
                 f"median of 3: {ms(statistics.median(one))} (best {ms(min(one))})"))
    started = time.perf_counter()
    count = 0
    for item in year_plans:
        for each in item.periods.order_by("position"):
            period_progress_compute(period_id=each.pk)
            count += 1
    whole = time.perf_counter() - started
    print(f"recompute all provinces, year {plan.year}: {whole:.1f} s ({count} periods)", flush=True)
    rows.append((f"Recompute all provinces for one year ({len(year_plans)} plans, {count} periods)",
                 "≤ 5 min (the whole nation)", f"{whole:.1f} s"))

    # the province PDF: bench_report in its own process, so its peak RSS is the render's
    out = subprocess.run([sys.executable, "manage.py", "bench_report", "--plan", plan.code,
                          "--period", "year", "--repeat", "3"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    print(out.strip(), flush=True)
    line = next((x for x in out.splitlines() if x.startswith(plan.code)), "")
    found = re.search(r"total (\d+) ms \(worst (\d+) ms\); (\S+) pages, (\d+) KB; peak Python "
                      r"memory ([\d.]+) MB; process peak RSS (\d+) MB", line)
    if found:
        total, worst, pages_count, kb, python_mb, rss = found.groups()
        rows.append(("Province report PDF (year period)", "≤ 10 s, ≤ 500 MB",
                     f"best of 3: {int(total) / 1000:.2f} s (worst {int(worst) / 1000:.2f} s), "
                     f"{pages_count} pages, {kb} KB; process peak RSS {rss} MB "
                     f"(Python allocations {python_mb} MB)"))
    else:
        rows.append(("Province report PDF (year period)", "≤ 10 s, ≤ 500 MB",
                     f"could not read bench_report's output: {line!r}"))
    rows.append(("Concurrent result entry (gunicorn + locust)", "see issue 9", "not measured yet"))

    def n(value: int) -> str:
        return f"{value:,}".replace(",", " ")

    described = (f"{size['provinces']} provinces × {size['communes'] // max(size['provinces'], 1)} "
                 f"communes × {size['years']} years: {n(size['agencies'])} agencies, "
                 f"{size['plans']} plans, {size['periods']} periods, {n(size['submissions'])} "
                 f"approved reports, {n(size['results'])} target results, "
                 f"{n(size['task_updates'])} task updates (pages and recompute on plan "
                 f"{plan.code}, period {period.title}; {repeat} requests per page)")
    lines = [
        "| measurement | goal (issue 9, national scale) | measured |",
        "|---|---|---|",
        *[f"| {name} | {goal} | {value} |" for name, goal, value in rows],
        "",
        f"- Data size: {described}",
        f"- Machine: {machine()}",
        f"- Command: `{command}`",
        f"- Measured: {timezone.localtime().strftime('%d/%m/%Y %H:%M')}",
    ]
    return "\n".join(lines), size


HEADER = """# Benchmarks

Produced by `bench/run.sh` (see `bench/README.md`); rerun it to replace the table below. The
figures are for the scale stated under the table, not for a national deployment unless it
says so. Pages are timed in-process through the Django test client (server time: URL routing,
views, queries, templates), on PostgreSQL; "hand-written SQL" is one query computing the same
figures from the same stored tables, timed on the same connection.

"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", default="scale")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--command", default="python -m bench.measure")
    args = parser.parse_args()
    setup_django()
    table, _size = measure(args.prefix, args.repeat, args.command)
    print()
    print(table)
    if args.out:
        Path(args.out).write_text(HEADER + table + "\n", encoding="utf-8")
        print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
