from django.core.management.base import BaseCommand, CommandError

from ...scale import DEFAULT_PREFIX, DEFAULT_SOURCE, ScaleDataError, scale_data_generate


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu quy mô lớn để đo hiệu năng: N tỉnh, mỗi tỉnh 14 sở và M xã, kế hoạch "
        "từng năm theo cấu trúc kế hoạch mẫu, báo cáo đã duyệt của mọi kỳ (dữ liệu mẫu)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--provinces", type=int, default=1)
        parser.add_argument("--communes-per-province", type=int, default=40)
        parser.add_argument("--years", type=int, default=1)
        parser.add_argument("--start-year", type=int, help="năm đầu (mặc định: năm nay − số năm)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--prefix", default=DEFAULT_PREFIX, help="tiền tố mã cơ quan, kế hoạch")
        parser.add_argument("--source", default=DEFAULT_SOURCE, help="mã kế hoạch mẫu")
        parser.add_argument(
            "--replace", action="store_true", help="xóa dữ liệu đã sinh với cùng tiền tố rồi sinh lại"
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="không tính tiến độ lưu sẵn sau khi sinh"
        )

    def handle(self, *args, **options):
        try:
            summary = scale_data_generate(
                provinces=options["provinces"],
                communes=options["communes_per_province"],
                years=options["years"],
                start_year=options["start_year"],
                seed=options["seed"],
                prefix=options["prefix"],
                source_code=options["source"],
                replace=options["replace"],
                progress=not options["no_progress"],
                log=self.stdout.write,
            )
        except ScaleDataError as exc:
            raise CommandError(str(exc)) from exc
        s = summary
        self.stdout.write(
            self.style.SUCCESS(
                f"{s.provinces} tỉnh, {s.agencies} cơ quan, {s.plans} kế hoạch, {s.periods} kỳ, "
                f"{s.targets} chỉ tiêu, {s.tasks} nhiệm vụ; {s.submissions} báo cáo đã duyệt, "
                f"{s.results} kết quả chỉ tiêu, {s.task_updates} cập nhật nhiệm vụ"
            )
        )
        self.stdout.write("thời gian: " + ", ".join(f"{k} {v:.1f} s" for k, v in s.seconds.items()))
