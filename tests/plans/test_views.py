import re

import pytest
from django.urls import reverse
from django.utils import translation

from agencies.models import Agency, User
from plans.models import Plan, ReportingPeriod
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_client(client):
    client.force_login(User.objects.get(username="nv.reviewer"))
    return client


def test_pages_need_login(client):
    plan = Plan.objects.get(code="hung-yen-2023")
    for url in (reverse("targets:plan_list"), reverse("targets:plan_detail", args=[plan.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_login_page_is_vietnamese_even_for_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert 'lang="vi"' in response.text and "Đăng nhập" in response.text


def test_login_with_demo_account(client):
    wrong = client.post(reverse("login"), {"username": "nv.reviewer", "password": "sai"})
    assert wrong.status_code == 200 and 'role="alert"' in wrong.text
    assert 'value="nv.reviewer"' in wrong.text  # what was typed is kept
    response = client.post(reverse("login"), {"username": "nv.reviewer", "password": "demo-cchc-2026"})
    assert response.status_code == 302


def test_plan_list_shows_both_seed_plans(reviewer_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):  # 6, and the header's unread notifications
        response = reviewer_client.get(reverse("targets:plan_list"))
    text = response.text
    assert "Kế hoạch cải cách hành chính nhà nước tỉnh Hưng Yên năm 2023" in text
    assert "Kế hoạch cải cách hành chính nhà nước tỉnh Hải Dương năm 2024" in text
    assert "giai đoạn" not in text  # multi-year parents are reached from their annual plans


def test_plan_list_filter_by_year(reviewer_client):
    response = reviewer_client.get(reverse("targets:plan_list"), {"year": 2024})
    assert "Hải Dương năm 2024" in response.text and "Hưng Yên năm 2023" not in response.text


def test_plan_list_filters_name_their_empty_choice_and_offer_provinces_with_a_plan(client):
    """The walk found "---------" as the empty choice and a province without any plan offered."""
    AgencyFactory(kind=Agency.Kind.UBND_TINH, name="UBND thành phố Hải Phòng")
    client.force_login(UserFactory(is_superuser=True))
    text = client.get(reverse("targets:plan_list")).text
    issuer = re.search(r'<select name="issuer".*?</select>', text, re.S).group(0)
    assert '<option value="" selected>Mọi cơ quan ban hành</option>' in issuer
    assert "Hưng Yên" in issuer and "Hải Dương" in issuer and "Hải Phòng" not in issuer
    status = re.search(r'<select name="status".*?</select>', text, re.S).group(0)
    assert '<option value="" selected>Mọi trạng thái</option>' in status


@pytest.mark.parametrize(
    ("code", "figures"),
    [
        (
            "hung-yen-2023",
            [
                "&gt; 95%",
                "≥ 80%",
                "Top 20",
                "tăng 2–5 bậc",
                "cao hơn năm 2022",
                "cấp tỉnh 60% · cấp huyện 50% · cấp xã 30%",
                "giảm ≥ 2,5% so với năm 2021",
                "giảm ≥ 1,38% so với năm 2021",
                "Hoàn thành",
                "phấn đấu",
            ],
        ),
        (
            "hai-duong-2024",
            [
                "95–100%",
                "≤ 15 phút",
                "≥ 2 hoạt động",
                "cấp tỉnh 85% · cấp huyện 75% · cấp xã 65%",
                "&gt; 30%",
            ],
        ),
    ],
)
def test_plan_page_shows_targets_as_an_officer_reads_them(reviewer_client, code, figures):
    plan = Plan.objects.get(code=code)
    text = reviewer_client.get(reverse("targets:plan_detail", args=[plan.pk])).text
    for figure in figures:
        assert figure in text, figure


def test_plan_page_lists_every_task_with_its_lead(reviewer_client):
    plan = Plan.objects.get(code="hai-duong-2024")
    text = reviewer_client.get(reverse("targets:plan_detail", args=[plan.pk])).text
    for task in plan.tasks.all():
        link = reverse("reporting:task_detail", args=[task.pk])
        assert f'<td class="code"><a href="{link}">{task.code}</a></td>' in text
    assert "Sở KH&amp;ĐT" in text  # lead of area 8 (tác động)


def test_plan_page_query_count_is_fixed(reviewer_client, django_assert_num_queries):
    """Session + user, then: plan, areas, statements, targets, thresholds, tasks, lead
    agencies, cooperating agencies, periods, the next year's drafts copied from it, the year's
    close (chốt năm), the user's agency and unread notifications in the header — 15, whatever
    the plan's size (44 or 60 tasks)."""
    for code in ("hung-yen-2023", "hai-duong-2024"):
        plan = Plan.objects.get(code=code)
        with django_assert_num_queries(15):
            response = reviewer_client.get(reverse("targets:plan_detail", args=[plan.pk]))
        assert response.status_code == 200


def test_unknown_plan_is_404(reviewer_client):
    assert reviewer_client.get(reverse("targets:plan_detail", args=[999999])).status_code == 404


def test_english_is_available(reviewer_client):
    reviewer_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = reviewer_client.get(reverse("targets:plan_list")).text
    assert 'lang="en"' in text
    assert "Plans" in text


@pytest.mark.parametrize(
    "url",
    [
        "/quan-tri/",
        "/quan-tri/agencies/agency/",
        "/quan-tri/agencies/agency/?kind=ubnd_huyen",
        "/quan-tri/agencies/user/",
        "/quan-tri/plans/plan/",
        "/quan-tri/plans/task/?q=Thường+xuyên",
        "/quan-tri/plans/reportingperiod/",
        "/quan-tri/targets/target/?measure=rank",
        "/quan-tri/targets/targetstatement/",
        "/quan-tri/plans/planarea/",
    ],
)
def test_admin_lists_master_data(reviewer_client, url):
    response = reviewer_client.get(url)
    assert response.status_code == 200


def test_admin_change_pages_with_inlines(reviewer_client):
    plan = Plan.objects.get(code="hung-yen-2023")
    response = reviewer_client.get(f"/quan-tri/plans/plan/{plan.pk}/change/")
    assert response.status_code == 200 and "Cải cách thể chế" in response.text
    statement = plan.target_statements.get(code="2.a")
    response = reviewer_client.get(f"/quan-tri/targets/targetstatement/{statement.pk}/change/")
    assert response.status_code == 200 and "phấn đấu 80%" in response.text


@pytest.mark.parametrize(
    ("role", "code", "own", "other"),
    [
        (User.Role.REPORTER, "hy-stp", "hung-yen-2023", "hai-duong-2024"),
        (User.Role.LEADERSHIP, "hy-ubnd", "hung-yen-2023", "hai-duong-2024"),
        (User.Role.COORDINATOR, "hy-vp", "hung-yen-2023", "hai-duong-2024"),
        (User.Role.REVIEWER, "hd-snv", "hai-duong-2024", "hung-yen-2023"),  # not a superuser
    ],
)
def test_each_province_lists_and_opens_its_own_plans_only(client, role, code, own, other):
    from agencies.models import Agency
    from tests.factories import UserFactory

    client.force_login(UserFactory(role=role, agency=Agency.objects.get(code=code)))
    mine, theirs = Plan.objects.get(code=own), Plan.objects.get(code=other)
    listed = client.get(reverse("targets:plan_list")).text
    assert mine.title in listed and theirs.title not in listed
    assert theirs.issuer.short_name not in listed  # nor in the issuer filter
    assert (
        client.get(reverse("targets:plan_list"), {"issuer": theirs.issuer_id}).status_code == 200
    )  # an unknown choice: no plan shown
    assert client.get(reverse("targets:plan_detail", args=[mine.pk])).status_code == 200
    for name in ("targets:plan_detail", "plans:appendix_download"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 403
    target = theirs.target_statements.first().targets.first()
    task = theirs.tasks.first()
    assert client.get(reverse("reporting:target_detail", args=[target.pk])).status_code == 403
    assert client.get(reverse("reporting:task_detail", args=[task.pk])).status_code == 403


def test_a_period_is_named_everywhere_as_its_pages_name_it():
    """Notifications and e-mails print a period by its name ("Quý III năm 2023"), as the pages
    do; they said "Quý III 2023"."""
    periods = {p.kind: p for p in ReportingPeriod.objects.filter(plan__code="hung-yen-2023")}
    with translation.override("vi"):
        assert str(periods["q3"]) == periods["q3"].title == "Quý III năm 2023"
        assert str(periods["h1"]) == "6 tháng năm 2023" and str(periods["year"]) == "Năm 2023"
