from datetime import date

import pytest

from agencies.models import Agency, User
from scoring import services
from scoring.demo import _demo_round_delete, scoring_demo_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The scoring demo (Hưng Yên 2022 and 2023, a full cycle), loaded once on top of the seeds
    and the reporting demo."""
    with django_db_blocker.unblock():
        scoring_demo_load(render=False)


@pytest.fixture
def open_round():
    """Hưng Yên 2023 scored afresh: the demo's round removed, a new one opened (no windows: every
    step open), its bound leaves computed from the year's data, the council member assigned to
    Sở Tư pháp and Sở Tài chính."""
    province = Agency.objects.get(code="hy-ubnd")
    _demo_round_delete(province, 2023)
    round_ = services.scoring_round_open(province=province, year=2023)
    services.round_scores_compute(round_id=round_.pk, as_of=date(2024, 1, 5))
    services.council_member_set(
        round_=round_,
        member=User.objects.get(username="council.member"),
        units=Agency.objects.filter(code__in=["hy-stp", "hy-stc"]),
    )
    return round_


def users(*names):
    return [User.objects.get(username=n) for n in names]
