import json

from django.core.management.base import BaseCommand, CommandError

from plans.models import Plan

from ...exports import plan_export


class Command(BaseCommand):
    help = "In một kế hoạch ra dạng JSON (chỉ tiêu, nhiệm vụ theo lĩnh vực)."

    def add_arguments(self, parser):
        parser.add_argument("plan", help="Mã số (id) hoặc mã (code) của kế hoạch")

    def handle(self, *args, plan, **options):
        lookup = {"pk": int(plan)} if plan.isdigit() else {"code": plan}
        try:
            obj = Plan.objects.select_related("issuer").get(**lookup)
        except Plan.DoesNotExist as exc:
            raise CommandError(f"Không có kế hoạch “{plan}”.") from exc
        self.stdout.write(json.dumps(plan_export(obj), ensure_ascii=False, indent=2))
