"""Benchmark (not a test): time to recompute the stored progress of each plan, one period and
the whole year, on the configured database. Run: python manage.py bench_recompute"""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from plans.models import Plan

from ...models import TargetResult
from ...progress import period_progress_compute


class Command(BaseCommand):
    help = "Đo thời gian tính lại tiến độ của từng kế hoạch: một kỳ và cả năm."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, *args, repeat=3, **options):
        self.stdout.write(
            f"database: {connection.vendor}; approved-or-not result lines: {TargetResult.objects.count()}"
        )
        for plan in Plan.objects.order_by("year", "code"):
            periods = list(plan.periods.order_by("position"))
            if not periods:
                continue
            one = []
            for _ in range(repeat):
                started = time.perf_counter()
                period_progress_compute(period_id=periods[-1].pk)
                one.append(time.perf_counter() - started)
            started = time.perf_counter()
            for _ in range(repeat):
                for period in periods:
                    period_progress_compute(period_id=period.pk)
            year = (time.perf_counter() - started) / repeat
            self.stdout.write(
                f"{plan.code}: one period (best of {repeat}) {min(one) * 1000:.0f} ms; "
                f"all {len(periods)} periods of the year {year * 1000:.0f} ms"
            )
