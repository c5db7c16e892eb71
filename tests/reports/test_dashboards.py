"""The dashboards read the stored progress: the figures they show are the stored ones, the
filters narrow what they show and live in the URL, and the number of SQL queries of every
dashboard page is the same for a plan with 1 agency and with 200."""

import re
from datetime import datetime, time, timedelta
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, User
from cchc.collation import sort_key
from plans.models import Plan, PlanArea, ReformArea, ReportingPeriod, Task
from plans.services import plan_periods_create_defaults
from reporting.models import (
    AgencyProgress,
    ReviewStatus,
    RollupProgress,
    Submission,
    TargetProgress,
    TargetResult,
    TaskProgress,
    TaskUpdate,
)
from reporting.progress import period_progress_compute
from reports import charts
from targets.models import Target, TargetStatement
from targets.progress import Status, progress_label
from tests.factories import AgencyFactory, PlanFactory

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def reviewer(client):
    client.force_login(User.objects.get(username="nv.reviewer"))
    return client


def hy(kind="year"):
    return ReportingPeriod.objects.select_related("plan").get(plan__code="hung-yen-2023", kind=kind)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- charts ---------------------------------------------------------------------------------


def parse(svg) -> ElementTree.Element:
    root = ElementTree.fromstring(str(svg))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    assert [root.find(f"{SVG}title").get("id"), root.find(f"{SVG}desc").get("id")] == ids
    return root


def test_a_stacked_bar_chart_is_valid_svg_with_a_text_alternative_and_patterns():
    bars = [
        charts.Bar("1. Cải cách thể chế", {Status.MET: 3, Status.OFF_TRACK: 1}, "72%"),
        charts.Bar(
            "6. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số rất dài", {Status.NO_DATA: 2}
        ),
    ]
    root = parse(charts.stacked_bars(bars, title="Tiến độ theo lĩnh vực"))
    assert root.find(f"{SVG}title").text == "Tiến độ theo lĩnh vực"
    desc = root.find(f"{SVG}desc").text
    assert "1. Cải cách thể chế: Đạt 3, Chậm 1 (72%)" in desc and "Chưa có số liệu 2" in desc
    patterns = {p.get("id").rsplit("-", 1)[1] for p in root.iter(f"{SVG}pattern")}
    assert patterns == {s.value.rsplit("-", 1)[-1] for s in Status}
    fills = {r.get("fill") for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None}
    assert len(fills) == 3 and all(f.startswith("url(#") for f in fills)  # pattern, not colour
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "72%" in texts and "3" in texts
    width = float(root.get("viewBox").split()[2])
    longest = max(len(t) for t in texts if t)
    assert longest * charts.CHAR_WIDTH <= width  # the long label was wrapped


def test_a_sparkline_leaves_gaps_and_lists_every_value():
    from decimal import Decimal as D

    root = parse(
        charts.sparkline(
            [("Quý I", D("0.5")), ("6 tháng", None), ("Quý III", D("0.8")), ("Năm", D("1.2"))],
            title="Xu hướng",
        )
    )
    assert root.find(f"{SVG}desc").text == "Quý I: 50%, 6 tháng: —, Quý III: 80%, Năm: 120%"
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    assert len(list(root.iter(f"{SVG}polyline"))) == 1  # Quý III–Năm; Quý I stands alone


def test_two_charts_on_one_page_do_not_share_pattern_ids():
    a = parse(charts.task_bar({"overdue": 1}, title="a"))
    b = parse(charts.task_bar({"overdue": 1}, title="b"))
    ids = lambda root: {p.get("id") for p in root.iter(f"{SVG}pattern")}  # noqa: E731
    assert not ids(a) & ids(b)


# --- the figures shown are the stored ones ----------------------------------------------------


