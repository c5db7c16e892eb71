from collections import Counter

import pytest

from agencies.models import User
from plans.demo import demo_data_load
from plans.models import Plan, Submission
from targets.models import TargetResult

pytestmark = pytest.mark.django_db


def test_one_demo_user_per_role():
    roles = Counter(User.objects.filter(email__endswith="@demo.cchc.local")
                    .values_list("role", flat=True))
    assert set(roles) == set(User.Role.values)
    assert all(n == 1 for n in roles.values())


def test_every_period_of_both_plans_has_demo_results():
    for plan in Plan.objects.filter(code__in=["hung-yen-2023", "hai-duong-2024"]):
        for period in plan.periods.all():
            results = TargetResult.objects.filter(submission__period=period)
            assert results.exists(), (plan.code, period.kind)
            assert results.filter(review_status="approved").exists()
    assert not Submission.objects.filter(is_demo=False).exists()


def test_demo_rates_are_consistent():
    rates = TargetResult.objects.filter(target__measure="rate")
    assert rates.exists()
    for line in rates:
        assert line.denominator > 0 and 0 <= line.numerator <= line.denominator
    # Six months contain Quý I: the same agency reports at least as many files by 14/6.
    for q1 in rates.filter(submission__period__kind="q1")[:50]:
        h1 = rates.filter(target=q1.target, submission__agency=q1.submission.agency,
                          submission__period__kind="h1").first()
        if h1:
            assert h1.denominator >= q1.denominator


def test_demo_data_is_reproducible():
    def fingerprint():
        return sorted(TargetResult.objects.values_list(
            "target_id", "submission__agency_id", "submission__period__kind", "numerator",
            "denominator", "value", "done"))

    before = fingerprint()
    demo_data_load()
    assert fingerprint() == before
