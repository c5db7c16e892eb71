from django.core.management.base import BaseCommand, CommandError

from ...seeds import SeedError, seed_plans_load


class Command(BaseCommand):
    help = "Nạp các kế hoạch mẫu (targets/seed_data/*.yaml). Chạy lại nhiều lần không thay đổi gì."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Tệp YAML (mặc định: targets/seed_data/*.yaml)")

    def handle(self, *args, files, **options):
        from pathlib import Path

        try:
            summary = seed_plans_load(paths=[Path(f) for f in files] if files else None)
        except SeedError as exc:
            raise CommandError(
                "Không nạp được dữ liệu mẫu, chưa ghi gì vào cơ sở dữ liệu:\n"
                + "\n".join(f"  {p}" for p in exc.problems)
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp {len(summary.plans)} kế hoạch ({', '.join(summary.plans)}): "
                f"{summary.statements} mục chỉ tiêu, {summary.targets} chỉ tiêu, "
                f"{summary.tasks} nhiệm vụ; {summary.changed} thay đổi."
            )
        )
