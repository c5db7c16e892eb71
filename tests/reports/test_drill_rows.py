"""The drill-down pages read the rows the recompute stored with its run (issue 26: a target's
figures per agency, an area's roll-up, targets and tasks), and show the same page as when read
from the progress tables: a run made before the rows were stored, or a target or area added
since, falls back to those tables."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import AdministrativeLevel, User
from plans.models import ReportingPeriod
from reporting.models import (
    AreaDrillRows,
    ProgressRun,
    ReviewStatus,
    TargetDrillRows,
    TargetProgress,
    TargetResult,
)
from reporting.progress import period_progress_compute
from targets.models import Target

pytestmark = pytest.mark.django_db
CSRF = re.compile(r'(?<=name="csrfmiddlewaretoken" )value="[^"]*"')
CHART_IDS = re.compile(r"\bc\d+-")
SORTS = ("ten", "-ten", "gia_tri", "-gia_tri", "tien_do", "-tien_do", "trang_thai", "-trang_thai")


@pytest.fixture
def reviewer(client):
    client.force_login(User.objects.get(username="nv.reviewer"))
    return client


def hy(kind="year"):
    return ReportingPeriod.objects.select_related("plan").get(plan__code="hung-yen-2023", kind=kind)


def page(client, url, language="vi"):
    """The page rendered (the pages' cache emptied), and whether it read stored rows (and not
    the progress tables)."""
    cache.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    sql = [q["sql"] for q in queries.captured_queries]
    stored = any("drillrows" in q for q in sql) and not any("reports_targetprogress" in q for q in sql)
    # the header's forms carry a CSRF token of their own per request, a chart its page's ids
    html = CHART_IDS.sub("c-", CSRF.sub('value="csrf"', response.content.decode()))
    return html, stored


def text(value):
    return None if value is None else str(value)


def drill_urls(plan):
    periods = list(plan.periods.order_by("position"))
    levels = list(AdministrativeLevel.objects.values_list("pk", flat=True))
    urls = []
    for i, target in enumerate(Target.objects.filter(statement__plan=plan).order_by("pk")):
        for period in periods:
            url = reverse("reports:target_drill", args=[plan.pk, target.pk]) + f"?ky={period.pk}"
            urls.append(url)
            if i < 3 and period == periods[-1]:
                urls += [f"{url}&sap_xep={sort}" for sort in SORTS]
                urls += [f"{url}&cap={level}&sap_xep=-tien_do" for level in levels]
    for area in plan.areas.all():
        urls += [reverse("reports:area_drill", args=[plan.pk, area.pk]) + f"?ky={p.pk}" for p in periods]
    return urls


def test_a_recompute_stores_every_target_s_and_area_s_rows_with_its_run():
    period = hy()
    period_progress_compute(period_id=period.pk)
    run = ProgressRun.objects.get(period=period)
    targets = Target.objects.filter(statement__plan=period.plan)
    assert TargetDrillRows.objects.filter(run=run).count() == targets.count()
    assert AreaDrillRows.objects.filter(run=run).count() == period.plan.areas.count()
    target = targets.get(code="2.a.1")
    stored = TargetDrillRows.objects.get(run=run, target=target).rows
    rows = TargetProgress.objects.filter(period=period, target=target).order_by("scope")
    # each scope's figure as the progress table holds it: the exact decimals, ids, codes
    assert [(r[0], r[1], r[3], r[5], r[7]) for r in stored] == [
        (r.scope, r.agency_id, text(r.value), text(r.progress), r.status) for r in rows
    ]
    # again: the run's rows replaced, not added to
    period_progress_compute(period_id=period.pk)
    assert TargetDrillRows.objects.filter(run=run).count() == targets.count()


#: one test per language, so that pytest-xdist runs them side by side (issue 26: one test of
#: both was the suite's longest, 47 s); each language's pages compared as before
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_drill_downs_are_the_same_from_stored_rows_and_from_the_progress_tables(reviewer, language):
    plan = hy().plan
    urls = drill_urls(plan)
    assert len(urls) > 50
    stored = {}
    for url in urls:
        html, read_stored = page(reviewer, url, language)
        assert read_stored, url
        stored[url] = html
    TargetDrillRows.objects.all().delete()  # runs made before the rows were stored
    AreaDrillRows.objects.all().delete()
    for url in urls:
        html, read_stored = page(reviewer, url, language)
        assert not read_stored
        assert html == stored[url], url


def test_an_area_with_one_period_s_run_made_before_the_rows_reads_the_progress_tables(reviewer):
    """The trend spans every period: one period's run without rows, and the whole page is read
    from the progress tables (the same page)."""
    plan = hy().plan
    area = plan.areas.first()
    url = reverse("reports:area_drill", args=[plan.pk, area.pk]) + f"?ky={hy().pk}"
    before, read_stored = page(reviewer, url)
    assert read_stored
    AreaDrillRows.objects.filter(run__period=hy("h1"), plan_area=area).delete()
    after, _read = page(reviewer, url)
    assert after == before
    assert 'data-target="' in after  # a page with figures, not an empty one


def test_a_later_recompute_shows_its_own_figures(reviewer):
    period = hy("h1")
    target = Target.objects.get(statement__plan=period.plan, code="2.a.1")
    line = (
        TargetResult.objects.filter(
            submission__period=period, target=target, review_status=ReviewStatus.APPROVED
        )
        .exclude(numerator=None)
        .select_related("submission__agency")
        .first()
    )
    assert line is not None
    url = reverse("reports:target_drill", args=[period.plan_id, target.pk]) + f"?ky={period.pk}"
    line.numerator, line.denominator = Decimal(1), Decimal(4)  # 25%
    line.save()
    period_progress_compute(period_id=period.pk)
    html, read_stored = page(reviewer, url)
    assert read_stored
    cell = html.split(f'<tr data-agency="{line.submission.agency_id}"')[1].split("</tr>")[0]
    assert re.search(r'data-figure="value">25(,0)?%<', cell), cell
