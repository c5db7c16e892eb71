from django.core.management.base import BaseCommand

from scoring.demo import COUNCIL_USER, DEMO_PASSWORD, scoring_demo_load
from scoring.models import ScoringRound


class Command(BaseCommand):
    help = (
        "Dữ liệu mẫu chấm điểm Chỉ số CCHC: bộ chỉ số ví dụ áp dụng cho các sở, ban, ngành "
        "tỉnh Hưng Yên năm 2023, đủ một vòng (tự chấm, thẩm định, giải trình, điều tra xã hội "
        "học, quyết định công bố) và năm 2022 để so sánh. Nạp lại cho cùng kết quả."
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="không làm gì nếu đã có đợt chấm điểm")
        parser.add_argument(
            "--no-render", action="store_true", help="không tạo tệp PDF của quyết định công bố"
        )

    def handle(self, *args, **options):
        if options["if_empty"] and ScoringRound.objects.exists():
            self.stdout.write("Đã có đợt chấm điểm; không nạp dữ liệu mẫu chấm điểm.")
            return
        summary = scoring_demo_load(render=not options["no_render"])
        self.stdout.write(
            f"Chấm điểm (dữ liệu mẫu): {summary.rounds} đợt, {summary.assessments} đơn vị, "
            f"{summary.leaves} điểm tiêu chí, {summary.explanations} giải trình, quyết định "
            f"{summary.publication}."
        )
        self.stdout.write(f"Thành viên Hội đồng thẩm định: {COUNCIL_USER[0]} / {DEMO_PASSWORD}")
