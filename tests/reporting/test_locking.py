"""Periods lock after the deadline plus the grace days; the reviewer reopens one agency, with a
reason, until a date; windows, deadlines and grace days are the reviewer's to change."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, User
from plans.models import ReportingPeriod
from plans.rules import period_lock_state
from reporting.models import PeriodReopening, Submission
from reporting.selectors.locks import agency_lock
from reporting.services import submissions as services
from tests.reporting.test_entry import form_data

DEADLINE = date(2024, 3, 20)


@pytest.mark.parametrize(
    ("grace", "today", "locked"),
    [
        (0, date(2024, 3, 19), False),
        (0, DEADLINE, False),  # the deadline day itself is open
        (0, date(2024, 3, 21), True),
        (5, date(2024, 3, 25), False),  # the last grace day is open
        (5, date(2024, 3, 26), True),
        (15, date(2024, 4, 4), False),  # grace crossing a month
        (30, date(2024, 4, 20), True),
    ],
)
def test_lock_after_deadline_plus_grace(grace, today, locked):
    state = period_lock_state(deadline=DEADLINE, grace_days=grace, today=today)
    assert state.locked is locked
    assert state.locks_on == DEADLINE + timedelta(days=grace + 1)
    assert state.last_open_day == DEADLINE + timedelta(days=grace)


def test_year_period_grace_crosses_the_year_boundary():
    state = period_lock_state(deadline=date(2024, 12, 20), grace_days=15, today=date(2025, 1, 4))
    assert not state.locked and state.last_open_day == date(2025, 1, 4)
    assert period_lock_state(deadline=date(2024, 12, 20), grace_days=15, today=date(2025, 1, 5)).locked


@pytest.mark.parametrize(
    ("until", "today", "locked", "in_force"),
    [
        (date(2024, 5, 10), date(2024, 5, 1), False, date(2024, 5, 10)),
        (date(2024, 5, 10), date(2024, 5, 10), False, date(2024, 5, 10)),  # through its last day
        (date(2024, 5, 10), date(2024, 5, 11), True, None),
        (date(2024, 3, 10), date(2024, 3, 15), False, None),  # expired, but not yet locked anyway
    ],
)
def test_a_reopening_keeps_the_period_open_through_its_date(until, today, locked, in_force):
    state = period_lock_state(deadline=DEADLINE, grace_days=0, today=today, reopened_until=until)
    assert (state.locked, state.reopened_until) == (locked, in_force)


# --- the pages ------------------------------------------------------------------------------


@pytest.fixture
def period(db):
    return ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")


@pytest.fixture
def stp(db):
    return Agency.objects.get(code="hy-stp")


@pytest.fixture
def locked_page(period, stp):
    """Sở Tư pháp's Quý I 2023 page, not started, with the demo reopening removed: locked."""
    Submission.objects.filter(period=period, agency=stp).delete()
    PeriodReopening.objects.filter(period=period, agency=stp).delete()
    return reverse("reporting:submission_entry", args=[period.pk, stp.pk])


def login(client, username):
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.django_db
def test_locked_page_is_read_only_and_says_why(client, locked_page, period, stp):
    text = login(client, "tp.reporter").get(locked_page).content.decode()
    assert 'data-lock="locked"' in text and "đề nghị Sở Nội vụ mở lại" in text
    assert "21/03/2023" in text  # locked from the day after 20/3
    assert "Gửi báo cáo" not in text and "<fieldset disabled" in text


@pytest.mark.django_db
def test_posting_to_a_locked_period_writes_nothing_and_keeps_the_typing(client, locked_page, period, stp):
    _sheet, data = form_data(period, stp)
    note_key = next(k for k in data if k.endswith("-percent"))
    data[note_key] = "63"
    response = login(client, "tp.reporter").post(locked_page, data)
    assert response.status_code == 403
    text = response.content.decode()
    assert "đã khóa từ ngày 21/03/2023" in text and 'value="63"' in text
    assert not Submission.objects.filter(period=period, agency=stp).exists()


@pytest.mark.django_db
def test_service_refuses_agencies_but_not_reviewers(locked_page, period, stp):
    reporter = User.objects.get(username="tp.reporter")
    with pytest.raises(services.PeriodLockedError):
        services.submission_save(
            period=period, agency=stp, user=reporter, version=0, target_values={}, task_values={}
        )
    reviewer = User.objects.get(username="nv.reviewer")
    saved = services.submission_save(
        period=period, agency=stp, user=reviewer, version=0, target_values={}, task_values={}
    )
    assert saved.version == 1


