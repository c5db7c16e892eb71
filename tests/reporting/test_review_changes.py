"""The review page after a return (issue 22): a ticked "trả lại" line stays ticked when the form
comes back with an error; a report sent again shows what the agency changed since the return."""

import pytest
from django.urls import reverse

from agencies.models import User
from reporting.models import Submission, TargetResult, TaskUpdate
from tests.reporting.test_entry import form_data
from tests.reporting.test_review import submitted  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_a_ticked_line_and_its_reason_survive_an_error(client, submitted):  # noqa: F811
    line = TargetResult.objects.filter(submission=submitted).select_related("target").first()
    url = reverse("reporting:submission_review", args=[submitted.pk])
    response = client.post(
        url,
        {"return": "1", f"return-t{line.pk}": "1", f"note-t{line.pk}": "x" * 2001},  # too long
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert f'name="return-t{line.pk}" value="1" checked' in text
    assert 'value="' + "x" * 2001 + '"' in text
    other = TargetResult.objects.filter(submission=submitted).exclude(pk=line.pk).first()
    assert f'name="return-t{other.pk}" value="1">' in text  # not ticked


def test_a_resent_report_shows_each_changed_line_before_and_after(client, submitted):  # noqa: F811
    rate = (
        TargetResult.objects.filter(submission=submitted, target__measure="rate")
        .select_related("target")
        .first()
    )
    task = TaskUpdate.objects.filter(submission=submitted).select_related("task").first()
    url = reverse("reporting:submission_review", args=[submitted.pk])
    client.post(url, {"return": "1", f"return-t{rate.pk}": "1", f"note-t{rate.pk}": "Sai mẫu số"})
    submitted.refresh_from_db()
    assert submitted.status == "returned"

    client.force_login(User.objects.get(username="tp.reporter"))
    entry = reverse("reporting:submission_entry", args=[submitted.period_id, submitted.agency_id])
    _sheet, data = form_data(submitted.period, submitted.agency, version=submitted.version)
    data[f"t{rate.target_id}-denominator"] = "120"
    data[f"k{task.task_id}-percent"] = "70"
    assert client.post(entry, {**data, "submit": "1"}).status_code == 302
    assert Submission.objects.get(pk=submitted.pk).status == "submitted"

    client.force_login(User.objects.get(username="nv.reviewer"))
    text = client.get(url).content.decode()
    assert "Báo cáo được gửi lại sau khi Sở Nội vụ trả lại" in text
    assert f'class="line-pending changed" data-kind="target" data-line="{rate.target.code}"' in text
    assert f'changed" data-kind="task" data-line="{task.task.code}"' in text
    assert "mẫu số: <del>100</del> → <ins>120</ins>" in text
    assert "% hoàn thành: <del>50</del> → <ins>70</ins>" in text
    assert text.count("data-changed") == 2  # the other lines did not change


def test_a_first_sending_shows_no_changes(client, submitted):  # noqa: F811
    text = client.get(reverse("reporting:submission_review", args=[submitted.pk])).content.decode()
    assert "data-changed" not in text and "data-resent" not in text