def test_overview_shows_the_stored_figures(reviewer):
    period = hy()
    url = reverse("reports:overview", args=[period.plan_id])
    html = reviewer.get(url, {"ky": period.pk}).content.decode()
    rollup = RollupProgress.objects.get(period=period, scope="plan")
    rows = TargetProgress.objects.filter(period=period, scope="province")
    tiles = dict(re.findall(r'data-status="(\w+)"><strong>(\d+)</strong>', html))
    # the year's last period: final verdicts only (DOMAIN.md "Target verdict")
    assert {"met", "not_met", "no_basis"} <= set(tiles) and "at_risk" not in tiles and "on_track" not in tiles
    for status in Status.values:
        assert int(tiles.get(status, 0)) == rows.filter(status=status).count() == rollup.target_counts[status]
    shown = dict(re.findall(r'<tr data-target="(\d+)" data-status="(\w+)"', html))
    assert shown == {str(r.target_id): r.status for r in rows}
    for row in rows:
        cells = html.split(f'data-target="{row.target_id}"')[1].split("</tr>")[0]
        if row.progress is not None:
            shown = re.search(r'data-figure="progress">(\d+)%', cells)[1]
            # never "100%" for a target not met: floored, 99% at most (DOMAIN.md "Target verdict")
            assert f"{shown}%" == progress_label(row.progress, row.met)
    overdue = TaskProgress.objects.filter(period=period, status="overdue").count()
    assert f"{overdue} nhiệm vụ quá hạn" in text_of(html)
    agencies = AgencyProgress.objects.filter(period=period)
    submitted = agencies.exclude(submission_status__in=["missing", "draft"]).count()
    assert f"{submitted}/{agencies.count()}" in html


def test_the_agency_filter_lists_each_kind_in_vietnamese_order(reviewer):
    """The overview's "Cơ quan" choices, the sở then the districts, each in Vietnamese order:
    "UBND huyện Ân Thi" first, not after "Yên Mỹ" (the database's code-point order), "Sở Tài
    chính" before "Sở TT&TT"."""
    period = hy()
    html = reviewer.get(
        reverse("reports:overview", args=[period.plan_id]), {"ky": period.pk}
    ).content.decode()
    select = html.split('name="co_quan"', 1)[1].split("</select>", 1)[0]
    ids = [int(pk) for pk in re.findall(r'<option value="(\d+)"', select)]
    agencies = Agency.objects.in_bulk(ids)
    shown = [agencies[pk] for pk in ids]
    kinds = [a.kind for a in shown]
    assert kinds == sorted(kinds)  # the kinds in turn, as before
    for kind in set(kinds):
        names = [a.name for a in shown if a.kind == kind]
        assert names == sorted(names, key=sort_key), kind
    names = [a.name for a in shown]
    first = next(i for i, n in enumerate(names) if n.endswith("huyện Ân Thi"))
    assert first < next(i for i, n in enumerate(names) if n.endswith("huyện Yên Mỹ"))


def test_filters_live_in_the_url_and_narrow_targets_tasks_and_agencies(reviewer):
    period = hy()
    area = PlanArea.objects.get(plan=period.plan, lead_agency__code="hy-vp")  # TTHC
    url = reverse("reports:overview", args=[period.plan_id])
    html = reviewer.get(url, {"ky": period.pk, "linh_vuc": area.pk}).content.decode()
    shown = set(map(int, re.findall(r'<tr data-target="(\d+)"', html)))
    assert shown == set(
        TargetProgress.objects.filter(
            period=period, scope="province", target__statement__plan_area=area
        ).values_list("target_id", flat=True)
    )
    assert f'<option value="{area.pk}" selected>' in html  # the form shows the filter
    # at the year period the verdicts are final: "không đạt", not "chậm"
    late = reviewer.get(url, {"ky": period.pk, "trang_thai": "not_met"}).content.decode()
    assert set(re.findall(r'<tr data-target="\d+" data-status="(\w+)"', late)) == {"not_met"}
    stp = Agency.objects.get(code="hy-stp")
    own = reviewer.get(url, {"ky": period.pk, "co_quan": stp.pk}).content.decode()
    assert set(map(int, re.findall(r'<tr data-target="(\d+)"', own))) == set(
        TargetProgress.objects.filter(period=period, agency=stp).values_list("target_id", flat=True)
    )
    assert set(re.findall(r'<tr data-agency="(\d+)"><td><a', own)) == {str(stp.pk)}
    bad = reviewer.get(url, {"ky": period.pk, "trang_thai": "nonsense"})
    assert bad.status_code == 400 and "Bộ lọc không hợp lệ" in bad.content.decode()


