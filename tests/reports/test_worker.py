"""The production path with a real Redis and a real Celery worker process: approving a report
in the web app updates the stored progress within 5 seconds (issue 4); a report PDF asked for
on its page is rendered by the worker on the "reports" queue (issue 6)."""

import os
import subprocess
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import User
from plans.models import ReportingPeriod
from reporting.models import ProgressRun, Submission, TargetProgress, TargetResult
from reports.models import Report
from tests.plans.test_tasks import celery_worker_process  # noqa: F401 - the fixture
from tests.workers import web_celery_on, worker_inspect


@pytest.fixture
def web_app_on_redis(celery_worker_process):  # noqa: F811
    """The web code's Celery app, eager in tests, switched to the real broker for this test."""
    with web_celery_on(os.environ["CCHC_TEST_REDIS_URL"]):
        yield


def test_approval_updates_stored_progress_within_5_seconds(
    seeded_transactional,
    web_app_on_redis,
    client,
    celery_worker_process,  # noqa: F811
):
    submission = Submission.objects.filter(
        status="approved", period__kind="q1", period__plan__code="hung-yen-2023"
    ).first()
    Submission.objects.filter(pk=submission.pk).update(status="submitted", submitted_at=timezone.now())
    TargetResult.objects.filter(submission=submission).update(review_status="pending")
    # The demo load stored the progress; start from none, so only the worker can write it.
    TargetProgress.objects.filter(period=submission.period).delete()
    ProgressRun.objects.filter(period=submission.period).delete()

    client.force_login(User.objects.get(username="nv.reviewer"))
    started = time.monotonic()
    response = client.post(reverse("reporting:submission_review", args=[submission.pk]), {"approve": "1"})
    assert response.status_code == 302
    while not ProgressRun.objects.filter(period=submission.period).exists():
        assert time.monotonic() - started < 5, "stored progress not updated within 5 s"
        time.sleep(0.1)
    elapsed = time.monotonic() - started
    line = TargetResult.objects.filter(submission=submission).first()
    row = TargetProgress.objects.get(
        period=submission.period, target=line.target, scope=f"agency:{submission.agency_id}"
    )
    assert row.reported == 1
    print(f"stored progress updated {elapsed:.2f} s after the approval")
    # ... by the worker process, not in the web process
    stats = worker_inspect(celery_worker_process).stats() or {}
    totals = [worker.get("total", {}) for worker in stats.values()]
    assert any(t.get("reporting.tasks.progress_recompute") for t in totals), stats


def test_a_report_is_rendered_by_the_worker_through_the_web_page(
    seeded_transactional,
    web_app_on_redis,
    client,
    celery_worker_process,  # noqa: F811
    tmp_path,
):
    """Issue 6: the reviewer asks for a draft on the page; the worker on the "reports" queue
    makes it; asking again meanwhile renders nothing more; the PDF downloads and reads back."""
    period = ReportingPeriod.objects.get(plan__code="hai-duong-2024", kind="h1")
    client.force_login(User.objects.get(username="nv.reviewer"))
    started = time.monotonic()
    response = client.post(reverse("reports:report_create", args=[period.pk]))
    report = Report.objects.get(period=period, agency=None)
    detail = reverse("reports:report_detail", args=[report.pk])
    assert response.status_code == 302 and response.url == detail
    # The page, right away: queued or running, with a progress bar the script polls.
    page = client.get(detail).content.decode()
    assert "<progress" in page and 'data-status-url="' in page
    again = client.post(reverse("reports:report_render", args=[report.pk]), follow=True)
    assert "Tệp đang được tạo; không cần yêu cầu lại." in again.content.decode()
    seen = []
    while True:
        status = client.get(reverse("reports:report_status", args=[report.pk])).json()
        seen.append((status["status"], status["progress"]))
        if not status["busy"]:
            break
        assert time.monotonic() - started < 60, f"not rendered within 60 s: {seen}"
        time.sleep(0.2)
    elapsed = time.monotonic() - started
    report.refresh_from_db()
    assert report.render_status == "done", report.render_error
    assert report.render_attempts == 1
    download = client.get(reverse("reports:report_pdf", args=[report.pk]))
    assert download.status_code == 200
    path = tmp_path / "report.pdf"
    path.write_bytes(b"".join(download.streaming_content))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Hải Dương, ngày" in text
    print(f"rendered by the worker {elapsed:.2f} s after the request; statuses seen {seen}")
    # ... by the worker process, once
    stats = worker_inspect(celery_worker_process).stats() or {}
    totals = [worker.get("total", {}) for worker in stats.values()]
    assert sum(t.get("reports.tasks.report_render", 0) for t in totals) == 1, stats
