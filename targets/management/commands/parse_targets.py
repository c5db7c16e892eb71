"""``python manage.py parse_targets FILE``: the targets a plan's text states, one JSON object a
line. FILE is plain text (.txt, UTF-8) or a Word document (.docx).

Each line has the keys of ``export_plan``'s targets (code, text, measure, comparator, value,
value_max, unit, levels, stretch, baseline_year, responsible), three keys the Target model does
not have yet, and ``source``:

- ``cumulative``: true when the figure accumulates over the year towards a plan, budget or quota
  ("hoàn thành 100% kế hoạch", "giải ngân 100% vốn", "đạt và vượt dự toán");
- ``due_date``: the ISO date of a deadline the target states ("trước ngày 30/6/2025"), else null;
- ``sub_of``: for a "trong đó …" target, the 0-based index (in its sentence's targets) of the
  target it is part of, else null;
- ``source``: the sentence the target was read from.

Ranks are ``measure: rank`` with ``<=`` N ("nhóm 20 … dẫn đầu", "top 10", "xếp 20/63"),
``between`` ("xếp vị trí 10 - 15/63") or ``improve_by`` N [to value_max] places ("tăng ít nhất
01 bậc", "tăng từ 2 đến 5 bậc"); a change against a year is ``improve_by`` (with an amount) or
``above_baseline`` (without), with ``baseline_year`` ("so với năm 2024"; "năm trước" is the plan
year − 1).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cchc.uploads import UploadError

from ...extraction import PlanTextError, plan_text, targets_extract


def plan_text_read(path: Path) -> str:
    """The plain text of a plan file (.docx or UTF-8 text), read within the upload limits."""
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"Không đọc được tệp “{path}”: {exc.strerror}.") from exc
    try:
        return plan_text(content, docx=path.suffix.lower() == ".docx")
    except (PlanTextError, UploadError) as exc:
        raise CommandError(f"{path}: {exc}") from exc


class Command(BaseCommand):
    help = "Đề xuất các chỉ tiêu của một kế hoạch từ văn bản (.txt hoặc .docx), mỗi dòng một JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp kế hoạch: .txt (UTF-8) hoặc .docx")
        parser.add_argument(
            "--year", type=int, default=None, help="Năm của kế hoạch (mặc định: đọc từ tên kế hoạch)"
        )

    def handle(self, *args, file, year=None, **options):
        text = plan_text_read(Path(file))
        for target in targets_extract(text, plan_year=year):
            self.stdout.write(json.dumps(target, ensure_ascii=False))
