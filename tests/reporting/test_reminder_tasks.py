"""The Celery beat job and the command use the real date: proven under a frozen clock
(time-machine), at 07:00 in Vietnam as beat runs it, and just after midnight (the date is
Vietnam's, not UTC's)."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command

from cchc.celery import app
from notifications.models import Notification
from reporting.tasks import reminders_daily
from tests.reporting.conftest import DEADLINE

pytestmark = pytest.mark.django_db
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, hour=7, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=VIETNAM)


def test_beat_runs_the_job_daily_at_7():
    entry = settings.CELERY_BEAT_SCHEDULE["reminders-daily"]
    assert entry["task"] == "reporting.tasks.reminders_daily" in app.tasks
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({7}, {0})


def test_celery_task_reminds_on_the_frozen_day_and_not_twice(world):
    late = world.agencies[0]
    reporter = world.reporters[late.pk]
    with time_machine.travel(at(DEADLINE - timedelta(days=7)), tick=False):
        result = reminders_daily.delay().get()
        again = reminders_daily.delay().get()
    assert result["day"] == "2025-03-13" and result["sent"] == 2 and result["emails"] == 2
    assert (again["sent"], again["skipped"], again["emails"]) == (0, 2, 0)
    assert [m.to for m in mail.outbox].count([reporter.email]) == 1
    with time_machine.travel(at(DEADLINE - timedelta(days=6)), tick=False):
        assert reminders_daily.delay().get()["due"] == 0


def test_the_day_is_vietnams_not_utcs(world):
    # 00:30 on 17/03 in Vietnam is still 16/03 in UTC: 3 days before the deadline, not 4
    with time_machine.travel(at(DEADLINE - timedelta(days=3), hour=0, minute=30), tick=False):
        assert reminders_daily.delay().get()["day"] == "2025-03-17"
    assert Notification.objects.filter(title__contains="còn 3 ngày").count() == 2


def test_command_uses_today_or_the_given_date(world):
    out = StringIO()
    with time_machine.travel(at(DEADLINE - timedelta(days=1), hour=15), tick=False):
        call_command("send_reminders", stdout=out)
    assert out.getvalue().startswith("19/03/2025: 2 nhắc việc đến hạn, 2 thông báo mới")
    out = StringIO()
    call_command("send_reminders", "--date", "19/03/2025", stdout=out)
    assert "0 thông báo mới (2 đã gửi trước đó), 0 thư điện tử" in out.getvalue()
    out = StringIO()
    call_command("send_reminders", "--date", "21/03/2025", stdout=out)
    assert "period_overdue: 4" in out.getvalue()  # two reporters and two heads
    with pytest.raises(CommandError, match="dd/mm/yyyy"):
        call_command("send_reminders", "--date", "2025-03-21")
