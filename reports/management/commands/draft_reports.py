"""What the daily beat job does, on demand (the embedded default has no beat): a draft
province report for every period whose deadline has passed and that has none yet."""

from django.core.management.base import BaseCommand

from ...services import report_drafts_due


class Command(BaseCommand):
    help = "Tạo dự thảo báo cáo của tỉnh cho các kỳ đã qua hạn báo cáo mà chưa có báo cáo."

    def handle(self, *args, **options):
        made = report_drafts_due()
        for report in made:
            self.stdout.write(f"dự thảo: {report.title} — {report.get_render_status_display()}")
        self.stdout.write(f"{len(made)} dự thảo mới.")
