"""The daily reminders on given days (``reminders_send(today=…)``): who gets what, on which
day, and never twice."""

import threading
from datetime import date, timedelta

import pytest
from django.core import mail

from agencies.models import Agency, User
from notifications.models import Notification, NotificationPreference, SentReminder
from plans.models import Plan
from reporting.models import PeriodReopening, ReviewStatus, Submission, TaskUpdate
from reporting.reminders import services
from tests.conftest import ensure_reference_data
from tests.factories import AgencyFactory, UserFactory
from tests.reporting.conftest import DEADLINE, build_world
from tests.workers import needs_postgresql

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


def run(day):
    """Run the job on ``day``; returns (summary, {user id: [kinds]} of what it wrote,
    {address: [subjects]} of what it e-mailed)."""
    before = set(Notification.objects.values_list("pk", flat=True))
    outbox = len(mail.outbox)
    summary = services.reminders_send(today=day)
    written = {}
    for user_id, kind in Notification.objects.exclude(pk__in=before).values_list("user_id", "kind"):
        written.setdefault(user_id, []).append(kind)
    mailed = {}
    for message in mail.outbox[outbox:]:
        for address in message.to:
            mailed.setdefault(address, []).append(message.subject)
    return summary, written, mailed


@pytest.mark.parametrize("days_before", [7, 3, 1])
def test_reporters_of_agencies_that_have_not_sent_are_reminded(world, days_before):
    late, sent = world.agencies
    world.submit(sent, on=date(2025, 3, 10))
    reporter = world.reporters[late.pk]
    summary, written, mailed = run(DEADLINE - timedelta(days=days_before))
    assert written == {reporter.pk: [Kind.PERIOD_DUE]}
    assert list(mailed) == [reporter.email] and len(mailed[reporter.email]) == 1
    subject = mailed[reporter.email][0]
    assert subject == f"[CCHC] Báo cáo Quý I năm 2025: hạn gửi 20/03/2025, còn {days_before} ngày"
    body = mail.outbox[-1].body
    assert late.name in body and "Chưa nhập báo cáo." in body
    assert f"http://127.0.0.1:8000/ke-hoach/ky/{world.period.pk}/co-quan/{late.pk}/" in body
    assert "/thong-bao/cai-dat/" in body  # where to turn e-mail off
    assert summary.sent == 1 and summary.emails == 1 and summary.by_kind == {Kind.PERIOD_DUE: 1}


def test_a_draft_is_not_sent_and_a_returned_report_was(world):
    draft, returned = world.agencies
    world.submit(draft, status=Submission.Status.DRAFT)
    world.submit(returned, status=Submission.Status.RETURNED, on=date(2025, 3, 1))
    _summary, written, _mailed = run(DEADLINE - timedelta(days=3))
    assert written == {world.reporters[draft.pk].pk: [Kind.PERIOD_DUE]}
    assert "Báo cáo đang nhập, chưa gửi." in Notification.objects.get().body


def test_a_report_waiting_for_its_head_is_said_so_and_a_long_lateness_is_grouped(db):
    """A report sent to the agency's head is not sent, but not "being entered" either; and a
    lateness of more than a thousand days is written as the site writes numbers ("1.084")."""
    world = build_world(grace_days=2000)
    waiting, sent = world.agencies
    world.submit(sent)
    Submission.objects.create(
        agency=waiting, period=world.period, status=Submission.Status.AWAITING_HEAD, head_from_status="draft"
    )
    _summary, _written, mailed = run(DEADLINE + timedelta(days=1084))
    reporter = world.reporters[waiting.pk]
    assert mailed[reporter.email] == ["[CCHC] Báo cáo Quý I năm 2025: quá hạn gửi 1.084 ngày"]
    body = Notification.objects.get(user=reporter).body
    assert "Báo cáo đang chờ thủ trưởng cơ quan duyệt, chưa gửi." in body and "đang nhập" not in body


