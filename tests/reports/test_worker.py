"""Issue 4's production path: approving a report in the web app sends the recompute to a real
Redis; a real Celery worker process updates the stored progress within 5 seconds."""

import os
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import User
from cchc.celery import app as web_celery
from plans.models import Submission
from reports.models import ProgressRun, TargetProgress
from targets.models import TargetResult
from tests.plans.test_tasks import celery_worker_process  # noqa: F401 - the fixture


@pytest.fixture
def web_app_on_redis(celery_worker_process):  # noqa: F811
    """The web code's Celery app, eager in tests, switched to the real broker for this test."""
    redis_url = os.environ["CCHC_TEST_REDIS_URL"]
    saved = {k: web_celery.conf[k] for k in ("task_always_eager", "broker_url",
                                              "result_backend")}
    web_celery.conf.update(task_always_eager=False, broker_url=redis_url,
                           result_backend=redis_url)
    web_celery._pool = None
    try:
        yield
    finally:
        web_celery.conf.update(**saved)
        web_celery._pool = None


def test_approval_updates_stored_progress_within_5_seconds(seeded_transactional,
                                                           web_app_on_redis, client,
                                                           celery_worker_process):  # noqa: F811
    submission = Submission.objects.filter(status="approved", period__kind="q1",
                                           period__plan__code="hung-yen-2023").first()
    Submission.objects.filter(pk=submission.pk).update(status="submitted",
                                                       submitted_at=timezone.now())
    TargetResult.objects.filter(submission=submission).update(review_status="pending")
    # The demo load stored the progress; start from none, so only the worker can write it.
    TargetProgress.objects.filter(period=submission.period).delete()
    ProgressRun.objects.filter(period=submission.period).delete()

    client.force_login(User.objects.get(username="nv.reviewer"))
    started = time.monotonic()
    response = client.post(reverse("plans:submission_review", args=[submission.pk]),
                           {"approve": "1"})
    assert response.status_code == 302
    while not ProgressRun.objects.filter(period=submission.period).exists():
        assert time.monotonic() - started < 5, "stored progress not updated within 5 s"
        time.sleep(0.1)
    elapsed = time.monotonic() - started
    line = TargetResult.objects.filter(submission=submission).first()
    row = TargetProgress.objects.get(period=submission.period, target=line.target,
                                     scope=f"agency:{submission.agency_id}")
    assert row.reported == 1
    print(f"stored progress updated {elapsed:.2f} s after the approval")
    # ... by the worker process, not in the web process
    stats = celery_worker_process.control.inspect(timeout=5).stats() or {}
    totals = [worker.get("total", {}) for worker in stats.values()]
    assert any(t.get("reports.tasks.progress_recompute") for t in totals), stats
