"""Benchmark (not a test): the recompute of a whole province's PAR-index scoring — every unit,
every leaf bound to the plan's data — as the Celery job runs it, on generated data (one province
of 14 sở and N communes with a year's plan and approved reports, ``plans.scale``, marked demo).
Prints the times; ``--write FILE`` puts them in FILE's section "PAR-index scoring" (BENCHMARKS.md).
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from agencies.models import Agency
from scoring import services, sources
from scoring.models import CriteriaSet, LeafScore, ScoringRound
from scoring.seeds import criteria_sets_load
from scoring.tasks import scores_recompute

from ...scale import ScaleDataError, generated_exists, scale_data_generate

SECTION = "## PAR-index scoring: recompute of a province"


def _scoring_delete(province) -> None:
    for round_ in ScoringRound.objects.filter(province=province):
        round_.publications.all().delete()
        round_.delete()
    CriteriaSet.objects.filter(province=province).delete()


class Command(BaseCommand):
    help = (
        "Đo thời gian tính lại toàn bộ điểm gắn dữ liệu của một tỉnh (14 sở + N xã) bằng "
        "tác vụ Celery, trên dữ liệu sinh tự động (dữ liệu mẫu)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--communes", type=int, default=100)
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--prefix", default="scorebench")
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument("--replace", action="store_true", help="sinh lại dữ liệu với cùng tiền tố")
        parser.add_argument("--write", help="ghi kết quả vào mục riêng của tệp (BENCHMARKS.md)")

    def handle(self, *args, **options):
        prefix, year = options["prefix"], options["year"]
        province = Agency.objects.filter(code=f"{prefix}-p01-ubnd").first()
        if options["replace"] and province is not None:
            _scoring_delete(province)
        started = time.perf_counter()
        if options["replace"] or not generated_exists(prefix):
            try:
                scale_data_generate(
                    provinces=1,
                    communes=options["communes"],
                    years=1,
                    start_year=year,
                    prefix=prefix,
                    replace=options["replace"],
                    log=self.stdout.write,
                )
            except ScaleDataError as exc:
                raise CommandError(str(exc)) from exc
        generated = time.perf_counter() - started
        province = Agency.objects.get(code=f"{prefix}-p01-ubnd")
        plan = sources.year_plan(province.pk, year)
        if plan is None:
            raise CommandError(f"Không có kế hoạch năm {year} của {province}.")
        round_ = self._round(province, year, plan)
        units = round_.assessments.count()
        leaves = LeafScore.objects.filter(assessment__round=round_).exclude(node__measure="")
        full, unchanged = [], []
        for _ in range(options["repeat"]):
            leaves.update(computed_points=None, computed_evidence={})  # every leaf to rewrite
            begin = time.perf_counter()
            result = scores_recompute.apply(args=[round_.pk]).get()
            full.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            again = scores_recompute.apply(args=[round_.pk]).get()
            unchanged.append(time.perf_counter() - begin)
        lines = self._report(units, leaves.count(), result, again, full, unchanged, generated, options)
        for line in lines:
            self.stdout.write(line)
        if options["write"]:
            self._write(Path(options["write"]), lines)

    def _round(self, province, year, plan) -> ScoringRound:
        round_ = ScoringRound.objects.filter(province=province, year=year).first()
        if round_ is not None:
            return round_
        criteria_sets_load()
        source = CriteriaSet.objects.get(
            province__code="hy-ubnd", year=2023, code="so-ban-nganh-vi-du", version=1
        )
        with transaction.atomic():
            copy = services.criteria_set_copy(source=source, year=year, province=province, user=None)
            copy.applies_to = ["so", "xa"]
            copy.is_example = True
            copy.save()
            codes = [code for code, text in sources.rate_targets(plan.id)]
            for node in copy.nodes.filter(measure="target_figure"):
                # the generated plan's own rate targets (its codes are not Hưng Yên's)
                node.measure_params = (
                    {"target": codes[node.position % len(codes)]} if codes else node.measure_params
                )
                node.save()
            copy.status, copy.published_at = CriteriaSet.Status.PUBLISHED, timezone.now()
            copy.save()
            return services.scoring_round_open(province=province, year=year, is_demo=True)

    def _report(self, units, leaves, result, again, full, unchanged, generated, options):
        ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
        return [
            SECTION,
            "",
            f"`python manage.py bench_scoring --communes {options['communes']} --year "
            f"{options['year']} --repeat {options['repeat']}` (generated province, marked demo: "
            f"{units} units = 14 sở + {options['communes']} communes, the example set's 8 bound "
            f"leaves each, {leaves} bound leaves; the plan cloned from hai-duong-2024 with "
            f"approved reports for every period).",
            "",
            "| measurement | median | best | worst |",
            "|---|---|---|---|",
            f"| the Celery job `scoring.tasks.scores_recompute`, every bound leaf rewritten "
            f"(with its history row) | {ms(statistics.median(full))} | {ms(min(full))} | "
            f"{ms(max(full))} |",
            f"| the same job again, nothing changed (idempotent) | "
            f"{ms(statistics.median(unchanged))} | {ms(min(unchanged))} | {ms(max(unchanged))} |",
            "",
            f"- First run: {result['leaves']} leaves read, {result['changed']} written; second: "
            f"{again['changed']} written.",
            f"- Run in-process (the job's body, as a worker runs it) on {connection.vendor}, "
            f"Python {platform.python_version()}, {os.cpu_count()} cores; data generation took "
            f"{generated:.0f} s (not part of the figure).",
            f"- Measured {timezone.localtime():%d/%m/%Y %H:%M}. The job's time limit is 10 min.",
        ]

    def _write(self, path: Path, lines) -> None:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        block = "\n".join(lines) + "\n"
        if SECTION in text:
            text = re.sub(re.escape(SECTION) + r".*?(?=\n## |\Z)", block.rstrip("\n"), text, flags=re.S)
        else:
            text = text.rstrip("\n") + "\n\n" + block
        path.write_text(text, encoding="utf-8")