def test_league_table_sorts_and_rows_without_figures_go_last(reviewer):
    period = hy()
    url = reverse("reports:overview", args=[period.plan_id])
    names = []
    for sort in ("ten", "-ten"):
        html = reviewer.get(url, {"ky": period.pk, "sap_xep": sort}).content.decode()
        league = html.split('id="xep-hang"')[1]
        names.append(
            re.findall(
                r'<tr data-agency="\d+">\s*<td class="num">\d+</td>\s*<td><a '
                r"[^>]*>([^<]+)</a>",
                league,
            )
        )
    # in Vietnamese order ("Sở Tài chính" before "Sở Thông tin và Truyền thông"), not by code point
    assert names[0] == sorted(names[0], key=sort_key) and names[1] == names[0][::-1] and len(names[0]) > 10
    assert names[0] != sorted(names[0])


def test_rows_without_the_sorted_figure_go_last_either_way():
    from types import SimpleNamespace

    from reports.dashboards import league_sorted

    def row(name, rate):
        return SimpleNamespace(agency=SimpleNamespace(name=name), targets_rate=rate)

    rows = [row("B", 0.5), row("A", None), row("C", 0.9), row("D", None)]
    order = [[r.agency.name for r in league_sorted(list(rows), sort)] for sort in ("chi_tieu", "-chi_tieu")]
    assert order == [["B", "C", "A", "D"], ["C", "B", "A", "D"]]


def test_target_drill_lists_every_agency_with_the_stored_value(reviewer):
    period = hy("h1")
    target = Target.objects.get(statement__plan=period.plan, code="2.a.1")
    url = reverse("reports:target_drill", args=[period.plan_id, target.pk])
    html = reviewer.get(url, {"ky": period.pk, "sap_xep": "-tien_do"}).content.decode()
    rows = TargetProgress.objects.filter(period=period, target=target, agency__isnull=False)
    shown = re.findall(r'<tr data-agency="(\d+)"', html)
    assert sorted(map(int, shown)) == sorted(rows.values_list("agency_id", flat=True))
    for row in rows.exclude(progress=None):
        cell = html.split(f'<tr data-agency="{row.agency_id}"')[1].split("</tr>")[0]
        assert f">{progress_label(row.progress, row.met)}<" in cell  # never 100% when not met
        assert f"pham-vi=agency%3A{row.agency_id}" in cell  # links to its explanation
    progress = [
        r.progress for r in sorted(rows.exclude(progress=None), key=lambda r: shown.index(str(r.agency_id)))
    ]
    assert progress == sorted(progress, reverse=True)
    missing = rows.filter(missing=1).count()
    assert f"{missing} cơ quan chưa có số liệu đã duyệt" in text_of(html)


def test_agency_drill_shows_its_year(reviewer):
    period = hy()
    stp = Agency.objects.get(code="hy-stp")
    html = reviewer.get(
        reverse("reports:agency_drill", args=[period.plan_id, stp.pk]), {"ky": period.pk}
    ).content.decode()
    assert len(re.findall(r'<tr data-period="\d+"', html)) == 4
    targets = set(
        TargetProgress.objects.filter(period__plan=period.plan, agency=stp).values_list(
            "target_id", flat=True
        )
    )
    assert set(map(int, re.findall(r'<tr data-target="(\d+)"', html))) == targets
    tasks = set(Task.objects.filter(plan=period.plan, lead_agencies=stp).values_list("pk", flat=True))
    assert set(map(int, re.findall(r'<tr data-task="(\d+)"', html))) == tasks