@pytest.mark.django_db
def test_reviewer_reopens_for_one_agency_then_closes_again(client, locked_page, period, stp):
    other = Agency.objects.get(code="hy-snv")
    PeriodReopening.objects.filter(period=period, agency=other).delete()
    until = timezone.localdate() + timedelta(days=7)
    reopen_url = reverse("reporting:period_reopen", args=[period.pk, stp.pk])
    reviewer = login(client, "nv.reviewer")
    response = reviewer.post(
        reopen_url, {"until": until.strftime("%d/%m/%Y"), "reason": "Bổ sung số liệu một cửa"}
    )
    assert response.status_code == 302
    reopening = PeriodReopening.objects.filter(period=period, agency=stp).get()
    assert (reopening.until, reopening.created_by.username) == (until, "nv.reviewer")
    assert agency_lock(period, stp.pk).reopened_until == until
    assert agency_lock(period, other.pk).locked  # only that agency
    queue = reviewer.get(reverse("reporting:review_queue", args=[period.pk])).content.decode()
    assert f"mở đến {until:%d/%m/%Y}" in queue

    reporter = login(client, "tp.reporter")
    page = reporter.get(locked_page).content.decode()
    assert 'data-lock="reopened"' in page and "Gửi báo cáo" in page
    _sheet, data = form_data(period, stp)
    assert reporter.post(locked_page, data).status_code == 302

    login(client, "nv.reviewer").post(reopen_url, {"close": "1"})
    assert agency_lock(period, stp.pk).locked
    assert PeriodReopening.objects.filter(period=period, agency=stp).count() == 2  # both kept
    data["version"] = "1"
    assert login(client, "tp.reporter").post(locked_page, data).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("until", "reason", "message"),
    [
        ("01/01/2020", "Bổ sung", "phải từ hôm nay"),
        ("31/02/2030", "Bổ sung", "ngày hợp lệ"),
        ("", "Bổ sung", "bắt buộc"),
        ("01/01/2030", "   ", "bắt buộc"),
    ],
)
def test_a_bad_reopening_is_refused_and_keeps_the_typing(client, period, stp, until, reason, message):
    before = PeriodReopening.objects.count()
    response = login(client, "nv.reviewer").post(
        reverse("reporting:period_reopen", args=[period.pk, stp.pk]), {"until": until, "reason": reason}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text and (not until or f'value="{until}"' in text)
    assert PeriodReopening.objects.count() == before


@pytest.mark.django_db
def test_a_returned_report_can_be_corrected_after_the_lock(client, period, stp):
    PeriodReopening.objects.filter(period=period, agency=stp).delete()
    submission = Submission.objects.get(period=period, agency=stp)
    Submission.objects.filter(pk=submission.pk).update(
        status=Submission.Status.RETURNED, return_reason="Sửa dòng 2.a"
    )
    url = reverse("reporting:submission_entry", args=[period.pk, stp.pk])
    text = login(client, "tp.reporter").get(url).content.decode()
    assert "Báo cáo bị trả lại vẫn được sửa" in text and "Gửi báo cáo" in text
    _sheet, data = form_data(period, stp, version=submission.version)
    assert client.post(url, data).status_code == 302


@pytest.mark.django_db
def test_reviewer_changes_deadlines_and_grace(client, period):
    plan = period.plan
    url = reverse("plans:plan_periods", args=[plan.pk])
    reviewer = login(client, "nv.reviewer")
    assert 'data-period="q3"' in reviewer.get(url).content.decode()
    periods = list(plan.periods.order_by("position"))
    data = {"form-TOTAL_FORMS": str(len(periods)), "form-INITIAL_FORMS": str(len(periods))}
    for i, p in enumerate(periods):
        data.update(
            {
                f"form-{i}-id": str(p.pk),
                f"form-{i}-window_start": p.window_start.strftime("%d/%m/%Y"),
                f"form-{i}-window_end": p.window_end.strftime("%d/%m/%Y"),
                f"form-{i}-deadline": p.deadline.strftime("%d/%m/%Y"),
                f"form-{i}-grace_days": "0",
            }
        )
    data["form-0-deadline"], data["form-0-grace_days"] = "25/03/2023", "10"
    assert reviewer.post(url, data).status_code == 302
    period.refresh_from_db()
    assert (period.deadline, period.grace_days) == (date(2023, 3, 25), 10)
    assert agency_lock(period, 0, on=date(2023, 4, 4)).locked is False
    assert agency_lock(period, 0, on=date(2023, 4, 5)).locked is True

    data["form-0-deadline"] = "10/03/2023"  # before the window's end (14/3)
    data["form-1-grace_days"] = "-3"
    response = reviewer.post(url, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Hạn báo cáo không được trước ngày cuối" in text and 'value="10/03/2023"' in text
    period.refresh_from_db()
    assert period.deadline == date(2023, 3, 25)  # nothing written


@pytest.mark.django_db
def test_demo_reporter_has_the_seed_periods_reopened(stp):
    for period in ReportingPeriod.objects.filter(plan__code="hung-yen-2023"):
        lock = agency_lock(period, stp.pk)
        assert not lock.locked and lock.reopened_until >= timezone.localdate()
    other = Agency.objects.get(code="hy-snv")
    assert all(
        agency_lock(p, other.pk).locked for p in ReportingPeriod.objects.filter(plan__code="hung-yen-2023")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("superuser", [False, True])
def test_a_period_and_an_agency_of_different_provinces_are_no_report(client, period, stp, superuser):
    """A Hưng Yên reviewer cannot write a report of Hải Dương's period for its own agency, nor
    reopen Hưng Yên's period for a Hải Dương agency: the pair does not exist (404), whoever
    asks, and nothing is written."""
    from tests.factories import UserFactory

    reviewer = UserFactory(
        role=User.Role.REVIEWER, agency=Agency.objects.get(code="hy-snv"), is_superuser=superuser
    )
    client.force_login(reviewer)
    hd_period = ReportingPeriod.objects.get(plan__code="hai-duong-2024", kind="q1")
    foreign = Agency.objects.get(code="hd-stp")
    entry = reverse("reporting:submission_entry", args=[hd_period.pk, stp.pk])
    assert client.get(entry).status_code == 404
    assert client.post(entry, {"version": "0"}).status_code == 404
    assert not Submission.objects.filter(period=hd_period, agency=stp).exists()
    reopen = reverse("reporting:period_reopen", args=[period.pk, foreign.pk])
    until = (timezone.localdate() + timedelta(days=7)).strftime("%d/%m/%Y")
    assert client.get(reopen).status_code == 404
    assert client.post(reopen, {"until": until, "reason": "Bổ sung"}).status_code == 404
    assert client.post(reopen, {"close": "1"}).status_code == 404
    assert not PeriodReopening.objects.filter(period=period, agency=foreign).exists()