@pytest.mark.parametrize("days_before", [8, 6, 5, 4, 2, 0])
def test_no_reminder_on_other_days(world, days_before):
    summary, written, mailed = run(DEADLINE - timedelta(days=days_before))
    assert (written, mailed, summary.due) == ({}, {}, 0)


def test_after_the_deadline_the_head_is_told_too_and_a_locked_period_says_so(world):
    late, sent = world.agencies
    world.submit(sent)
    _summary, written, mailed = run(DEADLINE + timedelta(days=1))
    reporter, head = world.reporters[late.pk], world.heads[late.pk]
    assert written[reporter.pk] == [Kind.PERIOD_OVERDUE] and written[head.pk] == [Kind.PERIOD_OVERDUE]
    assert world.reporters[sent.pk].pk not in written and world.heads[sent.pk].pk not in written
    assert mailed[head.email] == ["[CCHC] Báo cáo Quý I năm 2025: quá hạn gửi 1 ngày"]
    assert "đã khóa sổ" in Notification.objects.get(user=head).body
    # locked, no grace days: the agency is not chased on the days after
    for offset in (2, 3, 7):
        _summary, written, _mailed = run(DEADLINE + timedelta(days=offset))
        assert reporter.pk not in written and head.pk not in written


def test_daily_during_grace_days_then_nothing_once_locked(db):
    world = build_world(grace_days=3)
    late, sent = world.agencies
    world.submit(sent)
    head = world.heads[late.pk]
    for offset in (1, 2, 3):
        _summary, written, mailed = run(DEADLINE + timedelta(days=offset))
        assert written[head.pk] == [Kind.PERIOD_OVERDUE] and len(mailed[head.email]) == 1
    assert "đến hết ngày 23/03/2025" in Notification.objects.filter(user=head).first().body
    _summary, written, _mailed = run(DEADLINE + timedelta(days=4))
    assert head.pk not in written


def test_a_reopening_brings_the_daily_reminder_back_for_that_agency_only(world):
    first, second = world.agencies
    PeriodReopening.objects.create(
        period=world.period, agency=first, until=date(2025, 4, 5), reason="Bổ sung số liệu"
    )
    _summary, written, _mailed = run(date(2025, 4, 2))
    assert written == {
        world.reporters[first.pk].pk: [Kind.PERIOD_OVERDUE],
        world.heads[first.pk].pk: [Kind.PERIOD_OVERDUE],
        **{r.pk: [Kind.REVIEW_DIGEST] for r in User.objects.filter(role=User.Role.REVIEWER)},
    }
    assert "đến hết ngày 05/04/2025" in Notification.objects.get(user=world.reporters[first.pk]).body
    assert world.reporters[second.pk].pk not in written


def test_running_twice_the_same_day_sends_nothing_twice(world):
    day = DEADLINE + timedelta(days=1)
    first, written, mailed = run(day)
    assert first.sent > 0 and first.emails == len(mail.outbox) > 0
    notifications, ledger = Notification.objects.count(), SentReminder.objects.count()
    second, written, mailed = run(day)
    assert (written, mailed) == ({}, {})
    assert (second.due, second.sent, second.skipped, second.emails) == (first.due, 0, first.due, 0)
    assert (Notification.objects.count(), SentReminder.objects.count()) == (notifications, ledger)
    assert len(mail.outbox) == first.emails


def test_two_runs_claiming_the_same_reminders_send_each_once(world):
    """Run B computes and claims between run A's computing and claiming (what happens when
    two run at once): A gets nothing."""
    day = DEADLINE - timedelta(days=7)
    a = services.reminders_due(today=day)
    b = services.reminders_due(today=day)
    assert services._claim(b, today=day) and services._claim(a, today=day) == []
    assert Notification.objects.count() == len(b)


def test_email_off_or_no_address_still_gets_the_notification(world):
    off, no_address = world.agencies
    NotificationPreference.objects.create(user=world.reporters[off.pk], email_enabled=False)
    User.objects.filter(pk=world.reporters[no_address.pk].pk).update(email="")
    summary, written, mailed = run(DEADLINE - timedelta(days=7))
    assert set(written) == {world.reporters[off.pk].pk, world.reporters[no_address.pk].pk}
    assert mailed == {} and summary.emails == 0 and summary.sent == 2


