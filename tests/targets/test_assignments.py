"""One agency's targets (``agency_target_ids``, what the entry page asks on every request) are
the targets whose assignments (``plan_target_assignments``, every body of the province at once)
name it: for every period and every body of the seeded plans' provinces, and after a merge and a
split of bodies while a plan runs, on cut-offs before and after them."""

from datetime import date

import pytest

from agencies.models import Agency
from plans.models import Plan, ReportingPeriod
from reporting.services.restructuring import restructure
from targets.models import Target
from targets.selectors import agency_target_ids, plan_target_assignments
from tests.factories import successor_body
from tests.reporting.test_restructuring import merge_setup  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def bodies_of(plan) -> list[int]:
    """Every body under the plan's issuer, whenever it existed, and one of another province."""
    ids = list(Agency.objects.filter(parent=plan.issuer_id).values_list("pk", flat=True))
    other = Agency.objects.exclude(parent=plan.issuer_id).exclude(pk=plan.issuer_id).order_by("pk").first()
    return [*ids, other.pk, plan.issuer_id]


def assert_the_same(plan, cut_offs) -> int:
    """``agency_target_ids`` against ``plan_target_assignments`` for every body and cut-off;
    the number of (body, target) pairs assigned, so a test knows it compared something."""
    pairs = 0
    for on in cut_offs:
        assignments = plan_target_assignments(plan, on=on)
        for agency_id in bodies_of(plan):
            expected = {target for target, ids in assignments.items() if agency_id in ids}
            assert agency_target_ids(plan, agency_id, on=on) == expected, (plan.code, on, agency_id)
            pairs += len(expected)
    return pairs


@pytest.mark.parametrize("code", ["hung-yen-2023", "hai-duong-2024"])
def test_one_agencys_targets_are_those_the_assignments_name_it_for(code):
    plan = Plan.objects.get(code=code)
    cut_offs = [None, *ReportingPeriod.objects.filter(plan=plan).values_list("window_end", flat=True)]
    assert assert_the_same(plan, cut_offs) > 100


def test_the_same_after_a_merge_and_a_split_while_the_plan_runs(merge_setup):  # noqa: F811
    old, new = merge_setup["old"], merge_setup["new"]
    reviewer = merge_setup["reviewer"]
    restructure(
        kind="merge",
        predecessors=[old],
        successors=[new],
        effective_date=date(2023, 7, 1),
        user=reviewer,
        decision="Quyết định số 12/QĐ-UBND",
    )
    split_from = Agency.objects.get(code="hy-snv")
    halves = [
        successor_body(split_from, code=f"hy-snv-{n}", name=f"Sở Nội vụ {n}", valid_from=date(2023, 10, 1))
        for n in (1, 2)
    ]
    restructure(
        kind="split",
        predecessors=[split_from],
        successors=halves,
        effective_date=date(2023, 10, 1),
        user=reviewer,
        decision="Quyết định số 13/QĐ-UBND",
    )
    plan = Plan.objects.get(code="hung-yen-2023")
    responsible = Target.objects.filter(statement__plan=plan, responsible_agency=new).values_list(
        "pk", flat=True
    )
    assert responsible  # the merge moved targets to the successor
    cut_offs = [
        None,
        date(2023, 3, 31),
        date(2023, 6, 30),
        date(2023, 7, 1),
        date(2023, 9, 30),
        date(2023, 12, 31),
    ]
    assert assert_the_same(plan, cut_offs) > 100
    # before the merge the old body answers for the targets passed on, after it the new one
    assert set(responsible) <= agency_target_ids(plan, old.pk, on=date(2023, 3, 31))
    assert not set(responsible) & agency_target_ids(plan, new.pk, on=date(2023, 3, 31))
    assert set(responsible) <= agency_target_ids(plan, new.pk, on=date(2023, 12, 31))
    assert not agency_target_ids(plan, old.pk, on=date(2023, 12, 31))  # it has ended


def test_the_same_through_a_chain_of_merges(merge_setup):  # noqa: F811
    """Sở TT&TT merged into a new body on 1/7, that body into another on 1/10: on a cut-off
    before both, the first body answers for what the last one is now responsible for."""
    old, new, reviewer = merge_setup["old"], merge_setup["new"], merge_setup["reviewer"]
    restructure(
        kind="merge", predecessors=[old], successors=[new], effective_date=date(2023, 7, 1), user=reviewer
    )
    newer = successor_body(
        new, code="hy-skhcn-2023-10", name="Sở Khoa học và Công nghệ", valid_from=date(2023, 10, 1)
    )
    restructure(
        kind="merge", predecessors=[new], successors=[newer], effective_date=date(2023, 10, 1), user=reviewer
    )
    plan = Plan.objects.get(code="hung-yen-2023")
    moved = set(
        Target.objects.filter(statement__plan=plan, responsible_agency=newer).values_list("pk", flat=True)
    )
    assert moved
    cut_offs = [date(2023, 3, 31), date(2023, 8, 31), date(2023, 12, 31)]
    assert assert_the_same(plan, cut_offs) > 100
    assert moved <= agency_target_ids(plan, old.pk, on=date(2023, 3, 31))  # two steps back
    assert moved <= agency_target_ids(plan, new.pk, on=date(2023, 8, 31))
    assert moved <= agency_target_ids(plan, newer.pk, on=date(2023, 12, 31))
    assert not moved & agency_target_ids(plan, old.pk, on=date(2023, 8, 31))
