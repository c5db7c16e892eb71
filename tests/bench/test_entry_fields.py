"""The fields the concurrent-entry benchmark posts (``bench.concurrency.values.entry_fields``,
read from the entry page as a browser would send them) are what the page accepts: saved, then
sent, with the figures the verification expects."""

import pytest
from django.urls import reverse

from bench.concurrency import values
from reporting.models import Submission, TargetResult, TaskUpdate
from tests.reporting.test_entry_scale import build

pytestmark = pytest.mark.django_db


def test_the_benchmark_posts_what_the_page_accepts(client):
    period, agency, reporter = build(4, 2)  # a rate, a time, a milestone, a percentage; two tasks
    client.force_login(reporter)
    url = reverse("reporting:submission_entry", args=[period.pk, agency.pk])
    account = {"no": 7, "username": reporter.username}
    page = client.get(url).content.decode()
    for save_no, button in ((1, "save"), (2, "submit")):
        fields, targets, tasks = values.entry_fields(page, account, period.pk, save_no, button)
        assert sorted(targets.values()) == ["done", "numerator", "value", "value"] and len(tasks) == 2
        data = values.form_data(fields)
        assert client.post(url, data).status_code == 302
        page = client.get(url).content.decode()
    submission = Submission.objects.get(period=period, agency=agency)
    assert submission.status == Submission.Status.SUBMITTED and submission.version == 2
    rate = TargetResult.objects.get(submission=submission, target__measure="rate")
    assert (rate.numerator, rate.denominator) == values.rate(7, 2)
    saved = TargetResult.objects.filter(submission=submission).select_related("target")
    line = {r.target.measure: r for r in saved}
    assert line["quantity"].value == values.number(7, 2) and line["milestone"].done is True
    comments = set(TargetResult.objects.filter(submission=submission).values_list("comment", flat=True))
    assert comments == {values.token(reporter.username, period.pk, 2)}
    assert {u.percent for u in TaskUpdate.objects.filter(submission=submission)} == {values.percent(2)}
