"""``python manage.py parse_targets FILE``: the targets a plan's text states, one JSON object a
line (the keys of ``export_plan``'s targets plus ``source``). FILE is plain text (.txt, UTF-8) or
a Word document (.docx)."""

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
        parser.add_argument("--year", type=int, default=None,
                            help="Năm của kế hoạch (mặc định: đọc từ tên kế hoạch)")

    def handle(self, *args, file, year=None, **options):
        text = plan_text_read(Path(file))
        for target in targets_extract(text, plan_year=year):
            self.stdout.write(json.dumps(target, ensure_ascii=False))
