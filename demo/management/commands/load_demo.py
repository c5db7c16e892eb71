from django.core.management.base import BaseCommand

from reporting.models import Submission

from ...data import (
    DEMO_PASSWORD,
    demo_data_load,
    demo_head_approval_create,
    demo_reopenings_create,
    demo_users_create,
)


class Command(BaseCommand):
    help = (
        "Tạo người dùng mẫu (mỗi vai trò một tài khoản) và số liệu mẫu cho mọi kỳ báo cáo "
        "của các kế hoạch mẫu. Số liệu mẫu được đánh dấu là dữ liệu mẫu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Chỉ sinh số liệu khi chưa có số liệu mẫu (vẫn in tài khoản).",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Submission.objects.filter(is_demo=True).exists():
            totals = {"users": demo_users_create()}
            demo_reopenings_create()  # the demo reporter's periods stay open for a while
            self.stdout.write("Đã có số liệu mẫu, giữ nguyên.")
        else:
            totals = demo_data_load()
            self._summary(totals)
            self._head_approval()
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for user in totals["users"]:
            self.stdout.write(f"  {user.username:<16} {user.role} — {user.agency}")

    def _summary(self, totals):
        self.stdout.write(
            self.style.SUCCESS(
                f"Dữ liệu mẫu: {totals['submissions']} báo cáo, {totals['results']} kết quả chỉ "
                f"tiêu, {totals['task_updates']} cập nhật nhiệm vụ ({', '.join(totals['plans'])}); "
                f"{totals['reopenings']} kỳ báo cáo mở lại cho cơ quan của tài khoản báo cáo mẫu; "
                f"{totals['baselines']} giá trị năm gốc mẫu cho chỉ tiêu kế hoạch không ghi số gốc."
            )
        )

    def _head_approval(self):
        """The head's approval step, on for the demo province with a demo head (issue 22)."""
        waiting = demo_head_approval_create()
        if waiting is not None:
            self.stdout.write(
                f"Thủ trưởng duyệt báo cáo trước khi gửi Sở Nội vụ: bật cho {waiting.agency.parent}; "
                f"báo cáo {waiting.period} của {waiting.agency} đang chờ thủ trưởng duyệt."
            )
