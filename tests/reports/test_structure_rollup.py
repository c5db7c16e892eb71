"""A plan's dashboard under the bodies of its own year, or rolled up into today's bodies after
a merge: the counts add up, a report cell shows the worst member's state, the names of the
bodies that reported stay visible."""

import pytest
from django.urls import reverse

from agencies.models import Agency, User
from plans.models import ReportingPeriod
from reporting.models import AgencyProgress
from reports.dashboards import LeagueRow, league_rollup

pytestmark = pytest.mark.django_db


def test_league_rollup_adds_up_and_keeps_the_worst_report_state():
    a, b, c, new = (Agency(pk=i, name=n) for i, n in ((1, "Sở A"), (2, "Sở B"), (3, "Sở C"), (4, "Sở Mới")))
    q1, h1 = object(), object()

    def row(agency, status, on_time, targets, met, tasks, done):
        return LeagueRow(
            agency,
            AgencyProgress(
                agency=agency,
                period_id=9,
                submission_status=status,
                submitted_on_time=on_time,
                targets=targets,
                targets_met=met,
                tasks=tasks,
                tasks_done_on_time=done,
            ),
            # a cell is the report's state and its lateness (by the first sending)
            [(q1, "approved"), (h1, "submitted_late" if not on_time else "approved")],
            reports_due=2,
            reports_on_time=2 if on_time else 1,
        )

    rows = [
        row(a, "approved", True, 10, 8, 4, 4),
        row(b, "submitted", False, 6, 3, 2, 1),
        row(c, "approved", True, 5, 5, 1, 1),
    ]
    rolled = league_rollup(rows, {1: [new], 2: [new], 3: [c]}, sort="ten")
    assert [r.agency.name for r in rolled] == ["Sở C", "Sở Mới"]
    merged = rolled[1]
    assert [m.name for m in merged.members] == ["Sở A", "Sở B"]
    assert (merged.row.targets, merged.row.targets_met, merged.row.tasks, merged.row.tasks_done_on_time) == (
        16,
        11,
        6,
        5,
    )
    assert (merged.reports_due, merged.reports_on_time) == (4, 3)
    assert [key for _p, key in merged.cells] == ["approved", "submitted_late"]
    assert merged.compliance == "submitted_late"
    assert rolled[0] is rows[2]  # a body nothing happened to is left as it was


def test_the_overview_under_today_s_bodies(client):
    """The demo's 2025 changes: Sở TT&TT into Sở KH&CN, Sở KH&ĐT into Sở Tài chính."""
    reviewer = User.objects.get(username="nv.reviewer")
    tttt, khdt, tc, khcn = (
        Agency.objects.get(code=c) for c in ("hy-stttt", "hy-skhdt", "hy-stc", "hy-skhcn")
    )
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    figures = {r.agency_id: r for r in AgencyProgress.objects.filter(period=period)}
    client.force_login(reviewer)
    url = reverse("reports:overview", args=[period.plan_id])

    own_year = client.get(url, {"ky": period.pk})
    assert {tttt.pk, khdt.pk, tc.pk} <= {r.agency.pk for r in own_year.context["x"].league}
    assert "Sở Khoa học và Công nghệ" not in own_year.content.decode()

    today = client.get(url, {"ky": period.pk, "co_cau": "hien_nay"})
    league = {r.agency.pk: r for r in today.context["x"].league}
    assert tttt.pk not in league and khdt.pk not in league
    assert [m.pk for m in league[khcn.pk].members] == [tttt.pk]
    finance = league[tc.pk]
    assert {m.pk for m in finance.members} == {khdt.pk, tc.pk}
    assert finance.row.targets == figures[tc.pk].targets + figures[khdt.pk].targets
    assert finance.row.tasks == figures[tc.pk].tasks + figures[khdt.pk].tasks
    assert len(league) == len(own_year.context["x"].league) - 1  # two bodies became one
    html = today.content.decode()
    assert "gồm:" in html and "Sở Khoa học và Công nghệ" in html
