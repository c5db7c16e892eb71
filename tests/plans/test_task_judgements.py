"""Task judgements, written from DOMAIN.md "Judgements" ("Task status at a period", "Year
close"), not from the code: a task is judged as of the period's data cut-off against its
effective due date; a task printed without a date is due on 31/12 of the plan year; due on or
before the cut-off and not completed by it is "quá hạn"; a recurring task is judged per period;
a parent task is done when its sub-items are and counts once."""

from datetime import date

import pytest

from plans.rules import (
    PeriodKind,
    PeriodSpec,
    TaskStatus,
    TaskVerdict,
    days_left,
    default_periods,
    is_final_period,
    parent_task_status,
    parent_task_verdict,
    recurring_task_status,
    recurring_task_verdict,
    task_due,
    task_status,
    task_verdict,
)

PERIODS = {p.kind: p for p in default_periods(2023)}
Q1, H1, Q3, YEAR = (PERIODS[k].window_end for k in ("q1", "h1", "q3", "year"))


# --- the effective due date ------------------------------------------------------------------


def test_a_task_without_a_printed_date_is_due_on_31_december_of_the_plan_year():
    assert task_due(due_date=None, extended_due_date=None, plan_year=2023) == date(2023, 12, 31)


def test_the_printed_date_counts_and_an_approved_extension_replaces_it():
    printed = date(2023, 6, 30)
    assert task_due(due_date=printed, extended_due_date=None, plan_year=2023) == printed
    assert task_due(due_date=printed, extended_due_date=date(2023, 9, 30), plan_year=2023) == date(
        2023, 9, 30
    )
    # an extension of an undated task (the reviewer granted a date into the next year)
    assert task_due(due_date=None, extended_due_date=date(2024, 2, 1), plan_year=2023) == date(2024, 2, 1)


# --- status at a period's cut-off ----------------------------------------------------------


UNDATED = date(2023, 12, 31)


@pytest.mark.parametrize("cut_off", [Q1, H1, Q3, YEAR])
def test_an_undated_task_is_never_overdue_before_the_year_ends(cut_off):
    # every cut-off of the national regime (14/3, 14/6, 14/9, 14/12) is before 31/12
    assert task_status(due=UNDATED, as_of=cut_off, completed_on=None, started=True) == TaskStatus.IN_PROGRESS
    assert task_status(due=UNDATED, as_of=cut_off, completed_on=None, started=False) == TaskStatus.NOT_DUE


def test_an_undated_task_still_open_after_31_december_is_overdue():
    assert (
        task_status(due=UNDATED, as_of=date(2024, 1, 5), completed_on=None, started=True)
        == TaskStatus.OVERDUE
    )


@pytest.mark.parametrize(
    ("due", "cut_off", "completed_on", "status"),
    [
        # due within the window, not completed by the cut-off: quá hạn
        (date(2023, 3, 31), H1, None, TaskStatus.OVERDUE),
        (date(2023, 6, 14), H1, None, TaskStatus.OVERDUE),  # due on the cut-off day itself
        (date(2023, 6, 15), H1, None, TaskStatus.IN_PROGRESS),  # due the day after: not yet
        # completed by the cut-off: on time against the due date, or late
        (date(2023, 6, 14), H1, date(2023, 6, 14), TaskStatus.DONE_ON_TIME),
        (date(2023, 3, 31), H1, date(2023, 4, 1), TaskStatus.DONE_LATE),
        # completed after the cut-off: not completed by it
        (date(2023, 6, 30), H1, date(2023, 6, 16), TaskStatus.IN_PROGRESS),
        (date(2023, 6, 10), H1, date(2023, 6, 16), TaskStatus.OVERDUE),
        # a deadline in the next year, in a window that crosses the year
        (date(2024, 1, 15), YEAR, None, TaskStatus.IN_PROGRESS),
    ],
)
def test_status_is_judged_at_the_cut_off_against_the_due_date(due, cut_off, completed_on, status):
    assert task_status(due=due, as_of=cut_off, completed_on=completed_on, started=True) == status


def test_an_approved_extension_moves_what_is_overdue():
    printed, extended = date(2023, 6, 30), date(2023, 9, 30)
    due = task_due(due_date=printed, extended_due_date=extended, plan_year=2023)
    assert task_status(due=due, as_of=Q3, completed_on=None, started=True) == TaskStatus.IN_PROGRESS
    assert task_status(due=due, as_of=Q3, completed_on=date(2023, 8, 1), started=True) == (
        TaskStatus.DONE_ON_TIME
    )
    without = task_due(due_date=printed, extended_due_date=None, plan_year=2023)
    assert task_status(due=without, as_of=Q3, completed_on=date(2023, 8, 1), started=True) == (
        TaskStatus.DONE_LATE
    )


def test_days_left_before_and_after_the_due_date():
    assert days_left(due=UNDATED, as_of=YEAR) == 17  # 14/12 → 31/12
    assert days_left(due=date(2023, 12, 10), as_of=YEAR) == -4


# --- recurring tasks ("thường xuyên"): per period ----------------------------------------------


@pytest.mark.parametrize(
    ("leads", "reported", "performed", "status"),
    [
        (1, 0, 0, TaskStatus.UNREPORTED),  # no approved update this period: chưa báo cáo
        (1, 1, 1, TaskStatus.PERFORMED),
        (1, 1, 0, TaskStatus.NOT_PERFORMED),  # the update says it was not carried out
        (2, 1, 1, TaskStatus.UNREPORTED),  # one of two leads has not reported
        (2, 2, 1, TaskStatus.NOT_PERFORMED),
        (2, 2, 2, TaskStatus.PERFORMED),
        (0, 0, 0, TaskStatus.UNREPORTED),  # led by a group only: nobody reports it
    ],
)
def test_a_recurring_task_is_performed_in_the_period_or_not_reported(leads, reported, performed, status):
    assert recurring_task_status(leads=leads, reported=reported, performed=performed) == status


