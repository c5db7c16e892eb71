"""The production path: a real Redis broker and a real Celery worker process, on the same
PostgreSQL test database as the web code."""

import os

import pytest
from django.db import connection

from plans.models import Plan
from plans.tasks import plan_periods_ensure
from tests.conftest import ensure_reference_data, running_in_ci
from tests.factories import PlanFactory
from tests.workers import client_app, start_worker, stop_process, wait_for_worker


def test_task_runs_in_process_on_the_embedded_default(db):
    plan = PlanFactory(year=2026)
    assert plan_periods_ensure.delay(plan.pk).get() == 4
    assert plan_periods_ensure.delay(plan.pk).get() == 0  # idempotent
    assert plan.periods.count() == 4
    assert plan_periods_ensure.delay(10**9).get() == 0


def test_admin_creating_a_plan_fires_the_task_on_commit(admin_client, db, django_capture_on_commit_callbacks):
    issuer = PlanFactory().issuer
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/quan-tri/plans/plan/add/",
            {
                "code": "ke-hoach-moi",
                "title": "Kế hoạch CCHC năm 2027",
                "issuer": issuer.pk,
                "year": 2027,
                "status": "draft",
                "recipients": "[]",
                "areas-TOTAL_FORMS": 0,
                "areas-INITIAL_FORMS": 0,
                "periods-TOTAL_FORMS": 0,
                "periods-INITIAL_FORMS": 0,
                "amendments-TOTAL_FORMS": 0,
                "amendments-INITIAL_FORMS": 0,
            },
        )
    assert response.status_code == 302, response.content[:2000]
    plan = Plan.objects.get(code="ke-hoach-moi")
    assert list(plan.periods.values_list("kind", flat=True)) == ["q1", "h1", "q3", "year"]


@pytest.fixture
def celery_worker_process(transactional_db):
    """A real worker process on the test database and Redis, and a client app bound to the
    same broker (the web app's own Celery app stays eager, as configured for tests)."""
    redis_url = os.environ.get("CCHC_TEST_REDIS_URL")
    if connection.vendor != "postgresql" or not redis_url:
        if running_in_ci():
            pytest.fail("CI must run the worker test on PostgreSQL with Redis")
        pytest.skip("needs PostgreSQL and CCHC_TEST_REDIS_URL (scripts/test.sh sets both)")
    ensure_reference_data()
    worker = start_worker(redis_url)
    client = client_app(redis_url)
    try:
        wait_for_worker(client, worker)
        yield client
    finally:
        stop_process(worker)
        client.close()


def test_real_worker_creates_the_periods(celery_worker_process):
    plan = PlanFactory(year=2026)
    assert plan.periods.count() == 0
    result = celery_worker_process.send_task(plan_periods_ensure.name, args=[plan.pk])
    assert result.get(timeout=30) == 4
    assert sorted(plan.periods.values_list("kind", flat=True)) == ["h1", "q1", "q3", "year"]
