"""When a part fails (issue 10, point 3), with the real parts, stopped and started by the tests
themselves: a Redis of the test's own, Celery worker processes, the suite's PostgreSQL.

- Redis down: entering, submitting and approving still work (quickly), the recompute and the
  report render they asked for are kept in the database, the dashboards say the figures may be
  stale; once Redis is back the beat job's dispatch runs them, once.
- A worker killed in the middle of a PDF: the beat job puts the render back in the queue, a
  second worker finishes it, once; a duplicate message does nothing.
- PostgreSQL restarted: the web server (gunicorn, persistent connections) and the worker serve
  again without being restarted."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from agencies.models import Agency, User
from plans.models import ReportingPeriod
from reporting.models import PendingRecompute, ProgressRun, Submission, TargetProgress, TargetResult
from reports.models import Report
from reports.services import RENDER_STALE_AFTER
from tests.conftest import running_in_ci
from tests.reporting.test_entry import form_data
from tests.workers import (
    RedisServer,
    client_app,
    free_port,
    needs_postgresql,
    start_worker,
    stop_process,
    wait_for_worker,
    wait_until,
    web_celery_on,
    worker_env,
)

NOTICE = "Số liệu đang được tính lại sau thay đổi lúc"
DISPATCH = "reports.tasks.pending_jobs_dispatch"


@pytest.fixture
def redis(tmp_path):
    needs_postgresql()
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def _time_passes(minutes: int) -> None:
    """What waits in the database is older by ``minutes``: the beat job's one-minute grace for
    the immediate send (and a render's lease) have passed."""
    back = timedelta(minutes=minutes)
    for row in PendingRecompute.objects.all():
        PendingRecompute.objects.filter(pk=row.pk).update(
            first_requested_at=row.first_requested_at - back, requested_at=row.requested_at - back
        )
    for report in Report.objects.exclude(render_status__in=["none", "done", "failed"]):
        Report.objects.filter(pk=report.pk).update(
            render_requested_at=report.render_requested_at - back,
            render_started_at=report.render_started_at and report.render_started_at - back,
        )


def test_with_redis_down_nothing_is_refused_and_nothing_is_lost(seeded_transactional, redis, client):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    agency = Agency.objects.get(code="hy-stp")
    Submission.objects.filter(period=period, agency=agency).delete()
    ProgressRun.objects.filter(period__plan=period.plan).delete()
    worker = start_worker(redis.url)
    beat = client_app(redis.url)
    try:
        wait_for_worker(beat, worker)
        with web_celery_on(redis.url):
            redis.stop()
            timings = {}

            def timed(name, call):
                started = time.monotonic()
                response = call()
                timings[name] = time.monotonic() - started
                assert response.status_code == 302, (name, response.status_code)
                return response

            client.force_login(User.objects.get(username="tp.reporter"))
            entry = reverse("reporting:submission_entry", args=[period.pk, agency.pk])
            _sheet, data = form_data(period, agency)
            timed("save", lambda: client.post(entry, data))
            submission = Submission.objects.get(period=period, agency=agency)
            timed(
                "submit",
                lambda: client.post(entry, {**data, "version": str(submission.version), "submit": "1"}),
            )
            client.force_login(User.objects.get(username="nv.reviewer"))
            timed(
                "approve",
                lambda: client.post(
                    reverse("reporting:submission_review", args=[submission.pk]), {"approve": "1"}
                ),
            )
            timed("report", lambda: client.post(reverse("reports:report_create", args=[period.pk])))
            print("with Redis down: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()))
            assert max(timings.values()) < 3, timings

            submission.refresh_from_db()
            assert submission.status == Submission.Status.APPROVED
            assert TargetResult.objects.filter(submission=submission, review_status="approved").exists()
            assert PendingRecompute.objects.filter(period=period).exists()
            report = Report.objects.get(period=period, agency=None)
            assert report.render_status == Report.Render.QUEUED
            overview = reverse("reports:overview", args=[period.plan_id])
            assert NOTICE in client.get(overview, {"ky": period.pk}).content.decode()

            redis.start()  # empty: whatever had reached the old one is gone with it
            back_in = wait_for_worker(beat, worker, timeout=90)
            print(f"worker back {back_in:.1f} s after Redis")
            _time_passes(minutes=2)
            beat.send_task(DISPATCH)  # what celery beat sends every minute
            wait_until(
                lambda: not PendingRecompute.objects.filter(period__plan=period.plan).exists(),
                timeout=60,
                what="the recompute was not run",
            )
            wait_until(
                lambda: Report.objects.filter(pk=report.pk, render_status="done").exists(),
                timeout=90,
                what="the report was not rendered",
            )
        line = TargetResult.objects.filter(submission=submission).first()
        row = TargetProgress.objects.get(period=period, target=line.target, scope=f"agency:{agency.pk}")
        assert row.reported == 1
        assert ProgressRun.objects.filter(period__plan=period.plan).count() == 4
        report.refresh_from_db()
        assert report.render_attempts == 1 and report.file
        assert NOTICE not in client.get(overview, {"ky": period.pk}).content.decode()
    finally:
        stop_process(worker)
        beat.close()


def test_a_worker_killed_in_the_middle_of_a_pdf_leaves_it_to_be_finished_once(
    seeded_transactional, redis, client
):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    first = start_worker(redis.url)
    beat = client_app(redis.url)
    second = None
    try:
        wait_for_worker(beat, first)
        with web_celery_on(redis.url):
            client.force_login(User.objects.get(username="nv.reviewer"))
            client.post(reverse("reports:report_create", args=[period.pk]))
            report = Report.objects.get(period=period, agency=None)
            state = wait_until(
                lambda: (
                    Report.objects.values_list("render_status", flat=True).get(pk=report.pk)
                    in ("running", "done")
                    and Report.objects.get(pk=report.pk).render_status
                ),
                timeout=60,
                every=0.01,
                what="the worker did not start the render",
            )
            first.send_signal(signal.SIGKILL)  # mid-PDF: no warm shutdown, no ack
            first.wait(timeout=10)
            assert state == "running", "the render finished before the worker could be killed"
            report.refresh_from_db()
            assert report.render_status == "running" and report.render_attempts == 1
            killed_at_progress = report.render_progress

            second = start_worker(redis.url)
            wait_for_worker(beat, second)
            # within its lease a running render is left alone (the dispatch run, waited for)
            beat.send_task(DISPATCH).get(timeout=60)
            assert Report.objects.get(pk=report.pk).render_status == "running"
            _time_passes(minutes=int(RENDER_STALE_AFTER.total_seconds() // 60) + 1)
            beat.send_task(DISPATCH)
            wait_until(
                lambda: Report.objects.filter(pk=report.pk, render_status="done").exists(),
                timeout=90,
                what="the render was not finished",
            )
            report.refresh_from_db()
            assert report.render_attempts == 2 and report.render_error == ""
            # the killed attempt's message arriving again (Redis gives back unacknowledged
            # messages) finds the render done: nothing is rendered twice
            # (both waited for; the dispatch sends no render again: none to run after it)
            duplicate = beat.send_task("reports.tasks.report_render", args=[report.pk], queue="reports")
            dispatched = beat.send_task(DISPATCH)
            duplicate.get(timeout=60)
            assert dispatched.get(timeout=60)["renders"] == 0
            report.refresh_from_db()
            assert report.render_attempts == 2 and report.render_status == "done"
            assert Report.objects.filter(period=period, agency=None).count() == 1
            print(f"killed at {killed_at_progress}%, finished by the second worker")
        pdf = client.get(reverse("reports:report_pdf", args=[report.pk]))
        assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    finally:
        stop_process(first)
        if second is not None:
            stop_process(second)
        beat.close()


def _pg_restart():
    data, pg_bin = os.environ.get("CCHC_PG_DATA"), os.environ.get("CCHC_PG_BIN")
    if not data or not pg_bin:
        if running_in_ci():
            pytest.fail("CI must say where its PostgreSQL lives (scripts/services.sh)")
        pytest.skip("needs the PostgreSQL started by scripts/services.sh (CCHC_PG_DATA)")
    command = [f"{pg_bin}/pg_ctl", "-D", data, "-m", "fast", "-w", "restart"]
    if os.geteuid() == 0:  # PostgreSQL runs as the postgres user when the suite runs as root
        command = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(command)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=60)


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.serial  # the restart cuts every connection of the suite's other workers too
def test_after_postgresql_restarts_the_app_serves_again_without_a_restart(seeded_transactional, redis):
    needs_postgresql()
    port = free_port()
    env = {"CONN_MAX_AGE": "600"}  # persistent connections: the ones a restart breaks
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cchc.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "2",
        ],
        env=worker_env(redis.url, **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = start_worker(redis.url, **env)
    beat = client_app(redis.url)
    health = f"http://127.0.0.1:{port}/suc-khoe/"
    try:
        wait_until(
            lambda: web.poll() is None and _get_quietly(health) == 200,
            timeout=60,
            what="gunicorn did not serve",
        )
        wait_for_worker(beat, worker)
        period = ReportingPeriod.objects.get(plan__code="hai-duong-2024", kind="q1")
        beat.send_task("reporting.tasks.progress_recompute", args=[period.pk]).get(timeout=60)
        before = ProgressRun.objects.get(period=period).runs

        _pg_restart()
        connection.close()  # this process's connection went with the server

        # the very first request after the restart is served: no error page, no restart
        assert [_get(health) for _ in range(3)] == [200, 200, 200]
        assert _get(f"http://127.0.0.1:{port}/dang-nhap/") == 200
        beat.send_task("reporting.tasks.progress_recompute", args=[period.pk]).get(timeout=60)
        assert ProgressRun.objects.get(period=period).runs == before + 1
    finally:
        stop_process(web)
        stop_process(worker)
        beat.close()


def _get_quietly(url: str) -> int:
    try:
        return _get(url)
    except OSError:
        return 0