def test_a_coordinator_reads_an_agency_s_year_in_their_areas_only(client):
    """Văn phòng UBND tỉnh coordinates cải cách TTHC: on Sở Tư pháp's page it sees the targets
    and tasks of that area only, and each period's "targets met" counts those targets alone
    (the stored count covers every area)."""
    period = hy("q3")
    period_progress_compute(period_id=period.pk)
    stp = Agency.objects.get(code="hy-stp")
    tthc = PlanArea.objects.get(plan=period.plan, lead_agency__code="hy-vp")
    rows = TargetProgress.objects.filter(period=period, agency=stp)
    mine = rows.filter(target__statement__plan_area=tthc)
    assert mine.exists() and rows.exclude(target__statement__plan_area=tthc).exists()
    client.force_login(User.objects.get(username="vp.coordinator"))
    html = client.get(
        reverse("reports:agency_drill", args=[period.plan_id, stp.pk]), {"ky": period.pk}
    ).content.decode()
    assert 'data-scope="areas"' in html
    assert set(map(int, re.findall(r'<tr data-target="(\d+)"', html))) == set(
        TargetProgress.objects.filter(
            period__plan=period.plan, agency=stp, target__statement__plan_area=tthc
        ).values_list("target_id", flat=True)
    )
    assert set(map(int, re.findall(r'<tr data-task="(\d+)"', html))) == set(
        Task.objects.filter(plan=period.plan, lead_agencies=stp, plan_area=tthc).values_list("pk", flat=True)
    )
    row = re.search(rf'<tr data-period="{period.pk}".*?</tr>', html, re.S).group(0)
    cells = re.findall(r'<td class="num">([^<]*)</td>', row)
    # the agency is judged as the league judges it: no stretch target (DOMAIN.md "League")
    judged = [r for r in mine if not r.target.stretch and r.status != "na"]
    met = sum(1 for r in judged if r.met)
    assert cells[0] == f"{met}/{len(judged)}"
    stored = AgencyProgress.objects.get(period=period, agency=stp)
    assert stored.targets > mine.count()  # the stored count would tell other areas


def test_leadership_page_headline_and_worst_five(reviewer):
    period = hy()
    html = reviewer.get(
        reverse("reports:leadership", args=[period.plan_id]), {"ky": period.pk}
    ).content.decode()
    rollup = RollupProgress.objects.get(period=period, scope="plan")
    assert f"{rollup.met}/{rollup.targets}" in html
    assert f"{round(rollup.progress_mean * 100)}%" in html
    # what the mean is, beside it: a leader sees a mean near 100% beside targets not met
    assert "Tiến độ bình quân là trung bình tiến độ của các chỉ tiêu có số liệu" in html
    worst = [int(x) for x in re.findall(r'<li data-target="(\d+)"', html)]
    assert 0 < len(worst) <= 5
    statuses = [
        TargetProgress.objects.get(period=period, target_id=t, scope="province").status for t in worst
    ]
    # the year period's verdicts are final: the targets missed, never "có nguy cơ"
    assert set(statuses) == {"not_met"}
    assert "có nguy cơ" not in text_of(html.split('data-headline="targets"')[1].split("</div>")[0])
    assert "Năm 2023" in html and "Năm năm" not in html


@pytest.mark.parametrize("kind", ["h1", "year"])
def test_tasks_are_counted_once_alike_on_the_overview_and_the_leadership_page(reviewer, kind):
    """Each task is counted once, a sub-item only through its parent (DOMAIN.md), on the
    overview's tiles and task chart, filtered or not, and on the leadership page's headline
    and chart: the pages read the counts stored with the plan's roll-up when nothing narrows
    the tasks (issue 26), and count the rows they read when a filter does."""
    period = hy(kind)
    plan_id = period.plan_id
    rows = TaskProgress.objects.filter(period=period, task__parent=None)
    counts = {s: rows.filter(status=s).count() for s in ("done_on_time", "done_late", "overdue")}
    html = reviewer.get(reverse("reports:overview", args=[plan_id]), {"ky": period.pk}).content.decode()
    tiles = dict(re.findall(r'data-tasks="(\w+)"><strong>(\d+)</strong>', html))
    assert {k: int(v) for k, v in tiles.items()} == counts
    assert f"{rows.count()} nhiệm vụ" in text_of(html.split('id="qua-han"')[0])  # the task chart
    listed = set(map(int, re.findall(r'<tr data-task="(\d+)"', html.split('id="qua-han"')[1])))
    overdue = set(rows.filter(status="overdue").values_list("task_id", flat=True))
    unfinished = set(rows.filter(status__in=["in_progress", "not_due"]).values_list("task_id", flat=True))
    assert listed == (overdue | unfinished if kind == "year" else overdue)
    area = PlanArea.objects.get(plan_id=plan_id, lead_agency__code="hy-vp")
    narrowed = reviewer.get(
        reverse("reports:overview", args=[plan_id]), {"ky": period.pk, "linh_vuc": area.pk}
    ).content.decode()
    in_area = rows.filter(task__plan_area=area)
    tiles = dict(re.findall(r'data-tasks="(\w+)"><strong>(\d+)</strong>', narrowed))
    assert {k: int(v) for k, v in tiles.items()} == {
        s: in_area.filter(status=s).count() for s in ("done_on_time", "done_late", "overdue")
    }
    leadership = reviewer.get(
        reverse("reports:leadership", args=[plan_id]), {"ky": period.pk}
    ).content.decode()
    headline = text_of(leadership.split('data-headline="tasks"')[1].split("</div>")[0])
    done = counts["done_on_time"] + counts["done_late"]
    assert f"{done}/{rows.count()}" in headline
    assert f"{counts['done_on_time']} đúng hạn · {counts['overdue']} quá hạn" in headline
    assert f"{rows.count()} nhiệm vụ" in text_of(leadership)  # the task chart


