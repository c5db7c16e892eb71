"""The entry page for an agency with 60 targets and 40 tasks renders, saves and sends with the
same number of SQL queries as for an agency with 2 targets and 1 task; a send reads who reports
what once, as the page does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, User
from plans.models import PlanArea, ReformArea, Task
from plans.services import plan_periods_create_defaults
from reporting.models import Submission
from targets.models import Target, TargetStatement
from tests.factories import AgencyFactory, PlanFactory, UserFactory

pytestmark = pytest.mark.django_db


def build(n_targets, n_tasks):
    plan = PlanFactory(year=timezone.localdate().year + 1)  # periods still open
    agency = AgencyFactory(parent=plan.issuer)
    area = PlanArea.objects.create(
        plan=plan,
        area=ReformArea.objects.get(code="tthc"),
        code="1",
        title="Cải cách thủ tục hành chính",
        position=1,
        lead_agency=agency,
    )
    measures = [
        ("rate", ">=", 90, "%"),
        ("quantity", "<=", 15, "phút"),
        ("milestone", "done", None, ""),
        ("percent", ">", 80, "%"),
    ]
    for i in range(n_targets):
        statement = TargetStatement.objects.create(
            plan=plan, plan_area=area, code=f"1.{i}", position=i + 1, text=f"Chỉ tiêu {i}"
        )
        measure, comparator, value, unit = measures[i % len(measures)]
        Target.objects.create(
            statement=statement,
            position=1,
            code=f"1.{i}",
            text=f"Chỉ tiêu {i}",
            measure=measure,
            comparator=comparator,
            value=value,
            unit=unit,
            direction="lower" if comparator == "<=" else "higher",
            responsible_agency=agency,
            reporting_scope="responsible",
        )
    for i in range(n_tasks):
        task = Task.objects.create(
            plan=plan, plan_area=area, code=f"1.{i}", position=i + 1, text=f"Nhiệm vụ {i}"
        )
        task.lead_agencies.add(agency)
    period = plan_periods_create_defaults(plan=plan)[0]
    reporter = UserFactory(role=User.Role.REPORTER, agency=agency)
    return period, agency, reporter


def post_data(period, agency):
    data = {"version": "0"}
    for target in Target.objects.filter(statement__plan=period.plan):
        p = f"t{target.pk}-"
        if target.measure == "rate":
            data[p + "numerator"], data[p + "denominator"] = "9", "10"
        elif target.measure == "milestone":
            data[p + "done"] = "yes"
        else:
            data[p + "value"] = "12,5"
    for task in Task.objects.filter(plan=period.plan):
        data[f"k{task.pk}-progress"], data[f"k{task.pk}-percent"] = "in_progress", "30"
    return data


def measure(client, period, agency, reporter):
    client.force_login(reporter)
    url = reverse("reporting:submission_entry", args=[period.pk, agency.pk])
    with CaptureQueriesContext(connection) as get_ctx:
        page = client.get(url)
    assert page.status_code == 200
    with CaptureQueriesContext(connection) as post_ctx:
        saved = client.post(url, post_data(period, agency))
    assert saved.status_code == 302, saved.content[:3000]
    with CaptureQueriesContext(connection) as resave_ctx:  # every line updated, history kept
        data = post_data(period, agency)
        data["version"] = "1"
        data.update({k: "8" for k in data if k.endswith("-numerator")})
        assert client.post(url, data).status_code == 302
    with CaptureQueriesContext(connection) as send_ctx:  # saved again and sent
        data["version"], data["submit"] = "2", ""
        assert client.post(url, data).status_code == 302
    assert Submission.objects.get(period=period, agency=agency).status == Submission.Status.SUBMITTED
    # the lines' assignments (who reports which target) are read once for the request: the send
    # judges the lines the page read, with their rows as just saved
    assert _reads(send_ctx, "targets_target_reporting_levels") == 1, _reads(send_ctx, "targets_target")
    return len(get_ctx), len(post_ctx), len(resave_ctx), len(send_ctx)


def _reads(ctx, table: str) -> int:
    """The queries that read ``table`` (from it or joined)."""
    return sum(1 for q in ctx.captured_queries if f'"{table}"' in q["sql"].split(" WHERE ")[0])


def test_queries_do_not_grow_with_the_lines(client):
    small = measure(client, *build(2, 1))
    large = measure(client, *build(60, 40))
    # the page: session, user, period, agency, report, the province's bodies, the targets with
    # their reporting levels and named agencies (one query), the succession records, the lines'
    # targets, their thresholds with levels (one query), the one-stop bindings, tasks, the
    # reopening, the unread count; the header's agency is the page's
    # (then the save, the save of every line again, the save and send)
    assert all(n <= bound for n, bound in zip(small, (14, 34, 30, 38), strict=True)), small
    if connection.vendor == "sqlite":
        # SQLite caps a statement at 999 parameters, so Django splits the wide history
        # inserts into batches; PostgreSQL (the test command, CI, production) does not.
        assert small[0] == large[0] and large[1] - small[1] <= 2 and large[3] - small[3] <= 2, (small, large)
    else:
        assert small == large, {"small (2 targets, 1 task)": small, "large (60, 40)": large}
    page = client.get(
        reverse(
            "reporting:submission_entry",
            args=[
                *Target.objects.filter(text="Chỉ tiêu 59").values_list("statement__plan__periods", flat=True)[
                    :1
                ],
                Agency.objects.order_by("-pk")[0].pk,
            ],
        )
    )
    assert page.content.decode().count('data-kind="target"') == 60
    assert page.content.decode().count('data-kind="task"') == 40
