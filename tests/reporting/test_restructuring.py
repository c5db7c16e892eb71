"""Issue 8: a merge moves the open work to the successor, with history kept, while what was
done and reported stays with the body that did it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agencies.models import Agency, AgencySuccession, User
from plans.models import ReportingPeriod, Task
from reporting.models import Submission, TaskUpdate
from reporting.services.restructuring import restructure, restructure_errors
from reports.documents import agency_report_data
from targets.models import Target
from targets.selectors import plan_target_assignments
from tests.factories import UserFactory, successor_body

pytestmark = pytest.mark.django_db

DECISION = "Quyết định số 12/QĐ-UBND ngày 20/6/2023"


@pytest.fixture
def merge_setup():
    """Hưng Yên's Sở TT&TT is merged into a new Sở KH&CN from 1/7/2023, while the 2023 plan
    runs. One of its tasks is left unfinished for the test."""
    old = Agency.objects.get(code="hy-stttt")
    new = successor_body(
        old,
        code="hy-skhcn-2023",
        name="Sở Khoa học, Công nghệ và Số",
        short_name="Sở KHCN&S",
        valid_from=date(2023, 7, 1),
    )
    tasks = list(Task.objects.filter(plan__code="hung-yen-2023", lead_agencies=old).order_by("position"))
    open_task = tasks[0]
    TaskUpdate.objects.filter(task=open_task, submission__agency=old).update(
        progress="in_progress", completed_on=None, percent=60
    )
    done = [
        t
        for t in tasks[1:]
        if TaskUpdate.objects.filter(
            task=t, submission__agency=old, progress="done", review_status="approved"
        ).exists()
    ]
    reporter = UserFactory(username="tttt.reporter", role=User.Role.REPORTER, agency=old)
    reviewer = User.objects.get(username="nv.reviewer")
    return {
        "old": old,
        "new": new,
        "open": open_task,
        "done": done,
        "reporter": reporter,
        "reviewer": reviewer,
    }


def test_a_merge_moves_open_work_and_keeps_what_was_reported(merge_setup):
    s = merge_setup
    old, new = s["old"], s["new"]
    q1 = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    before_report = agency_report_data(q1, old)
    submissions = list(Submission.objects.filter(agency=old).values_list("pk", flat=True))
    responsible = list(
        Target.objects.filter(statement__plan__code="hung-yen-2023", responsible_agency=old).values_list(
            "pk", flat=True
        )
    )
    assert s["done"] and responsible and submissions

    summary = restructure(
        kind="merge",
        predecessors=[old],
        successors=[new],
        effective_date=date(2023, 7, 1),
        user=s["reviewer"],
        decision=DECISION,
    )

    # The open task now has the successor as lead; the finished ones keep the body that did them.
    leads = set(s["open"].lead_agencies.values_list("code", flat=True))
    assert "hy-skhcn-2023" in leads and "hy-stttt" not in leads
    for task in s["done"]:
        assert "hy-stttt" in set(task.lead_agencies.values_list("code", flat=True))
    assert summary.tasks == 1
    # Targets pass to the successor, each with a history entry naming the reviewer and decision.
    assert set(
        Target.objects.filter(pk__in=responsible).values_list("responsible_agency__code", flat=True)
    ) == {"hy-skhcn-2023"}
    latest = Target.objects.get(pk=responsible[0]).history.first()
    assert latest.history_user == s["reviewer"] and latest.history_change_reason == DECISION
    task_record = s["open"].history.first()
    assert task_record.history_user == s["reviewer"]
    assert task_record.history_change_reason == DECISION
    assert summary.targets == len(responsible)
    # The old body ends the day before; the record is kept; its staff move.
    old.refresh_from_db()
    assert old.valid_to == date(2023, 6, 30)
    assert AgencySuccession.objects.filter(
        predecessor=old, successor=new, kind="merge", effective_date=date(2023, 7, 1)
    ).exists()
    s["reporter"].refresh_from_db()
    assert s["reporter"].agency == new
    # Past reports stay with the body that made them, under its own name.
    assert set(Submission.objects.filter(pk__in=submissions).values_list("agency_id", flat=True)) == {old.pk}
    after_report = agency_report_data(q1, old)
    assert after_report["issuer"] == before_report["issuer"]
    assert "Sở Thông tin và Truyền thông" in str(after_report["issuer"])
    # From the year-end period on, the successor is the one expected to report those targets.
    year = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    target = Target.objects.get(pk=responsible[0])
    assert plan_target_assignments(year.plan, on=year.window_end)[target.pk] == {new.pk}
    assert plan_target_assignments(q1.plan, on=q1.window_end)[target.pk] == {old.pk}


def test_a_plan_that_ended_before_the_change_keeps_its_bodies(merge_setup):
    s = merge_setup
    summary = restructure(
        kind="merge",
        predecessors=[s["old"]],
        successors=[s["new"]],
        effective_date=date(2025, 3, 1),
        user=s["reviewer"],
    )
    assert summary.tasks == 0 and summary.targets == 0 and summary.plans == []
    assert "hy-stttt" in set(s["open"].lead_agencies.values_list("code", flat=True))


@pytest.mark.parametrize(
    ("kind", "before", "after", "message"),
    [
        ("split", ["hy-stttt"], ["hy-stc"], "Chia tách là một cơ quan thành hai cơ quan trở lên."),
        ("merge", ["hy-stttt"], ["hy-stc", "hy-stp"], "Hợp nhất, sáp nhập có đúng một cơ quan kế thừa."),
        (
            "merge",
            ["hy-stc"],
            ["hy-stc"],
            "Một cơ quan không thể vừa là cơ quan trước vừa là cơ quan kế thừa.",
        ),
        (
            "rename",
            ["hy-stttt", "hy-stp"],
            ["hy-stc"],
            "Đổi tên hoặc giải thể là một cơ quan, với một cơ quan nhận lại công việc.",
        ),
        (
            "split",
            ["hy-stttt"],
            ["hy-stc", "hd-stp"],
            "Các cơ quan phải thuộc cùng một tỉnh (trừ hợp nhất tỉnh).",
        ),
    ],
)
def test_impossible_changes_are_refused_with_the_reason(kind, before, after, message):
    predecessors = [Agency.objects.get(code=c) for c in before]
    successors = [Agency.objects.get(code=c) for c in after]
    errors = restructure_errors(
        kind=kind, predecessors=predecessors, successors=successors, effective_date=date(2025, 3, 1)
    )
    assert message in errors
    before = AgencySuccession.objects.count()
    with pytest.raises(ValidationError):
        restructure(
            kind=kind,
            predecessors=predecessors,
            successors=successors,
            effective_date=date(2025, 3, 1),
            user=None,
        )
    assert AgencySuccession.objects.count() == before


def test_the_same_change_twice_is_refused(merge_setup):
    s = merge_setup
    args = {
        "kind": "merge",
        "predecessors": [s["old"]],
        "successors": [s["new"]],
        "effective_date": date(2025, 3, 1),
        "user": s["reviewer"],
    }
    before = AgencySuccession.objects.count()
    restructure(**args)
    with pytest.raises(ValidationError, match="đã được ghi nhận"):
        restructure(**args)
    assert AgencySuccession.objects.count() == before + 1


def test_the_page_records_a_merge_into_a_new_body_and_keeps_a_refused_form(client, merge_setup):
    s = merge_setup
    client.force_login(s["reviewer"])
    url = reverse("reporting:restructuring")
    kd = Agency.objects.get(code="hy-skhdt")
    refused = client.post(
        url,
        {
            "kind": "split",
            "predecessors": [kd.pk],
            "new_name": "Sở Kinh tế",
            "effective_date": "01/03/2025",
            "decision": DECISION,
        },
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Chia tách là một cơ quan thành hai cơ quan trở lên." in html
    assert 'value="Sở Kinh tế"' in html and 'value="01/03/2025"' in html
    assert not Agency.objects.filter(name="Sở Kinh tế").exists()  # nothing half-written

    done = client.post(
        url,
        {
            "kind": "merge",
            "predecessors": [kd.pk, s["old"].pk],
            "new_name": "Sở Kinh tế và Số",
            "new_short_name": "Sở KT&S",
            "effective_date": "01/03/2025",
            "decision": DECISION,
            "move_users": "on",
        },
    )
    assert done.status_code == 302
    created = Agency.objects.get(name="Sở Kinh tế và Số")
    assert created.valid_from == date(2025, 3, 1) and created.parent == kd.parent
    assert set(
        AgencySuccession.objects.filter(successor=created).values_list("predecessor__code", flat=True)
    ) == {"hy-skhdt", "hy-stttt"}
    page = client.get(url)
    assert "Sở Kinh tế và Số" in page.content.decode()
    assert "hoạt động đến 28/02/2025" in page.content.decode()


def test_only_reviewers_record_restructurings(client):
    client.force_login(User.objects.get(username="tp.reporter"))
    assert client.get(reverse("reporting:restructuring")).status_code == 403


def test_a_task_reopened_in_the_latest_report_moves(merge_setup):
    """Open means what the progress computation says: the predecessor's latest approved report
    on the task, not any report that once said done."""
    s = merge_setup
    reports = None
    for task in s["done"]:
        reports = list(
            TaskUpdate.objects.filter(
                task=task, submission__agency=s["old"], review_status="approved"
            ).order_by("submission__period__position")
        )
        if len(reports) >= 2:
            break
    assert reports and len(reports) >= 2
    earlier, latest = reports[-2], reports[-1]
    TaskUpdate.objects.filter(pk=earlier.pk).update(progress="done", completed_on=date(2023, 3, 1))
    TaskUpdate.objects.filter(pk=latest.pk).update(progress="in_progress", completed_on=None)
    restructure(
        kind="merge",
        predecessors=[s["old"]],
        successors=[s["new"]],
        effective_date=date(2023, 7, 1),
        user=s["reviewer"],
    )
    leads = set(task.lead_agencies.values_list("code", flat=True))
    assert "hy-skhcn-2023" in leads and "hy-stttt" not in leads
