"""The reminder rules, day by day, without a database."""

from datetime import date, timedelta

import pytest

from reporting.reminders import rules
from reporting.reminders.rules import (
    digest_days,
    latest_past_deadline,
    period_occasion,
    task_occasion,
)

DEADLINE = date(2025, 3, 20)  # a Thursday


def _period_days(deadline, grace_days=0, reopened_until=None, span=range(-12, 40)):
    """{days relative to the deadline: occasion} for each day of ``span`` with one due."""
    found = {}
    for offset in span:
        today = deadline + timedelta(days=offset)
        occasion = period_occasion(
            deadline=deadline, grace_days=grace_days, today=today, reopened_until=reopened_until
        )
        if occasion is not None:
            found[offset] = occasion
    return found


def test_before_the_deadline_only_7_3_and_1_days_before():
    found = _period_days(DEADLINE)
    assert [o for o in found if o < 0] == [-7, -3, -1]
    assert [found[o].days_left for o in (-7, -3, -1)] == [7, 3, 1]
    assert {found[o].key for o in (-7, -3, -1)} == {"2025-03-20:-7", "2025-03-20:-3", "2025-03-20:-1"}
    assert not any(found[o].overdue for o in (-7, -3, -1))
    assert 0 not in found  # nothing on the deadline day itself


def test_without_grace_days_one_reminder_the_day_after_and_it_says_locked():
    found = _period_days(DEADLINE)
    assert [o for o in found if o > 0] == [1]
    occasion = found[1]
    assert occasion.overdue and occasion.days_late == 1 and occasion.open_until is None
    assert occasion.key == "2025-03-21"


def test_grace_days_remind_daily_until_the_last_open_day():
    found = _period_days(DEADLINE, grace_days=5)
    assert [o for o in found if o > 0] == [1, 2, 3, 4, 5]
    assert {found[o].open_until for o in (1, 5)} == {date(2025, 3, 25)}
    assert len({found[o].key for o in found}) == len(found)  # a new key every day


def test_a_reopening_for_the_agency_reminds_daily_through_its_last_day():
    until = date(2025, 4, 10)
    found = _period_days(DEADLINE, reopened_until=until)
    assert [o for o in found if o > 0] == list(range(1, 22))  # 21/3 … 10/4
    assert found[21].open_until == until
    # a reopening closed again (its date in the past) does not
    assert [o for o in _period_days(DEADLINE, reopened_until=date(2025, 3, 19)) if o > 0] == [1]


def test_grace_and_reopening_open_until_the_later_of_both():
    occasion = period_occasion(
        deadline=DEADLINE, grace_days=10, today=date(2025, 3, 22), reopened_until=date(2025, 3, 25)
    )
    assert occasion.open_until == date(2025, 3, 30)


def test_a_weekend_deadline_is_not_moved():
    saturday = date(2025, 3, 22)
    assert saturday.weekday() == 5
    found = _period_days(saturday)
    assert [saturday + timedelta(days=o) for o in found] == [
        date(2025, 3, 15),
        date(2025, 3, 19),
        date(2025, 3, 21),
        date(2025, 3, 23),
    ]


def test_year_boundary_and_leap_day():
    # The year period's deadline 20/12 with 15 grace days runs into January.
    found = _period_days(date(2024, 12, 20), grace_days=15)
    assert max(date(2024, 12, 20) + timedelta(days=o) for o in found) == date(2025, 1, 4)
    # A deadline early in January is reminded in December.
    early = date(2025, 1, 2)
    assert [early + timedelta(days=o) for o in _period_days(early) if o < 0] == [
        date(2024, 12, 26),
        date(2024, 12, 30),
        date(2025, 1, 1),
    ]
    # 7 days before 5/3/2024 is 27/2 (29/2 counted)
    assert period_occasion(deadline=date(2024, 3, 5), grace_days=0, today=date(2024, 2, 27)).days_left == 7


@pytest.mark.parametrize(
    ("offset", "kind"),
    [
        (-8, None),
        (-7, "soon"),
        (-6, "soon"),
        (-1, "soon"),
        (0, "soon"),
        (1, None),
        (6, None),
        (7, "+7"),
        (8, None),
        (13, None),
        (14, "+14"),
        (21, "+21"),
        (364, "+364"),
    ],
)
def test_task_soon_within_7_days_then_weekly_once_overdue(offset, kind):
    due = date(2025, 6, 30)
    occasion = task_occasion(due=due, today=due + timedelta(days=offset))
    if kind is None:
        assert occasion is None
    else:
        assert occasion.key == f"2025-06-30:{kind}"
        assert occasion.overdue is (offset > 0)


def test_task_soon_is_one_key_per_due_date():
    due = date(2025, 6, 30)
    keys = {task_occasion(due=due, today=due - timedelta(days=d)).key for d in range(8)}
    assert keys == {"2025-06-30:soon"}
    assert task_occasion(due=date(2025, 7, 15), today=date(2025, 7, 10)).key == "2025-07-15:soon"


def test_task_overdue_across_the_year_boundary():
    due = date(2024, 12, 28)
    assert task_occasion(due=due, today=date(2025, 1, 4)).days_late == 7
    assert task_occasion(due=due, today=date(2025, 1, 11)).days_late == 14
    assert task_occasion(due=due, today=date(2025, 1, 5)) is None


def test_digest_days():
    today = date(2025, 3, 21)
    assert digest_days(today=today, last_digest_day=None) == (date(2025, 3, 20), date(2025, 3, 20))
    assert digest_days(today=today, last_digest_day=date(2025, 3, 20)) == (
        date(2025, 3, 20),
        date(2025, 3, 20),
    )
    # the job did not run on two days: the digest covers them
    assert digest_days(today=today, last_digest_day=date(2025, 3, 18)) == (
        date(2025, 3, 18),
        date(2025, 3, 20),
    )
    # … but never more than a week back
    assert digest_days(today=today, last_digest_day=date(2025, 1, 1)) == (
        today - timedelta(days=rules.DIGEST_LOOKBACK_DAYS),
        date(2025, 3, 20),
    )
    # across the new year
    assert digest_days(today=date(2025, 1, 1), last_digest_day=None) == (
        date(2024, 12, 31),
        date(2024, 12, 31),
    )


class _P:
    def __init__(self, pk, plan_id, deadline):
        self.pk, self.plan_id, self.deadline = pk, plan_id, deadline


def test_latest_past_deadline_per_plan():
    q1, h1, q3 = _P(1, 1, date(2025, 3, 20)), _P(2, 1, date(2025, 6, 20)), _P(3, 1, date(2025, 9, 20))
    other = _P(4, 2, date(2025, 3, 20))
    periods = [q1, h1, q3, other]
    assert latest_past_deadline(periods, date(2025, 3, 20)) == []  # the deadline day: not past
    assert latest_past_deadline(periods, date(2025, 3, 21)) == [q1, other]
    assert latest_past_deadline(periods, date(2025, 7, 1)) == [other, h1]