def test_inactive_users_and_draft_or_closed_plans_get_nothing(world):
    late, other = world.agencies
    User.objects.filter(pk=world.reporters[late.pk].pk).update(is_active=False)
    _summary, written, _mailed = run(DEADLINE - timedelta(days=7))
    assert set(written) == {world.reporters[other.pk].pk}
    for status in (Plan.Status.DRAFT, Plan.Status.CLOSED):
        Plan.objects.filter(pk=world.plan.pk).update(status=status)
        assert run(DEADLINE - timedelta(days=3))[1] == {}


def test_one_email_per_person_lists_all_their_reminders(world):
    late = world.agencies[0]
    world.task("2.a", DEADLINE + timedelta(days=3), [late])  # due 23/3: within 7 days on 19/3
    _summary, written, mailed = run(DEADLINE - timedelta(days=1))
    reporter = world.reporters[late.pk]
    assert sorted(written[reporter.pk]) == [Kind.PERIOD_DUE, Kind.TASK_DUE]
    assert mailed[reporter.email] == ["[CCHC] 2 thông báo nhắc việc ngày 19/03/2025"]
    body = next(m for m in mail.outbox if m.to == [reporter.email]).body
    assert "Nhiệm vụ 2.a: hạn hoàn thành 23/03/2025, còn 4 ngày" in body
    assert "Báo cáo Quý I năm 2025: hạn gửi 20/03/2025, còn 1 ngày" in body


