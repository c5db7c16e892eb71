"""What the daily beat job does, on demand: the reminders due today (or on --date) and the
reviewers' digest. Running it again the same day sends nothing twice."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from ...reminders.services import reminders_send


class Command(BaseCommand):
    help = "Gửi thông báo nhắc việc đến hạn hôm nay (hoặc ngày --date) và bản tổng hợp cho Sở Nội vụ."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ngày gửi, dạng dd/mm/yyyy (mặc định: hôm nay)")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.strptime(options["date"], "%d/%m/%Y").date()  # noqa: DTZ007 - a calendar day
            except ValueError as exc:
                raise CommandError(f"Ngày “{options['date']}” không đúng dạng dd/mm/yyyy.") from exc
        summary = reminders_send(today=today)
        self.stdout.write(
            f"{summary.day:%d/%m/%Y}: {summary.due} nhắc việc đến hạn, {summary.sent} thông báo mới "
            f"({summary.skipped} đã gửi trước đó), {summary.emails} thư điện tử"
            + (f", {summary.email_failures} thư không gửi được" if summary.email_failures else "")
            + "."
        )
        for kind, count in sorted(summary.by_kind.items()):
            self.stdout.write(f"  {kind}: {count}")