def test_the_current_period_is_the_default(reviewer):
    period = hy()
    html = reviewer.get(reverse("reports:overview", args=[period.plan_id])).content.decode()
    assert "Tổng quan thực hiện kế hoạch — Năm 2023" in html  # every seed period has begun
    assert (
        reviewer.get(reverse("reports:overview", args=[period.plan_id]), {"ky": hy("q1").pk}).status_code
        == 200
    )


# --- constant query counts ---------------------------------------------------------------------


def build_plan(n_agencies: int) -> tuple[Plan, list[Agency]]:
    """A plan whose every target and task involves every one of ``n_agencies`` agencies, with
    an approved report from each agency in every period, and the stored progress computed."""
    plan = PlanFactory(year=2023)
    agencies = AgencyFactory.create_batch(n_agencies, parent=plan.issuer)
    area = PlanArea.objects.create(
        plan=plan,
        area=ReformArea.objects.get(code="tthc"),
        code="1",
        title="Cải cách thủ tục hành chính",
        position=1,
        lead_agency=agencies[0],
    )
    statement = TargetStatement.objects.create(
        plan=plan, plan_area=area, code="1.a", position=1, text="Các chỉ tiêu thử"
    )
    targets = [
        Target.objects.create(
            statement=statement,
            position=i + 1,
            code=f"1.a.{i + 1}",
            text=f"Chỉ tiêu {i}",
            measure=measure,
            comparator=comp,
            value=value,
            unit=unit,
            reporting_scope="all",
            responsible_agency=agencies[0],
        )
        for i, (measure, comp, value, unit) in enumerate(
            [("rate", ">=", 95, "%"), ("count", ">=", 4, "văn bản"), ("milestone", "done", None, "")]
        )
    ]
    task = Task.objects.create(plan=plan, plan_area=area, code="1", position=1, text="Nhiệm vụ")
    task.lead_agencies.set(agencies)
    periods = plan_periods_create_defaults(plan=plan)
    for period in periods:
        submissions = Submission.objects.bulk_create(
            [
                Submission(
                    agency=a,
                    period=period,
                    status="approved",
                    submitted_at=timezone.make_aware(datetime.combine(period.deadline, time(9))),
                )
                for a in agencies
            ]
        )
        TargetResult.objects.bulk_create(
            [
                TargetResult(
                    submission=s,
                    target=t,
                    review_status=ReviewStatus.APPROVED,
                    numerator=9 if t.measure == "rate" else None,
                    denominator=10 if t.measure == "rate" else None,
                    value=1 if t.measure == "count" else None,
                    done=True if t.measure == "milestone" else None,
                )
                for s in submissions
                for t in targets
            ]
        )
        TaskUpdate.objects.bulk_create(
            [
                TaskUpdate(
                    submission=s,
                    task=task,
                    progress="done",
                    percent=100,
                    completed_on=period.window_end - timedelta(days=1),
                    review_status=ReviewStatus.APPROVED,
                )
                for s in submissions
            ]
        )
        period_progress_compute(period_id=period.pk)
    return plan, agencies


def page_queries(client, plan, agencies):
    period = plan.periods.get(kind="h1")
    target = Target.objects.filter(statement__plan=plan).first()
    area = plan.areas.first()
    urls = {
        "overview": (reverse("reports:overview", args=[plan.pk]), {"ky": period.pk}),
        "filtered": (
            reverse("reports:overview", args=[plan.pk]),
            {
                "ky": period.pk,
                "linh_vuc": area.pk,
                "cap": agencies[0].level_id,
                "co_quan": agencies[0].pk,
                "sap_xep": "ten",
            },
        ),
        "today_structure": (
            reverse("reports:overview", args=[plan.pk]),
            {"ky": period.pk, "co_cau": "hien_nay"},
        ),
        "leadership": (reverse("reports:leadership", args=[plan.pk]), {"ky": period.pk}),
        "target": (reverse("reports:target_drill", args=[plan.pk, target.pk]), {"ky": period.pk}),
        "agency": (reverse("reports:agency_drill", args=[plan.pk, agencies[0].pk]), {}),
        "area": (reverse("reports:area_drill", args=[plan.pk, area.pk]), {"ky": period.pk}),
    }
    counts = {}
    for name, (url, query) in urls.items():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, query)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(ctx)
    return counts


