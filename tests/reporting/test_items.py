"""A target's and a task's own page: the reviewer adjusts who reports / leads it, every change
is kept with who and when, and the entry pages follow the new assignment."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency, User
from plans.models import ReportingPeriod, Task
from reporting.selectors.entry import entry_sheet
from targets.models import Target
from targets.selectors import plan_target_assignments

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(client):
    client.force_login(User.objects.get(username="nv.reviewer"))
    return client


def agency(code):
    return Agency.objects.get(code=code)


def test_reviewer_names_the_agencies_that_report_a_target(reviewer):
    target = Target.objects.filter(
        statement__plan__code="hung-yen-2023", reporting_scope="responsible"
    ).first()
    url = reverse("reporting:target_detail", args=[target.pk])
    named = [agency("hy-stp"), agency("hy-stc")]
    response = reviewer.post(
        url,
        {
            "reporting_scope": "named",
            "responsible_agency": target.responsible_agency_id or "",
            "reporting_agencies": [a.pk for a in named],
        },
    )
    assert response.status_code == 302
    assert plan_target_assignments(target.statement.plan)[target.pk] == {a.pk for a in named}
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    codes = [line.target.pk for line in entry_sheet(period=period, agency=named[0]).target_lines]
    assert target.pk in codes
    text = reviewer.get(url).content.decode()
    assert f'data-assigned="{len(named)}"' in text
    history = text[text.index('class="card history') :]
    assert "cơ quan được chỉ định" in history and named[0].name in history
    assert "Nguyễn Thị Hòa" in history  # who made the change


def test_a_wrong_assignment_is_refused_and_nothing_changes(reviewer):
    target = Target.objects.filter(statement__plan__code="hung-yen-2023").first()
    before = plan_target_assignments(target.statement.plan)[target.pk]
    response = reviewer.post(
        reverse("reporting:target_detail", args=[target.pk]), {"reporting_scope": "levels"}
    )
    assert response.status_code == 400
    assert "Chọn ít nhất một cấp" in response.content.decode()
    assert plan_target_assignments(target.statement.plan)[target.pk] == before


def test_reviewer_changes_a_tasks_lead_and_the_history_shows_it(reviewer):
    task = Task.objects.filter(plan__code="hung-yen-2023", lead_agencies__code="hy-stp").first()
    url = reverse("reporting:task_detail", args=[task.pk])
    stp, snv = agency("hy-stp"), agency("hy-snv")
    response = reviewer.post(
        url,
        {
            "lead_agencies": [snv.pk],
            "cooperating_agencies": [snv.pk],
            "lead_groups": "",
            "cooperating_groups": "",
        },
    )
    assert response.status_code == 400
    assert "không vừa chủ trì vừa phối hợp" in response.content.decode()
    response = reviewer.post(
        url,
        {
            "lead_agencies": [snv.pk],
            "cooperating_agencies": [stp.pk],
            "lead_groups": "",
            "cooperating_groups": "các sở, ngành",
        },
    )
    assert response.status_code == 302
    assert list(task.lead_agencies.values_list("code", flat=True)) == ["hy-snv"]
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    line = next(x for x in entry_sheet(period=period, agency=stp).task_lines if x.task == task)
    assert line.role == "cooperating"
    history = reviewer.get(url).content.decode().split('class="card history')[1]
    assert "cơ quan chủ trì" in history and snv.name in history and "Nguyễn Thị Hòa" in history


def test_other_roles_read_the_item_without_the_form(client):
    client.force_login(User.objects.get(username="tp.reporter"))
    task = Task.objects.filter(plan__code="hung-yen-2023").first()
    text = client.get(reverse("reporting:task_detail", args=[task.pk])).content.decode()
    assert task.code in text and '<form method="post" class="card stacked assignment"' not in text


@pytest.mark.parametrize("name", ["reporting:target_detail", "reporting:task_detail"])
def test_item_pages_cost_a_bounded_number_of_queries(reviewer, name):
    model = Target if name == "reporting:target_detail" else Task
    item = model.objects.first()
    url = reverse(name, args=[item.pk])
    reviewer.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert reviewer.get(url).status_code == 200
    assert len(ctx) <= 20, len(ctx)


@pytest.mark.parametrize("name", ["reporting:target_detail", "reporting:task_detail"])
def test_item_page_queries_do_not_grow_with_the_history(reviewer, name):
    model = Target if name == "reporting:target_detail" else Task
    item = model.objects.first()
    url = reverse(name, args=[item.pk])
    reviewer.get(url)
    with CaptureQueriesContext(connection) as before:
        reviewer.get(url)
    for _ in range(10):
        item.text += "."
        item.save()
    with CaptureQueriesContext(connection) as after:
        reviewer.get(url)
    assert item.history.count() >= 11
    assert len(after) == len(before), (len(before), len(after))


def test_reviewer_enters_a_baseline_and_the_progress_is_recomputed(
    reviewer, django_capture_on_commit_callbacks
):
    from reporting.models import TargetProgress

    target = Target.objects.get(statement__plan__code="hung-yen-2023", note="tương ứng 15 đơn vị")
    url = reverse("reporting:target_detail", args=[target.pk])
    form = {
        "reporting_scope": "responsible",
        "responsible_agency": target.responsible_agency_id,
        "baseline_year": "2021",
    }
    page = reviewer.get(url).content.decode()
    assert "Giá trị năm gốc" in page and "dữ liệu mẫu" in page  # the demo's 600
    response = reviewer.post(url, {**form, "baseline_value": "6OO"})
    assert response.status_code == 400 and 'value="6OO"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(url, {**form, "baseline_value": "620"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.baseline_value, target.baseline_is_demo) == (620, False)
    year = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    row = TargetProgress.objects.get(period=year, target=target, scope="province")
    reduction = (620 - row.value) / 620 * 100  # "giảm tối thiểu 2,5% so với năm 2021"
    assert abs(row.progress - reduction / target.value) < 0.000001
    assert "giá trị gốc" in reviewer.get(url).content.decode().split('class="card history')[1]


def test_a_target_without_a_baseline_year_does_not_ask_for_one(reviewer):
    target = Target.objects.filter(statement__plan__code="hung-yen-2023", comparator=">").first()
    assert (
        "Giá trị năm gốc"
        not in reviewer.get(reverse("reporting:target_detail", args=[target.pk])).content.decode()
    )


def test_the_entry_page_says_a_count_against_a_baseline_is_the_number_now(reviewer):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="h1")
    target = Target.objects.get(statement__plan__code="hung-yen-2023", note="tương ứng 15 đơn vị")
    page = reviewer.get(
        reverse("reporting:submission_entry", args=[period.pk, agency("hy-snv").pk])
    ).content.decode()
    row = page.split(f'data-line="{target.code}"')[1].split("</tr>")[0]
    assert "số hiện có cuối kỳ; năm 2021: 600" in row
