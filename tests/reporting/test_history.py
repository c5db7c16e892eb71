"""Every history line speaks Vietnamese and names who really changed the value (issue 22,
item 8): codes by their labels, each step credited to whom it belongs, demo figures included."""

import pytest
from django.urls import reverse

from agencies.models import Agency, User
from plans.models import ReportingPeriod
from reporting.models import Submission, TaskUpdate
from reporting.selectors.history import submission_history

pytestmark = pytest.mark.django_db

CODES = {"returned", "pending", "approved", "done", "in_progress", "not_started", "draft", "submitted"}


def lines_of(entries):
    return [
        (e.who, str(e.subject), str(label), str(before), str(after))
        for e in entries
        for label, before, after in e.changes
    ]


def test_a_demo_report_credits_its_figures_to_the_reporter_and_its_verdict_to_the_reviewer():
    agency = Agency.objects.get(code="hy-stp")
    returned = (
        Submission.objects.filter(agency=agency, is_demo=True, status=Submission.Status.APPROVED)
        .filter(task_updates__progress=TaskUpdate.Progress.DONE)
        .first()
    )
    assert returned is not None
    lines = lines_of(submission_history(returned))
    reporter, reviewer = "Trần Văn Bình", "Nguyễn Thị Hòa"
    progress = [line for line in lines if line[2] == "tình hình"]
    assert progress and all(who == reporter for who, *_rest in progress)
    assert ("—", "Hoàn thành") in {(before, after) for *_x, before, after in progress}
    verdicts = [line for line in lines if line[2] == "duyệt"]
    assert verdicts and all(who == reviewer and after == "Đã duyệt" for who, _s, _l, _b, after in verdicts)
    for *_rest, before, after in lines:
        assert before not in CODES and after not in CODES, (before, after)


def test_the_review_page_shows_labels_not_codes(client):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    agency = Agency.objects.get(code="hy-stp")
    submission = Submission.objects.get(period=period, agency=agency)
    line = submission.task_updates.first() or submission.target_results.first()
    line.review_status = "returned"
    line.review_note = "Thiếu tệp"
    line._history_user = User.objects.get(username="nv.reviewer")
    line.save()
    client.force_login(User.objects.get(username="nv.reviewer"))
    text = client.get(reverse("reporting:submission_review", args=[submission.pk])).content.decode()
    assert "Trả lại" in text and "Thiếu tệp" in text
    assert "→ returned" not in text and "returned →" not in text and "→ done" not in text
