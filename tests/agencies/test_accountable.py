"""Who answers for a period's work when bodies were merged, split or ended: a plain function."""

from datetime import date

import pytest

from agencies.succession import accountable_ids

OLD, NEW, TC, KHDT, HUYEN = 1, 2, 3, 4, 5
MERGE = (OLD, NEW, "merge", date(2023, 7, 1))  # Sở TT&TT into a new Sở KH&CN from 1/7/2023
INTO_EXISTING = (KHDT, TC, "merge", date(2025, 3, 1))  # Sở KH&ĐT into the existing Sở Tài chính
VALIDITY = {
    OLD: (None, date(2023, 6, 30)),
    NEW: (date(2023, 7, 1), None),
    KHDT: (None, date(2025, 2, 28)),
    TC: (None, None),
    HUYEN: (None, date(2025, 6, 30)),
}


@pytest.mark.parametrize(
    ("assigned", "on", "expected"),
    [
        ({NEW}, date(2023, 3, 14), {OLD}),  # before the merge: the old body's
        ({NEW}, date(2023, 6, 30), {OLD}),  # the last day of the old body
        ({NEW}, date(2023, 7, 1), {NEW}),  # from the effective date: the new one's
        ({NEW}, date(2023, 12, 14), {NEW}),
        ({OLD}, date(2023, 3, 14), {OLD}),  # not moved yet: as it was
        ({OLD}, date(2023, 12, 14), set()),  # a body that has ended answers for nothing
        ({TC}, date(2025, 2, 14), {TC}),  # a body that already existed: itself
        ({TC}, date(2025, 3, 14), {TC}),
        ({HUYEN}, date(2025, 6, 14), {HUYEN}),  # a district UBND before 1/7/2025
        ({HUYEN}, date(2025, 9, 14), set()),  # and after: abolished
        (set(), date(2025, 1, 1), set()),
    ],
)
def test_accountable_ids(assigned, on, expected):
    assert accountable_ids(assigned, edges=[MERGE, INTO_EXISTING], validity=VALIDITY, on=on) == expected


def test_a_chain_goes_back_through_every_step_and_loops_end():
    rename = (10, 11, "rename", date(2024, 1, 1))
    merge = (11, 12, "merge", date(2025, 3, 1))
    validity = {
        10: (None, date(2023, 12, 31)),
        11: (date(2024, 1, 1), date(2025, 2, 28)),
        12: (date(2025, 3, 1), None),
    }
    for on, expected in ((date(2023, 6, 1), {10}), (date(2024, 6, 1), {11}), (date(2025, 6, 1), {12})):
        assert accountable_ids({12}, edges=[rename, merge], validity=validity, on=on) == expected
    loop = [(20, 21, "merge", date(2025, 1, 1)), (21, 20, "merge", date(2025, 1, 1))]
    looping = {20: (date(2025, 1, 1), None), 21: (date(2025, 1, 1), None)}
    assert accountable_ids({20}, edges=loop, validity=looping, on=date(2024, 1, 1)) == set()
