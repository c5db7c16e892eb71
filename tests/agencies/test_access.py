import pytest
from django.core.exceptions import PermissionDenied

from agencies.access import (
    access_agency,
    can_read_agency,
    can_write_agency,
    province_of,
    user_is_reviewer,
)
from agencies.models import Agency, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def agency(code):
    return Agency.objects.get(code=code)


def user(role, code):
    return UserFactory(role=role, agency=agency(code))


def test_province_of():
    assert province_of(agency("hy-stp")) == agency("hy-ubnd")
    assert province_of(agency("hy-van-lam")) == agency("hy-ubnd")
    assert province_of(agency("hd-ubnd")) == agency("hd-ubnd")
    assert province_of(None) is None


@pytest.mark.parametrize(
    ("role", "home", "target", "read", "write"),
    [
        (User.Role.REPORTER, "hy-stp", "hy-stp", True, True),
        (User.Role.REPORTER, "hy-stp", "hy-snv", False, False),
        (User.Role.REPORTER, "hy-stp", "hd-stp", False, False),
        (User.Role.AGENCY_HEAD, "hy-stp", "hy-stp", True, False),
        (User.Role.AGENCY_HEAD, "hy-stp", "hy-vp", False, False),
        (User.Role.COORDINATOR, "hy-vp", "hy-van-lam", True, False),
        (User.Role.COORDINATOR, "hy-vp", "hd-vp", False, False),
        (User.Role.LEADERSHIP, "hy-ubnd", "hy-stp", True, False),
        (User.Role.LEADERSHIP, "hy-ubnd", "hd-stp", False, False),
        (User.Role.REVIEWER, "hy-snv", "hy-van-lam", True, True),
        # a Sở Nội vụ reviews its own province only: a national deployment holds many
        (User.Role.REVIEWER, "hy-snv", "hd-stp", False, False),
    ],
)
def test_read_and_write_rules(role, home, target, read, write):
    person = user(role, home)
    assert can_read_agency(person, agency(target)) is read
    assert can_write_agency(person, agency(target)) is write
    if read:
        assert access_agency(person, agency(target)) == agency(target)
    else:
        with pytest.raises(PermissionDenied):
            access_agency(person, agency(target))
    if not write:
        with pytest.raises(PermissionDenied):
            access_agency(person, agency(target), write=True)


def test_a_superuser_reviews_every_province():
    person = UserFactory(role=User.Role.REVIEWER, agency=agency("hy-snv"), is_superuser=True)
    assert can_read_agency(person, agency("hd-stp")) and can_write_agency(person, agency("hd-stp"))


def test_anonymous_and_roleless_users_see_nothing(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not can_read_agency(AnonymousUser(), agency("hy-stp"))
    roleless = django_user_model.objects.create_user("norole", password="x-secret-123")
    assert not can_read_agency(roleless, agency("hy-stp"))
    assert not user_is_reviewer(roleless)


def test_a_coordinator_leads_the_areas_its_agency_leads_only():
    from types import SimpleNamespace

    from agencies.access import leads_area

    coordinator = user(User.Role.COORDINATOR, "hy-vp")
    vp, stp = agency("hy-vp"), agency("hy-stp")
    tthc, the_che = SimpleNamespace(lead_agency_id=vp.pk), SimpleNamespace(lead_agency_id=stp.pk)
    assert leads_area(coordinator, tthc) and not leads_area(coordinator, the_che)
    assert not leads_area(coordinator, None)  # a plan-wide goal: no area
    # the agency leading it, but not as a coordinator: reporters read their own agency's lines
    assert not leads_area(user(User.Role.REPORTER, "hy-vp"), tthc)
    assert not leads_area(user(User.Role.REVIEWER, "hy-vp"), tthc)


def test_each_user_reads_the_plans_of_their_own_province():
    from agencies.access import readable_provinces

    for role, code, province in (
        (User.Role.REPORTER, "hy-stp", "hy-ubnd"),
        (User.Role.COORDINATOR, "hy-vp", "hy-ubnd"),
        (User.Role.REVIEWER, "hd-snv", "hd-ubnd"),
        (User.Role.LEADERSHIP, "hd-ubnd", "hd-ubnd"),
    ):
        assert list(readable_provinces(user(role, code))) == [agency(province)]
    superuser = UserFactory(role=User.Role.REVIEWER, agency=agency("hy-snv"), is_superuser=True)
    assert set(readable_provinces(superuser)) >= {agency("hy-ubnd"), agency("hd-ubnd")}
    from django.contrib.auth.models import AnonymousUser

    assert not readable_provinces(AnonymousUser()).exists()
