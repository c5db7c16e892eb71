"""Two requests of one agency at once, for real (PostgreSQL: SQLite's in-memory test database is
one connection). "Lưu và gửi" saves then submits; a save of another tab or reporter of the same
agency must not slip in between and be overwritten by the submit (found by the concurrent-entry
benchmark's review, bench/concurrency)."""

import threading
from unittest import mock

import pytest
from django.db import connections
from django.urls import reverse

from reporting.models import Submission
from reporting.services import submissions as services
from tests.conftest import ensure_reference_data
from tests.reporting.test_entry_scale import build, post_data
from tests.workers import needs_postgresql


@pytest.mark.django_db(transaction=True)
def test_a_save_during_save_and_send_is_refused_not_overwritten(client):
    needs_postgresql()
    ensure_reference_data()
    period, agency, reporter = build(2, 1)
    url = reverse("reporting:submission_entry", args=[period.pk, agency.pk])
    client.force_login(reporter)
    assert client.post(url, post_data(period, agency)).status_code == 302  # a draft, version 1
    other = {}

    def other_tab_saves():
        """Reads the stored version (as its page would show it) and saves at once, on its own
        connection."""
        try:
            seen = Submission.objects.get(period=period, agency=agency).version
            services.submission_save(
                period=period, agency=agency, user=reporter, version=seen, target_values={}, task_values={}
            )
            other["saved"] = True
        except services.StaleSubmissionError:
            other["saved"] = False
        finally:
            connections.close_all()

    real_submit = services.submission_submit

    def submit_after_the_other_save(**kwargs):
        other["thread"] = threading.Thread(target=other_tab_saves)
        other["thread"].start()
        other["thread"].join(timeout=1)  # still waiting for the row lock when it is held
        return real_submit(**kwargs)

    data = {**post_data(period, agency), "version": "1", "submit": ""}
    with mock.patch.object(services, "submission_submit", submit_after_the_other_save):
        assert client.post(url, data).status_code == 302
    other["thread"].join(timeout=10)
    submission = Submission.objects.get(period=period, agency=agency)
    saves = 2 + other["saved"]
    assert submission.status == Submission.Status.SUBMITTED
    # Before the fix the other save went through (version 3) and the submit wrote its own copy
    # of the row back (version 2): a page opened at version 2 could then save over it unrefused.
    assert submission.version == saves, {"version": submission.version, "saves": saves}
    assert other["saved"] is False
