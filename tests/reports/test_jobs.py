"""Jobs that survive a broker that is down (issue 10, point 3), in-process: the durable record
written with the decision, the notice on the dashboards, the beat job sending again what is
left, and a recompute removing only the requests it has seen. The same path with a real Redis
stopped and started, a real worker killed mid-PDF and PostgreSQL restarted is in
tests/test_fault_tolerance.py."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import User
from plans.models import ReportingPeriod
from reporting import jobs as recompute_jobs
from reporting.models import PendingRecompute, ProgressRun, Submission
from reports import jobs
from reports.models import Report
from tests.reporting.test_review import submitted  # noqa: F401 - the fixture
from tests.workers import free_port, web_celery_on

pytestmark = pytest.mark.django_db

NOTICE = "Số liệu đang được tính lại sau thay đổi lúc"


@pytest.fixture
def broker_down():
    """The web code's Celery app sending to a Redis port nothing listens on: a real refused
    connection, as when the Redis container is stopped."""
    with web_celery_on(f"redis://127.0.0.1:{free_port()}/0"):
        yield


def test_approving_with_the_broker_down_keeps_the_decision_and_the_recompute(
    client,
    submitted,  # noqa: F811
    broker_down,
    django_capture_on_commit_callbacks,
):
    PendingRecompute.objects.all().delete()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:submission_review", args=[submitted.pk]), {"approve": "1"})
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 3, f"the approval waited {elapsed:.1f} s on the broker"
    submitted.refresh_from_db()
    assert submitted.status == Submission.Status.APPROVED
    pending = PendingRecompute.objects.get()
    assert pending.period_id == submitted.period_id
    overview = client.get(
        reverse("reports:overview", args=[submitted.period.plan_id]), {"ky": submitted.period_id}
    ).content.decode()
    assert NOTICE in overview and "Việc tính lại đang chậm" not in overview


def test_the_notice_says_when_the_recompute_is_late(client):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    PendingRecompute.objects.all().delete()
    long_ago = timezone.now() - timedelta(minutes=20)
    PendingRecompute.objects.create(period=period, first_requested_at=long_ago, requested_at=long_ago)
    client.force_login(User.objects.get(username="nv.reviewer"))
    for url in (
        reverse("reports:overview", args=[period.plan_id]),
        reverse("reports:leadership", args=[period.plan_id]),
    ):
        text = client.get(url).content.decode()
        assert NOTICE in text and "Việc tính lại đang chậm" in text, url
        assert long_ago.astimezone(timezone.get_current_timezone()).strftime("%H:%M %d/%m/%Y") in text
    other = ReportingPeriod.objects.get(plan__code="hai-duong-2024", kind="q1")
    assert NOTICE not in client.get(reverse("reports:overview", args=[other.plan_id])).content.decode()


def test_asking_again_keeps_the_first_time_and_renews_the_last():
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="h1")
    PendingRecompute.objects.all().delete()
    recompute_jobs.recompute_request(period.pk)  # on_commit never runs inside the test's atomic
    first = PendingRecompute.objects.get()
    recompute_jobs.recompute_request(period.pk)
    again = PendingRecompute.objects.get()
    assert again.first_requested_at == first.first_requested_at
    assert again.requested_at > first.requested_at


def test_a_recompute_removes_only_the_requests_it_has_seen():
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="h1")
    later = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q3")
    PendingRecompute.objects.all().delete()
    recompute_jobs.recompute_request(period.pk)
    recompute_jobs.recompute_request(later.pk)
    seen = recompute_jobs.recompute_requests_seen(recompute_jobs.periods_from(period.pk))
    assert set(seen) == {period.pk, later.pk}
    recompute_jobs.recompute_request(later.pk)  # a change during the run: its figures may be unread
    assert recompute_jobs.recompute_requests_done(seen) == 1
    assert list(PendingRecompute.objects.values_list("period_id", flat=True)) == [later.pk]


def test_the_recompute_job_clears_what_it_computed():
    """The embedded default runs the job in-process: the request is gone once it has run."""
    from reporting.tasks import progress_recompute

    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="h1")
    earlier = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    PendingRecompute.objects.all().delete()
    recompute_jobs.recompute_request(earlier.pk)
    recompute_jobs.recompute_request(period.pk)
    assert progress_recompute.delay(period.pk).get() == 3  # 6 tháng, Quý III, Năm
    assert list(PendingRecompute.objects.values_list("period_id", flat=True)) == [earlier.pk]


def test_the_beat_job_sends_again_what_waits_once_per_plan():
    q1 = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    h1 = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="h1")
    fresh = ReportingPeriod.objects.get(plan__code="hai-duong-2024", kind="q1")
    PendingRecompute.objects.all().delete()
    ProgressRun.objects.filter(period__plan__code="hung-yen-2023").delete()
    old = timezone.now() - timedelta(minutes=3)
    for period in (q1, h1):
        PendingRecompute.objects.create(period=period, first_requested_at=old, requested_at=old)
    now = timezone.now()
    PendingRecompute.objects.create(period=fresh, first_requested_at=now, requested_at=now)
    # Eager (the embedded default): what is sent runs here. Only Q1 is sent (it covers 6 tháng);
    # the request of a minute ago still has its own immediate send to come.
    assert jobs.pending_dispatch() == {"recomputes": 1, "renders": 0, "renders_reclaimed": 0}
    assert list(PendingRecompute.objects.values_list("period_id", flat=True)) == [fresh.pk]
    assert ProgressRun.objects.filter(period__plan__code="hung-yen-2023").count() == 4


def test_the_beat_job_puts_back_a_render_whose_worker_died():
    period = ReportingPeriod.objects.get(plan__code="hai-duong-2024", kind="q1")
    dead_at = timezone.now() - timedelta(minutes=30)
    alive_at = timezone.now() - timedelta(seconds=30)
    dead = Report.objects.create(
        period=period,
        render_status=Report.Render.RUNNING,
        render_requested_at=dead_at,
        render_started_at=dead_at,
        render_attempts=1,
    )
    other = ReportingPeriod.objects.get(plan__code="hai-duong-2024", kind="h1")
    alive = Report.objects.create(
        period=other,
        render_status=Report.Render.RUNNING,
        render_requested_at=alive_at,
        render_started_at=alive_at,
        render_attempts=1,
    )
    counts = jobs.pending_dispatch()
    assert counts["renders_reclaimed"] == 1 and counts["renders"] == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    # sent again, and the render ran here (eager): once more, to the end
    assert dead.render_status == Report.Render.DONE and dead.render_attempts == 2, dead.render_error
    assert alive.render_status == Report.Render.RUNNING and alive.render_attempts == 1
    assert jobs.pending_dispatch()["renders"] == 0  # nothing left to send
