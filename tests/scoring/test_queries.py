"""Every scoring page reads the same number of SQL queries for a province of 5 units and of 50
(generated, marked demo), in each of its states: open, fixed, published."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import AdministrativeLevel, Agency, User
from scoring import documents, services
from scoring.models import CriteriaSet, LeafScore, Publication
from scoring.rules import State

pytestmark = pytest.mark.django_db


def _province(size: int):
    """A province of ``size`` sở scored on a copy of the example set, every unit scored, the
    result fixed and published; a reviewer of it."""
    tinh = AdministrativeLevel.objects.get(code="tinh")
    province = Agency.objects.create(
        code=f"q{size}-ubnd",
        name=f"Ủy ban nhân dân tỉnh Q{size}",
        kind="ubnd_tinh",
        level=tinh,
        symbol="UBND",
        place_name=f"Q{size}",
    )
    units = [
        Agency(
            code=f"q{size}-so-{i}", name=f"Sở thứ {i} tỉnh Q{size}", kind="so", level=tinh, parent=province
        )
        for i in range(size)
    ]
    Agency.objects.bulk_create(units)
    reviewer = User.objects.create_user(
        f"q{size}.reviewer",
        password="x" * 12,
        role="reviewer",
        agency=Agency.objects.get(code=f"q{size}-so-0"),
    )
    source = CriteriaSet.objects.get(province__code="hy-ubnd", year=2023, version=1)
    criteria_set = services.criteria_set_copy(source=source, year=2023, province=province, user=None)
    services.criteria_set_publish(criteria_set=criteria_set, user=reviewer)
    round_ = services.scoring_round_open(province=province, year=2023, is_demo=True)
    services.round_scores_compute(round_id=round_.pk, as_of=date(2024, 1, 5))
    member = User.objects.create_user(
        f"q{size}.member", password="x" * 12, agency=Agency.objects.get(code=f"q{size}-so-1")
    )
    services.council_member_set(
        round_=round_, member=member, units=Agency.objects.filter(code__in=[f"q{size}-so-0"])
    )
    for i, score in enumerate(LeafScore.objects.filter(assessment__round=round_).select_related("node")):
        score.self_points = score.node.max_points if i % 3 else 0
        score.appraised_points = score.node.max_points if i % 4 else 0
        score.survey_points = score.node.max_points if score.node.rule_kind == "survey" else None
        score.save()
    return round_, reviewer, member


def _pages(round_, assessment_id):
    return {
        "index": reverse("scoring:index"),
        "round": reverse("scoring:round_detail", args=[round_.pk]),
        "ranking": reverse("scoring:ranking", args=[round_.pk]),
        "dashboard": reverse("scoring:dashboard", args=[round_.pk]),
        "projection": reverse("scoring:projection", args=[round_.pk]) + "?ngay=20/09/2023",
        "survey": reverse("scoring:survey", args=[round_.pk]),
        "publication": reverse("scoring:publication_page", args=[round_.pk]),
        "assessment": reverse("scoring:assessment", args=[assessment_id]),
        "set": reverse("scoring:set_detail", args=[round_.assessments.first().criteria_set_id]),
    }


def _counts(client, round_, reviewer) -> dict[str, int]:
    client.force_login(reviewer)
    assessment = round_.assessments.order_by("unit__code").first()
    counts = {}
    for name, url in _pages(round_, assessment.pk).items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


def _fix_and_publish(round_, reviewer):
    round_.assessments.update(state=State.COUNCIL)
    services.round_finalize(round_=round_, user=reviewer)
    Publication.objects.create(
        round=round_,
        data=documents.publication_data(round_),
        state="issued",
        number="1",
        issued_on=date(2024, 2, 1),
        issuer=round_.province,
        series="QĐ-UBND",
        issued_year=2024,
    )


def test_same_queries_for_5_and_50_units(client):
    small, small_reviewer, _m = _province(5)
    large, large_reviewer, _m = _province(50)
    open_small, open_large = _counts(client, small, small_reviewer), _counts(client, large, large_reviewer)
    assert open_small == open_large
    _fix_and_publish(small, small_reviewer)
    _fix_and_publish(large, large_reviewer)
    final_small, final_large = _counts(client, small, small_reviewer), _counts(client, large, large_reviewer)
    assert final_small == final_large
    print("queries per page (open, published):", open_small, final_small)
    assert max(final_small.values()) <= 30


def test_a_council_member_s_pages_do_not_grow_with_units(client):
    counts = []
    for size in (5, 50):
        round_, _reviewer, member = _province(size)
        client.force_login(member)
        assessment = round_.assessments.get(unit__code=f"q{size}-so-0")
        per_page = {}
        for name in ("round", "assessment", "projection"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(_pages(round_, assessment.pk)[name])
            assert response.status_code == 200
            per_page[name] = len(queries)
        counts.append(per_page)
    assert counts[0] == counts[1]
