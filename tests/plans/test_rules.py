from datetime import date

import pytest

from plans.rules import TaskStatus, default_periods, task_status


def test_default_periods_follow_the_national_regime():
    periods = {p.kind: p for p in default_periods(2024)}
    assert [p.kind for p in default_periods(2024)] == ["q1", "h1", "q3", "year"]
    assert (periods["q1"].window_start, periods["q1"].window_end, periods["q1"].deadline) == (
        date(2023, 12, 15),
        date(2024, 3, 14),
        date(2024, 3, 20),
    )
    assert (periods["h1"].window_start, periods["h1"].window_end, periods["h1"].deadline) == (
        date(2023, 12, 15),
        date(2024, 6, 14),
        date(2024, 6, 20),
    )
    assert (periods["q3"].window_start, periods["q3"].window_end, periods["q3"].deadline) == (
        date(2024, 6, 15),
        date(2024, 9, 14),
        date(2024, 9, 20),
    )
    assert (periods["year"].window_start, periods["year"].window_end, periods["year"].deadline) == (
        date(2023, 12, 15),
        date(2024, 12, 14),
        date(2024, 12, 20),
    )


def test_year_to_date_windows_do_not_overlap_and_leave_no_gap():
    periods = {p.kind: p for p in default_periods(2023)}
    assert periods["q3"].window_start == date(2023, 6, 15)
    assert (periods["q3"].window_start - periods["h1"].window_end).days == 1


def test_every_deadline_follows_its_window():
    for year in (2023, 2024, 2025, 2100):
        for p in default_periods(year):
            assert p.window_start <= p.window_end < p.deadline
            assert p.deadline.day == 20


# --- task status ---------------------------------------------------------------------------


DUE = date(2024, 6, 30)


@pytest.mark.parametrize(
    ("as_of", "completed_on", "started", "status"),
    [
        (date(2024, 3, 14), None, False, TaskStatus.NOT_DUE),
        (date(2024, 3, 14), None, True, TaskStatus.IN_PROGRESS),
        (date(2024, 6, 29), None, True, TaskStatus.IN_PROGRESS),
        # DOMAIN.md "Judgements": due on or before the cut-off and not completed by it: quá hạn
        (DUE, None, True, TaskStatus.OVERDUE),
        (date(2024, 7, 1), None, True, TaskStatus.OVERDUE),
        (date(2024, 7, 1), None, False, TaskStatus.OVERDUE),
        (date(2024, 3, 14), date(2024, 3, 1), True, TaskStatus.DONE_ON_TIME),
        (date(2024, 9, 14), DUE, True, TaskStatus.DONE_ON_TIME),
        (date(2024, 9, 14), date(2024, 7, 15), True, TaskStatus.DONE_LATE),
    ],
)
def test_task_status_from_deadline_and_completion(as_of, completed_on, started, status):
    assert task_status(due=DUE, as_of=as_of, completed_on=completed_on, started=started) == status


def test_a_deadline_crossing_the_year_boundary():
    due = date(2024, 1, 15)  # "Trước 15/01/2024" in a 2023 plan
    assert (
        task_status(due=due, as_of=date(2023, 12, 14), completed_on=None, started=True)
        == TaskStatus.IN_PROGRESS
    )
    assert (
        task_status(due=due, as_of=date(2024, 3, 14), completed_on=date(2024, 1, 10), started=True)
        == TaskStatus.DONE_ON_TIME
    )