def test_dashboard_queries_are_the_same_for_1_and_200_agencies(reviewer):
    small, small_agencies = build_plan(1)
    large, large_agencies = build_plan(200)
    assert AgencyProgress.objects.filter(period__plan=large).count() == 800
    html = reviewer.get(reverse("reports:overview", args=[large.pk])).content.decode()
    assert html.count('<tr data-agency="') == 400  # matrix + league, 200 each
    counts = page_queries(reviewer, large, large_agencies)
    assert page_queries(reviewer, small, small_agencies) == counts
    # issue 9: the overview within 15 queries, the stale-figures notice's one included. The
    # overview's: session, user, the plan with its periods and their last computation, the
    # area and plan figures, the target figures with their trends, their level thresholds, the
    # tasks (+ the lead agencies of the overdue ones, none here), the agencies' standing,
    # unread notifications, the notice, the filter's areas, agencies and levels, the header's
    # agency of the user; and, since pages are cached (issue 26, reports.caching), the plan's
    # progress version (the leadership page: and its issued reports) read for the cache key,
    # the notice's waiting recompute read with it (issue 26: one query, not two).
    # The leadership page reads no tasks (it shows their counts stored in the plan's roll-up)
    # and no trends: one query fewer than the overview's reads (issue 26). The drill-downs read
    # the rows their run stored (issue 26): the target with its rows in one query, then its
    # agencies' names; the area with each period's rows in one query.
    assert counts == {
        "overview": 14,
        "filtered": 14,
        "today_structure": 16,
        "leadership": 12,
        "target": 10,
        "agency": 11,
        "area": 11,
    }
    # the same pages again, from the cache: session, user, the version with the notice's
    # waiting recompute (+ the issued reports), the header's agency of the user (the scope's
    # province), unread notifications
    warm = page_queries(reviewer, large, large_agencies)
    assert warm == {name: 5 for name in counts} | {"leadership": 6}


def test_a_plan_without_periods_has_no_dashboards_404_not_500(reviewer):
    plan = PlanFactory(year=2027)  # no periods yet
    target_id = Target.objects.first().pk
    area_id = PlanArea.objects.first().pk
    agency_id = Agency.objects.get(code="hy-stp").pk
    for url in (
        reverse("reports:overview", args=[plan.pk]),
        reverse("reports:target_drill", args=[plan.pk, target_id]),
        reverse("reports:agency_drill", args=[plan.pk, agency_id]),
        reverse("reports:area_drill", args=[plan.pk, area_id]),
    ):
        assert reviewer.get(url).status_code == 404, url


@pytest.mark.parametrize("chosen", ["other plan", "not a number", "no such period"])
def test_the_leadership_page_of_a_period_not_of_its_plan_is_not_found(reviewer, chosen):
    """Its period is one of the plan's own (the page has no filter form to say otherwise)."""
    period = hy()
    other = ReportingPeriod.objects.get(plan__code="hai-duong-2024", kind="year")
    ky = {"other plan": other.pk, "not a number": "năm", "no such period": 2147483646}[chosen]
    url = reverse("reports:leadership", args=[period.plan_id])
    assert reviewer.get(url, {"ky": period.pk}).status_code == 200
    assert reviewer.get(url, {"ky": ky}).status_code == 404


def test_a_download_name_keeps_the_d_of_an_agency_name():
    from types import SimpleNamespace

    from reports.views_documents import _filename

    report = SimpleNamespace(
        agency_id=1,
        agency=SimpleNamespace(short_name="Sở KH&ĐT", name=""),
        period=SimpleNamespace(title="Quý I năm 2023"),
        version=2,
    )
    assert _filename(report, "pdf") == "bao-cao-cchc-quy-i-nam-2023-so-khdt-v2.pdf"
