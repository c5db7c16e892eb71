"""The daily reminders (``reminders_send``): who is chased about which report or task, and the
reviewers' digest. They go out through the inbox (``notifications``).

The reminder job decides what is due (``rules``), reads the data in a fixed number of queries
(``selectors``: a few per period concerned, never one per agency), then claims its reminders
in the ledger: one INSERT … ON CONFLICT DO NOTHING of every reminder tagged with this run's
id, then one SELECT of the rows carrying that id. A reminder another run (today's earlier one,
or one running at the same moment: the unique index makes the second insert wait for the first
transaction and then skip) already holds is not this run's to send. The in-app notifications
are written in the same transaction; e-mails go after it commits, so an e-mail server that
fails loses e-mails (logged, counted) but never sends one twice.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from agencies.access import province_of, reviewed_province, reviews_every_province
from agencies.models import User
from cchc import clock
from notifications.models import Notification, SentReminder
from notifications.selectors import email_enabled

from ..models import Submission
from ..selectors.extensions import task_agencies_finished
from ..selectors.locks import period_locks
from . import rules, selectors

logger = logging.getLogger(__name__)
Kind = Notification.Kind


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Reminder:
    """A notification due to one user today, with what makes it once."""

    user: User
    kind: str
    object_id: int
    occasion: str
    title: str
    body: str
    link: str

    @property
    def key(self) -> tuple:
        return (self.user.pk, self.kind, self.object_id, self.occasion)


@dataclass(frozen=True)
class _AgencyNotice:
    """A reminder due to an agency: its reporters get it, and its head when ``head_too``."""

    agency_id: int
    head_too: bool
    kind: str
    object_id: int
    occasion: str
    title: str
    body: str
    link: str


@dataclass
class ReminderSummary:
    day: date
    due: int = 0  # reminders due today (before the ledger)
    sent: int = 0  # notifications written by this run
    emails: int = 0
    email_failures: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def skipped(self) -> int:
        """Due today but sent already (an earlier run today, or a concurrent one)."""
        return self.due - self.sent

    def as_dict(self) -> dict:
        return {
            "day": self.day.isoformat(),
            "due": self.due,
            "sent": self.sent,
            "skipped": self.skipped,
            "emails": self.emails,
            "email_failures": self.email_failures,
            "by_kind": dict(self.by_kind),
        }


def reminders_send(*, today: date | None = None) -> ReminderSummary:
    """The daily job: every reminder due on ``today`` (default: today in Vietnam) that has not
    gone yet becomes an in-app notification, and an e-mail to those who keep e-mail on and have
    an address (one e-mail per person, listing all of theirs). Safe to run again or twice at
    once. Call it outside a transaction (the ledger must commit before e-mails go)."""
    today = today or clock.today()
    with translation.override(settings.LANGUAGE_CODE):
        reminders = reminders_due(today=today)
        claimed = _claim(reminders, today=today)
        messages = _emails(claimed, today=today)
    summary = ReminderSummary(
        day=today,
        due=len({r.key for r in reminders}),
        sent=len(claimed),
        by_kind=dict(Counter(str(r.kind) for r in claimed)),
    )
    summary.emails, summary.email_failures = _deliver(messages)
    logger.info("reminders %s", summary.as_dict())
    return summary


def reminders_due(*, today: date) -> list[Reminder]:
    """Every reminder due on ``today``, sent or not (the ledger decides)."""
    periods = selectors.periods_in_force()
    not_sent = _NotSentCache()
    notices = _period_notices(periods, not_sent, today) + _task_notices(today)
    people = selectors.recipients({n.agency_id for n in notices})
    staff = defaultdict(list)
    for user in people:
        if user.role != User.Role.REVIEWER:
            staff[user.agency_id].append(user)
    reminders = [
        Reminder(user, n.kind, n.object_id, n.occasion, n.title, n.body, n.link)
        for n in notices
        for user in staff[n.agency_id]
        if user.role == User.Role.REPORTER or (n.head_too and user.role == User.Role.AGENCY_HEAD)
    ]
    reviewers = [u for u in people if u.role == User.Role.REVIEWER]
    if reviewers:
        late = [(period, not_sent.get(period)) for period in rules.latest_past_deadline(periods, today)]
        first, last = rules.digest_days(today=today, last_digest_day=selectors.last_digest_day(today))
        waiting = selectors.submissions_waiting(first, last)
        # each Sở Nội vụ hears of its own province only; a superuser, of every province
        by_province = defaultdict(list)
        for user in reviewers:
            province = reviewed_province(user)
            if province is not None or reviews_every_province(user):
                by_province[province].append(user)
        for province, group in by_province.items():

            def ours(plan, province=province):
                return province is None or province_of(plan.issuer) == province

            reminders += _digest(
                group,
                [(p, rows) for p, rows in late if ours(p.plan)],
                [s for s in waiting if ours(s.period.plan)],
                (first, last),
                today,
            )
    return reminders


class _NotSentCache:
    """``selectors.agencies_not_sent`` once per period within a run."""

    def __init__(self):
        self.found = {}

    def get(self, period):
        if period.pk not in self.found:
            self.found[period.pk] = selectors.agencies_not_sent(period)
        return self.found[period.pk]


def _period_notices(periods, not_sent: _NotSentCache, today: date) -> list[_AgencyNotice]:
    notices = []
    for period in periods:
        reopened = {}  # agency id → its latest reopening's last day (reporting.selectors.locks decides)
        if period.deadline < today:
            _own, by_agency = period_locks(period, on=today)
            reopened = {agency_id: r.until for agency_id, (_state, r) in by_agency.items()}

        def occasion_for(until, period=period):
            return rules.period_occasion(
                deadline=period.deadline, grace_days=period.grace_days, today=today, reopened_until=until
            )

        # the agencies are read only when the rule has a reminder for some agency today
        if not any(occasion_for(until) for until in {None, *reopened.values()}):
            continue
        for agency, submission in not_sent.get(period):
            occasion = occasion_for(reopened.get(agency.pk))
            if occasion is not None:
                notices.append(_period_notice(period, agency, submission, occasion))
    return notices


def _period_notice(period, agency, submission, occasion: rules.Occasion) -> _AgencyNotice:
    values = {
        "period": period.title,
        "plan": period.plan.title,
        "agency": agency.name,
        "deadline": _d(period.deadline),
        "days": number_format(occasion.days_left, force_grouping=True),
    }
    if submission is None:
        state = _("Chưa nhập báo cáo.")
    elif submission.status == Submission.Status.AWAITING_HEAD:
        state = _("Báo cáo đang chờ thủ trưởng cơ quan duyệt, chưa gửi.")
    else:
        state = _("Báo cáo đang nhập, chưa gửi.")
    link = reverse("reporting:submission_entry", args=[period.pk, agency.pk])
    if not occasion.overdue:
        return _AgencyNotice(
            agency.pk,
            False,
            Kind.PERIOD_DUE,
            period.pk,
            occasion.key,
            _("Báo cáo %(period)s: hạn gửi %(deadline)s, còn %(days)s ngày") % values,
            _("%(agency)s chưa gửi báo cáo %(period)s (%(plan)s). Hạn gửi Sở Nội vụ: hết ngày %(deadline)s.")
            % values
            + " "
            + state,
            link,
        )
    values["days"] = number_format(occasion.days_late, force_grouping=True)
    if occasion.open_until is not None:
        after = _("Đơn vị còn nhập và gửi được đến hết ngày %(until)s.") % {"until": _d(occasion.open_until)}
    else:
        after = _("Kỳ báo cáo đã khóa sổ đối với đơn vị; đề nghị liên hệ Sở Nội vụ nếu cần mở lại.")
    return _AgencyNotice(
        agency.pk,
        True,
        Kind.PERIOD_OVERDUE,
        period.pk,
        occasion.key,
        _("Báo cáo %(period)s: quá hạn gửi %(days)s ngày") % values,
        _("%(agency)s chưa gửi báo cáo %(period)s (%(plan)s); hạn gửi là ngày %(deadline)s.") % values
        + " "
        + state
        + " "
        + after,
        link,
    )


def _task_notices(today: date) -> list[_AgencyNotice]:
    due = []
    for task in selectors.tasks_due_by(today + timedelta(days=rules.TASK_SOON_DAYS)):
        occasion = rules.task_occasion(due=task.effective_due_date, today=today)
        if occasion is not None:
            due.append((task, occasion))
    finished = task_agencies_finished(t.pk for t, _o in due) if due else set()
    return [
        _task_notice(task, agency, occasion)
        for task, occasion in due
        for agency in task.lead_agencies.all()
        if (task.pk, agency.pk) not in finished
    ]


def _task_notice(task, agency, occasion: rules.Occasion) -> _AgencyNotice:
    values = {
        "code": task.code,
        "due": _d(task.effective_due_date),
        "agency": agency.name,
        "days": occasion.days_late if occasion.overdue else occasion.days_left,
        "plan": task.plan.title,
    }
    due = _("Hạn hoàn thành: %(due)s") % values
    if task.extended_due_date and task.due_date:
        due += " " + _("(đã gia hạn từ ngày %(original)s)") % {"original": _d(task.due_date)}
    head = f"{Truncator(task.text).chars(300)}\n{due}. "
    link = reverse("reporting:task_detail", args=[task.pk])
    if occasion.overdue:
        return _AgencyNotice(
            agency.pk,
            True,
            Kind.TASK_OVERDUE,
            task.pk,
            occasion.key,
            _("Nhiệm vụ %(code)s: quá hạn %(days)s ngày") % values,
            head
            + _(
                "%(agency)s (cơ quan chủ trì) chưa báo cáo hoàn thành, hoặc báo cáo chưa "
                "được Sở Nội vụ duyệt. Kế hoạch: %(plan)s."
            )
            % values,
            link,
        )
    title = (
        _("Nhiệm vụ %(code)s: hạn hoàn thành hôm nay (%(due)s)")
        if occasion.days_left == 0
        else _("Nhiệm vụ %(code)s: hạn hoàn thành %(due)s, còn %(days)s ngày")
    ) % values
    return _AgencyNotice(
        agency.pk,
        False,
        Kind.TASK_DUE,
        task.pk,
        occasion.key,
        title,
        head
        + _(
            "Cơ quan chủ trì: %(agency)s. Khi hoàn thành, báo cáo kết quả kèm số, ký hiệu "
            "văn bản và tài liệu kiểm chứng trong báo cáo định kỳ. Kế hoạch: %(plan)s."
        )
        % values,
        link,
    )


def _digest(reviewers, late, waiting, days: tuple[date, date], today: date) -> list[Reminder]:
    """The reviewers' daily digest: new submissions waiting for review (sent on ``days``, first
    to last), and the agencies that have not sent the latest period past its deadline. Nothing
    when there is neither."""
    first, last = days
    late = [(period, rows) for period, rows in late if rows]
    if not waiting and not late:
        return []
    late_count = sum(len(rows) for _period, rows in late)
    since = _d(first) if first == last else f"{_d(first)}–{_d(last)}"
    lines = []
    if waiting:
        lines.append(_("Báo cáo mới gửi (%(since)s), chờ duyệt:") % {"since": since})
        lines += [
            f"- {s.agency.name} — {s.period.title} ({s.period.plan.title}), "
            + _("gửi lúc %(at)s") % {"at": date_format(timezone.localtime(s.submitted_at), "DATETIME_FORMAT")}
            for s in waiting
        ]
    for period, rows in late:
        lines.append(
            _("Chưa gửi báo cáo %(period)s (%(plan)s, hạn %(deadline)s):")
            % {"period": period.title, "plan": period.plan.title, "deadline": _d(period.deadline)}
        )
        lines += [f"- {agency.name}" for agency, _submission in rows]
    values = {"day": _d(today), "new": len(waiting), "late": late_count}
    if waiting and late:
        title = (
            _(
                "Tổng hợp ngày %(day)s: %(new)s báo cáo mới chờ duyệt, %(late)s cơ quan chưa "
                "gửi báo cáo quá hạn"
            )
            % values
        )
    elif waiting:
        title = _("Tổng hợp ngày %(day)s: %(new)s báo cáo mới chờ duyệt") % values
    else:
        title = _("Tổng hợp ngày %(day)s: %(late)s cơ quan chưa gửi báo cáo quá hạn") % values
    body, link = "\n".join(lines), reverse("home")
    return [Reminder(user, Kind.REVIEW_DIGEST, 0, today.isoformat(), title, body, link) for user in reviewers]


def _claim(reminders: list[Reminder], *, today: date) -> list[Reminder]:
    """Insert-or-skip every reminder into the ledger under a new run id; keep the ones whose
    row this run inserted and write their notifications, in one transaction."""
    unique = {r.key: r for r in reminders}
    if not unique:
        return []
    run, now = uuid.uuid4(), timezone.now()
    with transaction.atomic():
        SentReminder.objects.bulk_create(
            [
                SentReminder(
                    user_id=r.user.pk,
                    kind=r.kind,
                    object_id=r.object_id,
                    occasion=r.occasion,
                    day=today,
                    run=run,
                    created_at=now,
                )
                for r in unique.values()
            ],
            ignore_conflicts=True,
        )
        won = set(
            SentReminder.objects.filter(run=run).values_list("user_id", "kind", "object_id", "occasion")
        )
        claimed = [r for key, r in unique.items() if key in won]
        Notification.objects.bulk_create(
            [
                Notification(
                    user=r.user, kind=r.kind, title=r.title[:255], body=r.body, link=r.link, created_at=now
                )
                for r in claimed
            ]
        )
    return claimed


def _emails(claimed: list[Reminder], *, today: date) -> list[EmailMessage]:
    """One e-mail per person who keeps e-mail on and has an address, listing their new
    reminders with links."""
    by_user: dict[int, list[Reminder]] = defaultdict(list)
    for reminder in claimed:
        if reminder.user.email and email_enabled(reminder.user):
            by_user[reminder.user.pk].append(reminder)
    site = settings.SITE_URL
    messages = []
    for reminders in by_user.values():
        user = reminders[0].user
        subject = (
            reminders[0].title
            if len(reminders) == 1
            else _("%(count)s thông báo nhắc việc ngày %(day)s") % {"count": len(reminders), "day": _d(today)}
        )
        body = render_to_string(
            "notifications/email_reminders.txt",
            {
                "user": user,
                "reminders": reminders,
                "site": site,
                "preferences": site + reverse("notifications:preferences"),
            },
        )
        messages.append(EmailMessage(f"[CCHC] {subject}", body, None, [user.email]))
    return messages


def _deliver(messages: list[EmailMessage]) -> tuple[int, int]:
    """Send over one connection; a failure is logged and counted, never retried (the
    reminders are in the ledger and in the app already). Returns (sent, failed)."""
    sent = 0
    if not messages:
        return 0, 0
    try:
        with get_connection() as connection:
            for message in messages:
                message.connection = connection
                try:
                    sent += message.send()
                except Exception:  # noqa: BLE001 - one bad address must not stop the others
                    logger.exception("could not e-mail %s", message.to)
    except Exception:  # noqa: BLE001 - the mail server is down: the in-app notices stand
        logger.exception("could not open the e-mail connection")
    return sent, len(messages) - sent
