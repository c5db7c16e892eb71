"""The plan-aware access rules (plans/access.py, SECURITY.md "Access rules"): who reads a plan,
which ids belong together, which lines of an agency a user reads, who reads a deadline
extension request."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from agencies.models import Agency, User
from plans.access import (
    belongs_together,
    can_read_line,
    can_read_plan,
    line_in_areas,
    readable_plans,
    require_line_reader,
    require_together,
)
from plans.models import Plan, PlanArea, Task
from reporting.access import can_read_extension
from reporting.models import TaskExtension
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HY, HD = "hung-yen-2023", "hai-duong-2024"


def agency(code):
    return Agency.objects.get(code=code)


def person(role, code, **extra):
    return UserFactory(role=role, agency=agency(code), **extra)


def plan(code):
    return Plan.objects.select_related("issuer").get(code=code)


@pytest.mark.parametrize(
    ("role", "code", "reads"),
    [
        (User.Role.REPORTER, "hy-stp", {HY}),
        (User.Role.AGENCY_HEAD, "hy-van-lam", {HY}),  # a body under a district: still Hưng Yên
        (User.Role.COORDINATOR, "hy-vp", {HY}),
        (User.Role.LEADERSHIP, "hy-ubnd", {HY}),
        (User.Role.REVIEWER, "hy-snv", {HY}),
        (User.Role.REVIEWER, "hd-snv", {HD}),
        (User.Role.LEADERSHIP, "hd-ubnd", {HD}),
    ],
)
def test_a_plan_is_read_by_the_people_of_its_province(role, code, reads):
    user = person(role, code)
    assert {c for c in (HY, HD) if can_read_plan(user, plan(c))} == reads
    listed = set(readable_plans(user, Plan.objects.filter(code__in=[HY, HD])).values_list("code", flat=True))
    assert listed == reads


def test_a_superuser_reads_every_plan_and_nobody_without_a_role_in_a_province():
    superuser = person(User.Role.REVIEWER, "hy-snv", is_superuser=True)
    assert can_read_plan(superuser, plan(HD)) and can_read_plan(superuser, plan(HY))
    assert not can_read_plan(AnonymousUser(), plan(HY))
    homeless = User.objects.create_user("khong-co-quan", password="x-secret-123")  # no role
    assert not can_read_plan(homeless, plan(HY))
    assert not readable_plans(homeless, Plan.objects.all()).exists()
    roleless = User.objects.create_user("khong-vai-tro", password="x-secret-123", agency=agency("hy-stp"))
    assert not can_read_plan(roleless, plan(HY))
    assert not readable_plans(roleless, Plan.objects.all()).exists()


def test_ids_belong_together_when_the_agency_is_of_the_plan_s_province():
    assert belongs_together(plan(HY), agency("hy-stp"))
    assert belongs_together(plan(HY), agency("hy-van-lam"))
    assert not belongs_together(plan(HY), agency("hd-stp"))
    assert not belongs_together(plan(HD), agency("hy-stp"))
    assert not belongs_together(plan(HY), None)
    require_together(plan(HY), agency("hy-stp"), agency("hy-snv"))
    with pytest.raises(Http404):
        require_together(plan(HY), agency("hy-stp"), agency("hd-stp"))


def test_a_line_in_the_readable_areas():
    assert line_in_areas(None, 7) and line_in_areas(None, None)  # every area
    assert line_in_areas({7, 8}, 7) and not line_in_areas({7, 8}, 9)
    assert not line_in_areas({7}, None)  # a plan-wide goal is no coordinator's
    assert not line_in_areas(set(), 7)


@pytest.mark.parametrize(
    ("role", "code", "line_of", "area", "reads"),
    [
        (User.Role.REPORTER, "hy-stp", "hy-stp", "the_che", True),
        (User.Role.REPORTER, "hy-stp", "hy-stp", None, True),
        (User.Role.REPORTER, "hy-stp", "hy-snv", "tthc", False),
        (User.Role.COORDINATOR, "hy-vp", "hy-stp", "tthc", True),
        (User.Role.COORDINATOR, "hy-vp", "hy-stp", "the_che", False),
        (User.Role.COORDINATOR, "hy-vp", "hy-stp", None, False),
        (User.Role.LEADERSHIP, "hy-ubnd", "hy-stp", "the_che", True),
        (User.Role.LEADERSHIP, "hy-ubnd", "hd-stp", "the_che", False),
        (User.Role.REVIEWER, "hy-snv", "hy-stp", None, True),
        (User.Role.REVIEWER, "hd-snv", "hy-stp", "tthc", False),
    ],
)
def test_who_reads_a_line_of_an_agency(role, code, line_of, area, reads):
    hy = plan(HY)
    areas = {
        "tthc": PlanArea.objects.get(plan=hy, lead_agency__code="hy-vp").pk,
        "the_che": PlanArea.objects.get(plan=hy, lead_agency__code="hy-stp").pk,
        None: None,
    }
    user = person(role, code)
    assert can_read_line(user, hy, agency(line_of), areas[area]) is reads
    if not reads and belongs_together(hy, agency(line_of)):
        with pytest.raises(PermissionDenied):
            require_line_reader(user, hy, agency(line_of), areas[area])


def test_even_a_superuser_reads_no_line_of_an_agency_in_another_province_s_plan():
    superuser = person(User.Role.REVIEWER, "hy-snv", is_superuser=True)
    assert can_read_line(superuser, plan(HD), agency("hd-stp"), None)
    assert not can_read_line(superuser, plan(HY), agency("hd-stp"), None)
    with pytest.raises(Http404):
        require_line_reader(superuser, plan(HY), agency("hd-stp"), None)


def test_who_reads_a_deadline_extension_request():
    """Sở Tư pháp asked to extend a task of cải cách TTHC (an area Văn phòng UBND tỉnh
    coordinates) that Sở Nội vụ leads too."""
    hy = plan(HY)
    task = (
        Task.objects.select_related("plan__issuer", "plan_area")
        .filter(plan=hy, plan_area__lead_agency__code="hy-vp")
        .first()
    )
    task.lead_agencies.add(agency("hy-stp"), agency("hy-snv"))
    extension = TaskExtension(
        task=task,
        agency=agency("hy-stp"),
        original_due_date=date(2023, 6, 30),
        requested_due_date=date(2023, 9, 30),
        reason="Chờ thẩm định.",
    )
    readers = {
        (User.Role.REPORTER, "hy-stp"): True,  # the agency that asked
        (User.Role.AGENCY_HEAD, "hy-stp"): True,
        (User.Role.REPORTER, "hy-snv"): False,  # a lead that did not ask
        (User.Role.COORDINATOR, "hy-vp"): True,  # the area's coordinator
        (User.Role.COORDINATOR, "hy-stp"): False,  # another area's
        (User.Role.LEADERSHIP, "hy-ubnd"): True,
        (User.Role.REVIEWER, "hy-snv"): True,
        (User.Role.REVIEWER, "hd-snv"): False,  # another province
        (User.Role.LEADERSHIP, "hd-ubnd"): False,
    }
    for (role, code), reads in readers.items():
        assert can_read_extension(person(role, code), extension) is reads, (role, code)
    assert can_read_extension(person(User.Role.REVIEWER, "hd-snv", is_superuser=True), extension)
    assert not can_read_extension(AnonymousUser(), extension)
