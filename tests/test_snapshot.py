"""The seeded data a transactional test gets back (tests/snapshot.py) is the data the seed plans
and the demo load: every table holds the same rows, and ids handed out afterwards do not clash."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from agencies.models import User
from demo.data import demo_data_load
from reporting.models import Submission
from targets.seeds import seed_plans_load
from tests.conftest import ensure_reference_data
from tests.snapshot import snapshot_restore

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the snapshot is PostgreSQL's")


def _rows() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        counts = {}
        for (table,) in cursor.fetchall():
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_the_snapshot_holds_what_loading_the_seeds_and_the_demo_gives():
    call_command("flush", interactive=False, verbosity=0)
    ensure_reference_data()
    seed_plans_load()
    demo_data_load()
    loaded = _rows()
    User.objects.filter(username="tp.reporter").update(first_name="ĐÃ-SỬA")
    assert snapshot_restore()
    restored = _rows()
    assert {t: n for t, n in restored.items() if n != loaded[t]} == {}
    assert sum(restored.values()) > 1000
    assert not User.objects.filter(first_name="ĐÃ-SỬA").exists()
    # ids continue past the copied rows
    submission = Submission.objects.first()
    submission.pk = None
    submission.agency = User.objects.get(username="tp.reporter").agency
    submission.period = submission.period.plan.periods.exclude(pk=submission.period_id).first()
    Submission.objects.filter(period=submission.period, agency=submission.agency).delete()
    submission.save()
    assert submission.pk > max(Submission.objects.exclude(pk=submission.pk).values_list("pk", flat=True))
