"""Benchmark (not a test): time and peak memory of rendering the province report of each plan
(its last period by default) on the configured database.

Run: python manage.py bench_report [--plan CODE] [--period KIND] [--repeat N]

Prints, per report: the time to take the snapshot from the stored progress, to lay out the
PDF (WeasyPrint) and in all; the pages and the size; the peak of Python's own allocations
during the render (tracemalloc) and the process's peak resident memory (which includes
WeasyPrint's C libraries: Pango, HarfBuzz, FreeType)."""

import resource
import subprocess
import tempfile
import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError

from plans.models import Plan

from ...documents import province_report_data, render_pdf


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def _pages(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        try:
            info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return "?"
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


class Command(BaseCommand):
    help = "Đo thời gian và bộ nhớ đỉnh khi tạo báo cáo PDF của tỉnh."

    def add_arguments(self, parser):
        parser.add_argument("--plan", help="mã kế hoạch (mặc định: mọi kế hoạch)")
        parser.add_argument("--period", help="loại kỳ: q1, h1, q3, year (mặc định: kỳ cuối)")
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, *args, plan=None, period=None, repeat=3, **options):
        plans = Plan.objects.filter(periods__isnull=False).distinct().order_by("year", "code")
        if plan:
            plans = plans.filter(code=plan)
        if not plans.exists():
            raise CommandError(f"Không có kế hoạch {plan!r} có kỳ báo cáo.")
        render_pdf(province_report_data(plans[0].periods.last()))  # warm-up: imports, fonts
        self.stdout.write(f"warm-up done; process peak RSS so far {_peak_rss_mb():.0f} MB")
        for item in plans:
            periods = item.periods.order_by("position")
            chosen = periods.filter(kind=period).first() if period else periods.last()
            if chosen is None:
                continue
            snapshot, layout = [], []
            for _ in range(repeat):
                started = time.perf_counter()
                data = province_report_data(chosen)
                snapshot.append(time.perf_counter() - started)
                started = time.perf_counter()
                pdf = render_pdf(data)
                layout.append(time.perf_counter() - started)
            # memory on a separate run: tracing slows the render several times over
            tracemalloc.start()
            render_pdf(province_report_data(chosen))
            _current, python_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            total = [a + b for a, b in zip(snapshot, layout, strict=True)]
            self.stdout.write(
                f"{item.code} {chosen.title}: best of {repeat} — snapshot "
                f"{min(snapshot) * 1000:.0f} ms, PDF {min(layout) * 1000:.0f} ms, total "
                f"{min(total) * 1000:.0f} ms (worst {max(total) * 1000:.0f} ms); "
                f"{_pages(pdf)} pages, {len(pdf) / 1024:.0f} KB; peak Python memory "
                f"{python_peak / 2**20:.1f} MB; process peak RSS {_peak_rss_mb():.0f} MB"
            )