class FailingFor:
    """An e-mail backend that refuses one address and keeps the others in the outbox."""

    refused = ""

    def __init__(self, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_messages(self, messages):
        for message in messages:
            if self.refused in message.to:
                raise OSError("550 mailbox unavailable")
            mail.outbox.append(message)
        return len(messages)


def test_a_failing_address_does_not_stop_the_others_and_is_not_retried(world, settings):
    bad, good = world.agencies
    FailingFor.refused = world.reporters[bad.pk].email
    settings.EMAIL_BACKEND = f"{__name__}.FailingFor"
    summary, written, mailed = run(DEADLINE - timedelta(days=7))
    assert (summary.sent, summary.emails, summary.email_failures) == (2, 1, 1)
    assert list(mailed) == [world.reporters[good.pk].email] and len(written) == 2
    again, written, mailed = run(DEADLINE - timedelta(days=7))
    assert (again.sent, again.emails, written, mailed) == (0, 0, {}, {})


# --- tasks ----------------------------------------------------------------------------------


def _finish(world, task, agency, review_status=ReviewStatus.APPROVED):
    submission = Submission.objects.filter(agency=agency, period=world.period).first() or world.submit(
        agency, status=Submission.Status.APPROVED, on=date(2025, 3, 1)
    )
    TaskUpdate.objects.create(
        submission=submission,
        task=task,
        progress="done",
        percent=100,
        completed_on=date(2025, 3, 1),
        review_status=review_status,
    )


def _task_kinds(written, user):
    return [k for k in written.get(user.pk, []) if k in (Kind.TASK_DUE, Kind.TASK_OVERDUE)]


def test_overdue_task_repeated_every_7_days_to_lead_agencies_that_have_not_finished(world):
    unfinished, finished = world.agencies
    due = date(2025, 5, 10)
    task = world.task("3.b", due, [unfinished, finished])
    _finish(world, task, finished)
    reporter, head = world.reporters[unfinished.pk], world.heads[unfinished.pk]
    days = {}
    for offset in range(-9, 16):
        _summary, written, _mailed = run(due + timedelta(days=offset))
        for user in (reporter, head, world.reporters[finished.pk], world.heads[finished.pk]):
            if kinds := _task_kinds(written, user):
                days.setdefault(offset, {})[user.pk] = kinds
    assert days == {
        -7: {reporter.pk: [Kind.TASK_DUE]},  # soon: once
        7: {reporter.pk: [Kind.TASK_OVERDUE], head.pk: [Kind.TASK_OVERDUE]},
        14: {reporter.pk: [Kind.TASK_OVERDUE], head.pk: [Kind.TASK_OVERDUE]},
    }
    assert (
        Notification.objects.filter(user=head, kind=Kind.TASK_OVERDUE).first().title
        == "Nhiệm vụ 3.b: quá hạn 14 ngày"
    )


def test_a_task_done_but_not_approved_is_still_reminded(world):
    lead = world.agencies[0]
    task = world.task("3.c", date(2025, 5, 10), [lead])
    _finish(world, task, lead, review_status=ReviewStatus.PENDING)
    assert _task_kinds(run(date(2025, 5, 17))[1], world.reporters[lead.pk]) == [Kind.TASK_OVERDUE]


def test_a_task_that_enters_the_window_late_is_told_the_next_run_once(world):
    lead = world.agencies[0]
    world.task("4.a", date(2025, 5, 13), [lead])  # 3 days away when the job first sees it
    reporter = world.reporters[lead.pk]
    assert _task_kinds(run(date(2025, 5, 10))[1], reporter) == [Kind.TASK_DUE]
    assert _task_kinds(run(date(2025, 5, 11))[1], reporter) == []


def test_the_approved_extension_is_the_due_date(world):
    lead = world.agencies[0]
    world.task("5.a", date(2025, 5, 10), [lead], extended_due_date=date(2025, 5, 31))
    reporter = world.reporters[lead.pk]
    assert _task_kinds(run(date(2025, 5, 17))[1], reporter) == []  # +7 of the printed date
    assert _task_kinds(run(date(2025, 5, 24))[1], reporter) == [Kind.TASK_DUE]
    assert (
        "(đã gia hạn từ ngày 10/05/2025)" in Notification.objects.get(user=reporter, kind=Kind.TASK_DUE).body
    )
    assert _task_kinds(run(date(2025, 6, 7))[1], reporter) == [Kind.TASK_OVERDUE]


def test_recurring_and_undated_tasks_get_no_task_reminder(world):
    lead = world.agencies[0]
    world.task("6.a", None, [lead])
    world.task("6.b", date(2025, 5, 10), [lead], recurring=True)
    for day in (date(2025, 5, 3), date(2025, 5, 17), date(2025, 12, 31)):
        assert _task_kinds(run(day)[1], world.reporters[lead.pk]) == []


# --- the reviewers' digest ------------------------------------------------------------------


def test_the_digest_goes_to_reviewers_only(world):
    late, sent = world.agencies
    world.submit(sent, on=DEADLINE)  # sent on the deadline day, waiting for review
    _summary, written, mailed = run(DEADLINE + timedelta(days=1))
    reviewers = set(User.objects.filter(role=User.Role.REVIEWER, is_active=True).values_list("pk", flat=True))
    got_digest = {user_id for user_id, kinds in written.items() if Kind.REVIEW_DIGEST in kinds}
    assert got_digest == reviewers and world.reviewer.pk in reviewers
    digest = Notification.objects.get(user=world.reviewer, kind=Kind.REVIEW_DIGEST)
    assert digest.title == (
        "Tổng hợp ngày 21/03/2025: 1 báo cáo mới chờ duyệt, 1 cơ quan chưa gửi báo cáo quá hạn"
    )
    assert f"- {sent.name} — Quý I năm 2025" in digest.body
    assert f"- {late.name}" in digest.body and digest.link == "/"
    assert mailed[world.reviewer.email] == [f"[CCHC] {digest.title}"]


def test_a_reviewer_hears_only_of_their_own_province(world):
    late, sent = world.agencies
    world.submit(sent, on=DEADLINE)
    elsewhere = AgencyFactory(parent=AgencyFactory(kind=Agency.Kind.UBND_TINH))
    other = UserFactory(role=User.Role.REVIEWER, agency=elsewhere, email="snv@khac.example.vn")
    _summary, written, mailed = run(DEADLINE + timedelta(days=1))
    assert Kind.REVIEW_DIGEST in written[world.reviewer.pk]
    assert Kind.REVIEW_DIGEST not in written.get(other.pk, set())
    assert other.email not in mailed


def test_the_digest_lists_new_submissions_once_and_is_daily(world):
    late, sent = world.agencies
    world.submit(sent, on=DEADLINE)
    run(DEADLINE + timedelta(days=1))
    assert run(DEADLINE + timedelta(days=1))[1] == {}  # not twice the same day
    run(DEADLINE + timedelta(days=2))
    digest = Notification.objects.filter(user=world.reviewer).first()
    assert digest.title == "Tổng hợp ngày 22/03/2025: 1 cơ quan chưa gửi báo cáo quá hạn"
    assert sent.name not in digest.body


def test_the_digest_covers_the_days_since_the_last_one(world):
    late, sent = world.agencies
    run(DEADLINE + timedelta(days=1))  # 21/03: a digest
    world.submit(sent, on=DEADLINE + timedelta(days=2))  # 22/03, while the job did not run
    run(DEADLINE + timedelta(days=4))  # 24/03
    digest = Notification.objects.filter(user=world.reviewer).first()
    assert digest.title.startswith("Tổng hợp ngày 24/03/2025: 1 báo cáo mới chờ duyệt")
    assert "Báo cáo mới gửi (21/03/2025–23/03/2025), chờ duyệt:" in digest.body


def test_no_digest_when_there_is_nothing_to_say(world):
    for agency in world.agencies:
        world.submit(agency, status=Submission.Status.APPROVED, on=date(2025, 3, 1))
    summary, written, _mailed = run(DEADLINE + timedelta(days=1))
    assert written == {} and summary.due == 0


# --- cost -----------------------------------------------------------------------------------

#: one period concerned: the periods in force, its reopenings, the reviewer's queue (province
#: agencies, targets and their reporting levels and agencies, task leads, submissions, agencies:
#: 5 to 7); the dated tasks and their leads, the leads' finished reports, the people, the last
#: digest's day, the new submissions; the claim (savepoint, insert, select, notifications,
#: release)
QUERY_BOUND = 20


def _busy_day(n_agencies, deadline, django_assert_max_num_queries):
    """A day with every kind of reminder: the period one day overdue (grace days: daily), a
    task overdue by 7 days and one due soon, the digest with a new submission."""
    world = build_world(n_agencies, deadline=deadline, grace_days=5)
    world.submit(world.agencies[0], on=deadline)
    world.task("9.a", deadline - timedelta(days=6), world.agencies)
    world.task("9.b", deadline + timedelta(days=4), world.agencies)
    with django_assert_max_num_queries(QUERY_BOUND) as ctx:
        summary = services.reminders_send(today=deadline + timedelta(days=1))
    return len(ctx), summary


def test_query_count_is_bounded_and_does_not_grow_with_agencies(django_assert_max_num_queries):
    few, small = _busy_day(2, DEADLINE, django_assert_max_num_queries)
    many, large = _busy_day(25, DEADLINE + timedelta(days=1), django_assert_max_num_queries)
    reminders = set(Kind.values) - {Kind.PERIOD_DUE, Kind.REVIEW_DECISION, Kind.EXTENSION_DECISION}
    assert set(small.by_kind) == set(large.by_kind) == reminders
    assert large.sent > 5 * small.sent
    assert many == few


# --- two at once, for real (PostgreSQL: SQLite's in-memory test database is one connection) --


@pytest.mark.django_db(transaction=True)
def test_two_processes_at_once_send_each_reminder_once():
    needs_postgresql()
    ensure_reference_data()
    world = build_world(6)
    barrier, results, errors = threading.Barrier(2), [], []

    def job():
        from django.db import connections

        try:
            barrier.wait()
            results.append(services.reminders_send(today=DEADLINE - timedelta(days=7)))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=job) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 2 and sum(r.sent for r in results) == 6
    assert Notification.objects.filter(kind=Kind.PERIOD_DUE).count() == 6
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in world.reporters.values())