def test_a_recurring_task_is_never_done_for_the_year():
    for leads, reported, performed in [(1, 1, 1), (2, 2, 2)]:
        status = recurring_task_status(leads=leads, reported=reported, performed=performed)
        assert status not in TaskStatus.DONE
        assert status in TaskStatus.RECURRING


# --- a parent task and its sub-items -----------------------------------------------------------


def test_a_parent_is_done_only_when_all_its_sub_items_are_on_the_last_of_their_dates():
    done = [TaskStatus.DONE_ON_TIME, TaskStatus.DONE_ON_TIME]
    assert parent_task_status(done, due=UNDATED, as_of=YEAR, completed_on=date(2023, 11, 30)) == (
        TaskStatus.DONE_ON_TIME
    )
    # "HD 7.6 hoàn thành đúng hạn while 7.6.2 is in progress": no
    mixed = [TaskStatus.DONE_ON_TIME, TaskStatus.IN_PROGRESS, TaskStatus.DONE_ON_TIME]
    assert parent_task_status(mixed, due=UNDATED, as_of=YEAR, completed_on=None) == TaskStatus.IN_PROGRESS


def test_a_parent_is_late_when_a_sub_item_was_or_the_last_came_after_its_own_date():
    assert (
        parent_task_status(
            [TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE],
            due=UNDATED,
            as_of=YEAR,
            completed_on=date(2023, 5, 1),
        )
        == TaskStatus.DONE_LATE
    )
    assert (
        parent_task_status(
            [TaskStatus.DONE_ON_TIME] * 2, due=date(2023, 6, 30), as_of=YEAR, completed_on=date(2023, 7, 2)
        )
        == TaskStatus.DONE_LATE
    )


def test_a_parent_is_overdue_when_a_sub_item_is_or_its_own_date_has_passed():
    assert (
        parent_task_status(
            [TaskStatus.OVERDUE, TaskStatus.DONE_ON_TIME], due=UNDATED, as_of=H1, completed_on=None
        )
        == TaskStatus.OVERDUE
    )
    assert (
        parent_task_status(
            [TaskStatus.IN_PROGRESS, TaskStatus.DONE_ON_TIME],
            due=date(2023, 6, 1),
            as_of=H1,
            completed_on=None,
        )
        == TaskStatus.OVERDUE
    )
    assert (
        parent_task_status([TaskStatus.NOT_DUE, TaskStatus.NOT_DUE], due=UNDATED, as_of=H1, completed_on=None)
        == TaskStatus.NOT_DUE
    )


# --- the year's close: how each task ended ---------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "completed_on", "verdict"),
    [
        (UNDATED, date(2023, 12, 31), TaskVerdict.DONE_ON_TIME),
        (UNDATED, date(2024, 1, 2), TaskVerdict.DONE_LATE),
        (UNDATED, None, TaskVerdict.NOT_DONE),
        (date(2023, 6, 30), date(2023, 6, 30), TaskVerdict.DONE_ON_TIME),
        (date(2023, 6, 30), date(2023, 7, 1), TaskVerdict.DONE_LATE),
    ],
)
def test_a_task_ends_done_on_time_done_late_or_not_done(due, completed_on, verdict):
    assert task_verdict(due=due, completed_on=completed_on) == verdict
    assert verdict in TaskVerdict.LABELS


def test_a_recurring_task_ends_as_the_year_period_judged_it():
    assert recurring_task_verdict(TaskStatus.PERFORMED) == TaskVerdict.DONE_ON_TIME
    for status in (TaskStatus.NOT_PERFORMED, TaskStatus.UNREPORTED, None):
        assert recurring_task_verdict(status) == TaskVerdict.NOT_DONE


def test_a_parent_task_ends_as_its_sub_items_do():
    on_time = [TaskVerdict.DONE_ON_TIME, TaskVerdict.DONE_ON_TIME]
    assert (
        parent_task_verdict(on_time, due=UNDATED, completed_on=date(2023, 10, 1)) == TaskVerdict.DONE_ON_TIME
    )
    assert (
        parent_task_verdict([TaskVerdict.DONE_ON_TIME, TaskVerdict.NOT_DONE], due=UNDATED, completed_on=None)
        == TaskVerdict.NOT_DONE
    )
    assert (
        parent_task_verdict(
            [TaskVerdict.DONE_LATE, TaskVerdict.DONE_ON_TIME], due=UNDATED, completed_on=date(2023, 5, 1)
        )
        == TaskVerdict.DONE_LATE
    )
    assert parent_task_verdict([], due=UNDATED, completed_on=None) == TaskVerdict.NOT_DONE


# --- which period's verdict is final ----------------------------------------------------------------


def test_the_year_period_is_the_final_one_and_the_last_period_when_there_is_none():
    periods = default_periods(2023)
    assert [is_final_period(p, periods) for p in periods] == [False, False, False, True]
    without_year = [p for p in periods if p.kind != PeriodKind.YEAR]
    assert [is_final_period(p, without_year) for p in without_year] == [False, False, True]
    lone = PeriodSpec(PeriodKind.Q1, 1, date(2022, 12, 15), date(2023, 3, 14), date(2023, 3, 20))
    assert is_final_period(lone, [lone])
