from django.core.management.base import BaseCommand, CommandError

from agencies.models import User
from plans.models import Plan

from ...services.rollover import PlanRolloverError, plan_rollover, plan_rollover_report


class Command(BaseCommand):
    help = (
        "Lập dự thảo kế hoạch năm sau từ một kế hoạch: lĩnh vực, chỉ tiêu (giá trị gốc là số "
        "thực hiện năm nay), nhiệm vụ chưa hoàn thành và thường xuyên, cơ quan theo kế thừa."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", help="Mã (code) hoặc mã số (id) của kế hoạch")
        parser.add_argument("--user", help="Tên đăng nhập ghi vào lịch sử thay đổi")

    def handle(self, *args, plan, user=None, **options):
        lookup = {"pk": int(plan)} if plan.isdigit() else {"code": plan}
        try:
            source = Plan.objects.get(**lookup)
        except Plan.DoesNotExist as exc:
            raise CommandError(f"Không có kế hoạch “{plan}”.") from exc
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Không có người dùng “{user}”.")
        try:
            draft = plan_rollover(plan=source, user=actor)
        except PlanRolloverError as exc:
            raise CommandError(exc.message) from exc
        report = plan_rollover_report(plan=draft)
        out = self.stdout
        out.write(
            self.style.SUCCESS(
                f"Đã lập dự thảo “{draft.title}” (mã {draft.code}, id {draft.pk}) từ {source.code}."
            )
        )
        out.write(f"  Cơ quan ban hành: {draft.issuer}")
        out.write(f"  {report.areas} lĩnh vực, {report.periods} kỳ báo cáo năm {draft.year}")
        out.write(
            f"  {report.statements} mục chỉ tiêu, {report.targets} chỉ tiêu; "
            f"{report.baselines} chỉ tiêu so với năm gốc lấy số thực hiện năm {source.year} "
            f"làm giá trị gốc ({report.demo_baselines} từ dữ liệu mẫu)"
        )
        out.write(
            f"  Nhiệm vụ: {report.tasks_carried_over} chuyển tiếp (chưa có hạn mới), "
            f"{report.tasks_recurring} thường xuyên; {report.tasks_left_out} đã hoàn thành "
            f"không sao chép"
        )
        for old, carried in report.replaced:
            names = ", ".join(str(a) for a in carried) or "—"
            out.write(f"  Cơ quan thay thế: {old} → {names}")
        for item in report.to_choose:
            out.write(self.style.WARNING(f"  Cần chọn: {item}"))
