"""Dashboard pages served from the cache (issue 26, reports.caching): never a page of figures
older than the plan's last recompute, never one viewer's scope to another, one entry for the
viewers of one scope, and the personal header rendered for each viewer around it."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, User
from plans.models import Plan, ReportingPeriod
from reporting.models import PendingRecompute, ReviewStatus, TargetProgress, TargetResult
from reporting.progress import period_progress_compute
from reporting.tasks import progress_recompute
from reports import caching
from targets.models import Target
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    return ReportingPeriod.objects.select_related("plan").get(plan__code="hung-yen-2023", kind="year")


@pytest.fixture
def renders(monkeypatch):
    """The fragments rendered (cache misses), by template."""
    seen = []
    real = caching.fragment_render

    def spy(template_name, context):
        seen.append(template_name)
        return real(template_name, context)

    monkeypatch.setattr(caching, "fragment_render", spy)
    return seen


def page_keys() -> list[str]:
    return [key for key in cache._cache if ":page:" in key]  # LocMemCache's store (tests' cache)


def as_user(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def statuses(html) -> dict[str, str]:
    return dict(re.findall(r'<tr data-target="(\d+)" data-status="(\w+)"', html))


def main(html) -> str:
    return html.split('<main class="page">')[1].split("</main>")[0]


def header(html) -> str:
    return html.split("<header")[1].split("</header>")[0]


def test_after_a_recompute_the_page_shows_the_new_figures_never_the_cached_ones(client, year, renders):
    reviewer = as_user(client, "nv.reviewer")
    url = reverse("reports:overview", args=[year.plan_id])
    period_progress_compute(period_id=year.pk)
    first = reviewer.get(url, {"ky": year.pk}).content.decode()
    target = Target.objects.get(
        pk=TargetProgress.objects.filter(period=year, scope="province")
        .exclude(status__in=["no_data", "no_basis"])
        .values_list("target_id", flat=True)
        .order_by("target_id")[0]
    )
    assert statuses(first)[str(target.pk)] not in ("no_data", "no_basis")

    # the stored figures change without a recompute (no new version): the cached page is served
    TargetProgress.objects.filter(period=year, target=target, scope="province").update(status="no_data")
    assert statuses(reviewer.get(url, {"ky": year.pk}).content.decode()) == statuses(first)
    assert len(renders) == 1

    # its approved results are withdrawn and the period recomputed: the new figure at once
    TargetResult.objects.filter(target=target).update(review_status=ReviewStatus.PENDING)
    version = Plan.objects.get(pk=year.plan_id).progress_version
    period_progress_compute(period_id=year.pk)
    assert Plan.objects.get(pk=year.plan_id).progress_version == version + 1
    after = reviewer.get(url, {"ky": year.pk}).content.decode()
    assert statuses(after)[str(target.pk)] == "no_basis"  # the year's: nothing approved, chưa đủ căn cứ
    assert {t: s for t, s in statuses(after).items() if t != str(target.pk)} == {
        t: s for t, s in statuses(first).items() if t != str(target.pk)
    }
    assert len(renders) == 2


def test_a_reviewers_cached_page_is_never_served_to_a_reporter_or_another_provinces_leader(
    client, year, renders
):
    plan = year.plan
    as_user(client, "nv.reviewer")
    overview = reverse("reports:overview", args=[plan.pk])
    stp = Agency.objects.get(code="hy-stp")
    agency_page = reverse("reports:agency_drill", args=[plan.pk, stp.pk])
    assert client.get(overview).status_code == 200
    reviewers = client.get(agency_page).content.decode()
    assert reverse("reports:overview", args=[plan.pk]) in reviewers  # a reviewer reads the plan's
    assert len(page_keys()) == 2

    # the reporter of that very agency: the overview refused, the agency's page of their own
    as_user(client, "tp.reporter")
    assert client.get(overview).status_code == 403
    reporters = client.get(agency_page)
    assert reporters.status_code == 200
    assert reverse("reports:overview", args=[plan.pk]) not in reporters.content.decode()
    # the coordinator: the lines of the areas their agency leads only
    coordinators = as_user(client, "vp.coordinator").get(agency_page).content.decode()
    assert main(coordinators) not in (main(reviewers), main(reporters.content.decode()))
    assert 'data-scope="areas"' in coordinators and 'data-scope="areas"' not in reviewers
    assert len(page_keys()) == 4 and len(renders) == 4

    # the leader of Hải Dương: Hưng Yên's pages refused, cached or not
    other_leader = UserFactory(role=User.Role.LEADERSHIP, agency=Agency.objects.get(code="hd-ubnd"))
    client.force_login(other_leader)
    assert client.get(overview).status_code == 403
    assert client.get(reverse("reports:leadership", args=[plan.pk])).status_code == 403
    assert client.get(agency_page).status_code == 403
    # a reviewer of Hải Dương likewise
    client.force_login(UserFactory(role=User.Role.REVIEWER, agency=Agency.objects.get(code="hd-ubnd")))
    assert client.get(overview).status_code == 403
    assert len(page_keys()) == 4 and len(renders) == 4


def test_two_leaders_of_one_province_share_one_entry_and_each_sees_their_own_header(client, year, renders):
    leader = User.objects.get(username="ubnd.leader")
    second = UserFactory(
        role=User.Role.LEADERSHIP, agency=leader.agency, first_name="Thị Mai", last_name="Vũ"
    )
    url = reverse("reports:leadership", args=[year.plan_id])
    client.force_login(leader)
    one = client.get(url, {"ky": year.pk}).content.decode()
    client.force_login(second)
    two = client.get(url, {"ky": year.pk}).content.decode()
    assert renders == ["reports/leadership.html"]  # rendered for the first, served to the second
    assert len(page_keys()) == 1
    assert main(one) == main(two) and "Chỉ tiêu đạt" in main(two)
    assert leader.get_full_name() in header(one) and leader.get_full_name() not in header(two)
    assert "Vũ Thị Mai" in header(two) or "Thị Mai Vũ" in header(two)
    # the CSRF token of the header's forms is each one's own; none is in the cached part
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert token.search(header(one)) and token.search(header(two))
    fragment = cache.get(page_keys()[0].split(":", 3)[3])  # prefix:release:version:key
    assert "csrfmiddlewaretoken" not in fragment.content and leader.get_full_name() not in fragment.content
    # the same page with another period, or in English, is another entry
    client.get(url, {"ky": ReportingPeriod.objects.get(plan=year.plan, kind="h1").pk})
    client.cookies["django_language"] = "en"
    english = client.get(url, {"ky": year.pk}).content.decode()
    assert "Targets met" in main(english) and "Chỉ tiêu đạt" not in main(english)
    assert len(page_keys()) == 3


def test_the_query_string_in_any_order_is_one_entry(client, year, renders):
    as_user(client, "nv.reviewer")
    url = reverse("reports:overview", args=[year.plan_id])
    a = client.get(f"{url}?ky={year.pk}&sap_xep=ten").content.decode()
    b = client.get(f"{url}?sap_xep=ten&ky={year.pk}").content.decode()
    assert main(a) == main(b) and len(renders) == 1


def test_the_stale_notice_is_filled_per_request_around_a_cached_page(client, year, renders):
    as_user(client, "nv.reviewer")
    url = reverse(
        "reports:target_drill", args=[year.plan_id, Target.objects.filter(statement__plan=year.plan)[0].pk]
    )
    assert "notice stale" not in client.get(url).content.decode()
    PendingRecompute.objects.create(
        period=year, first_requested_at=year.plan.updated_at, requested_at=year.plan.updated_at
    )
    waiting = client.get(url).content.decode()
    assert "notice stale" in waiting and "có thể chưa gồm thay đổi mới nhất" in waiting
    assert caching.STALE_SLOT not in waiting
    assert len(renders) == 1


def test_a_recompute_warms_the_overview_and_leadership_pages_of_its_plan(client, year, renders, settings):
    settings.PAGE_CACHE_WARM = True
    progress_recompute(year.pk)
    warmed = len(renders)
    assert warmed == 4  # overview and leadership, for the reviewers' and the leaders' scope
    as_user(client, "nv.reviewer")
    assert "Tổng quan" in client.get(reverse("reports:overview", args=[year.plan_id])).content.decode()
    client.force_login(UserFactory(role=User.Role.LEADERSHIP, agency=Agency.objects.get(code="hy-ubnd")))
    assert client.get(reverse("reports:leadership", args=[year.plan_id])).status_code == 200
    assert len(renders) == warmed  # both served from what the recompute rendered


@pytest.mark.parametrize("cache_on", [True, False])
def test_a_rendered_page_says_a_recompute_waits_as_a_served_one_does(
    client, year, renders, settings, cache_on
):
    """The notice is read with the plan's version when the cache is looked up (issue 26: no query
    of its own); rendered or served, with the cache off or on, each dashboard page says a
    recompute of its plan waits, and late once it has waited longer than the workers take; a
    recompute waiting for another plan says nothing here."""
    if not cache_on:
        settings.PAGE_CACHE_SECONDS = 0
    as_user(client, "nv.reviewer")
    target = Target.objects.filter(statement__plan=year.plan, statement__plan_area__isnull=False)[0]
    urls = [
        reverse("reports:overview", args=[year.plan_id]),
        reverse("reports:leadership", args=[year.plan_id]),
        reverse("reports:target_drill", args=[year.plan_id, target.pk]),
        reverse("reports:area_drill", args=[year.plan_id, target.statement.plan_area_id]),
        reverse("reports:target_explain", args=[year.pk, target.pk]),
    ]
    other = ReportingPeriod.objects.exclude(plan=year.plan).first()
    now = timezone.now()
    PendingRecompute.objects.create(period=other, first_requested_at=now, requested_at=now)
    for url in urls:
        cache.clear()
        page = client.get(url).content.decode()
        assert "notice stale" not in page, url
    later = ReportingPeriod.objects.filter(plan=year.plan).exclude(pk=year.pk).first() or year
    waiting = PendingRecompute.objects.create(
        period=later, first_requested_at=now - timedelta(minutes=1), requested_at=now
    )
    for url in urls:
        cache.clear()
        rendered = client.get(url).content.decode()
        served = client.get(url).content.decode()
        for page in (rendered, served):
            assert "notice stale" in page and "notice stale late" not in page, url
    waiting.first_requested_at = now - timedelta(minutes=30)
    waiting.save()
    for url in urls:
        cache.clear()
        page = client.get(url).content.decode()
        assert "notice stale late" in page and "Việc tính lại đang chậm" in page, url


def test_a_new_release_never_serves_the_last_ones_pages(client, year, renders, monkeypatch):
    """Redis outlives a deploy: a page cached by the last release (its layout, its links, its
    static files' hashed names) is rendered again by the new one (``cchc.release``)."""
    from cchc import release

    overview = reverse("reports:overview", args=[year.plan_id])
    as_user(client, "nv.reviewer")
    monkeypatch.setattr(release, "release", lambda: "release-a")
    client.get(overview)
    client.get(overview)
    assert len(renders) == 1 and all(":release-a:" in key for key in page_keys())
    monkeypatch.setattr(release, "release", lambda: "release-b")
    client.get(overview)
    assert len(renders) == 2  # not the last release's entry
    client.get(overview)
    assert len(renders) == 2
