from django.core.management.base import BaseCommand, CommandError

from scoring.seeds import SeedError, criteria_sets_load


class Command(BaseCommand):
    help = (
        "Nạp các bộ chỉ số CCHC từ scoring/seed_data/*.yaml (hoặc các tệp chỉ ra): kiểm tra "
        "toàn bộ trước khi ghi; nạp lại không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*")

    def handle(self, *args, **options):
        try:
            done = criteria_sets_load(options["files"] or None)
        except SeedError as exc:
            raise CommandError("\n".join(exc.errors)) from exc
        for title, what in done:
            self.stdout.write(f"{title}: {what}")
