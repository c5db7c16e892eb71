"""The province's periodic CCHC report as a PDF in the official layout (Nghị định 30/2020/NĐ-CP,
DOMAIN.md "Reports"), written from the stored progress. ``province_report_data`` gathers what
the document says (plain data, kept with an issued report); ``render_pdf`` lays it out with
WeasyPrint and the fonts shipped in ``static/fonts``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from plans.models import ReportingPeriod
from plans.rules import TaskStatus

from . import charts, dashboards, wording
from .models import RollupProgress, TargetProgress, TaskProgress

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"

SECTION_TITLES = [
    ("chi_dao", "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"),
    ("ket_qua", "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"),
    ("danh_gia", "III. ĐÁNH GIÁ CHUNG"),
    ("ky_toi", "IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI"),
    ("kien_nghi", "V. KIẾN NGHỊ, ĐỀ XUẤT"),
]


def vn_date(day: date, place: str) -> str:
    """"Hưng Yên, ngày 05 tháng 01 năm 2024" (leading zeros, as the decree prints)."""
    return f"{place}, ngày {day:%d} tháng {day:%m} năm {day.year}"


def province_report_data(period: ReportingPeriod, *, number: str = "",
                         issued_on: date | None = None, texts: dict | None = None) -> dict:
    """Everything the province report prints, from the stored progress of ``period``."""
    plan = period.plan
    issuer = plan.issuer
    rollups = {r.scope: r for r in RollupProgress.objects.filter(period=period)
               .select_related("plan_area")}
    # an area, or a period, not computed yet reads as zeros
    plan_rollup = rollups.get("plan") or RollupProgress()
    rows = list(dashboards.province_rows(TargetProgress.objects.filter(period=period)))
    tasks = list(TaskProgress.objects.filter(period=period).select_related("task__plan_area")
                 .prefetch_related("task__lead_agencies")
                 .order_by("task__plan_area__position", "task__position"))
    areas = []
    for area in plan.areas.order_by("position"):
        area_tasks = [t for t in tasks if t.task.plan_area_id == area.pk]
        rollup = rollups.get(f"area:{area.pk}")
        areas.append({
            "area": area, "rollup": rollup,
            "targets": [r for r in rows if r.target.statement.plan_area_id == area.pk],
            "done": [t for t in area_tasks if t.status in TaskStatus.DONE],
            "in_progress": [t for t in area_tasks
                            if t.status in (TaskStatus.IN_PROGRESS, TaskStatus.NOT_DUE)],
            "overdue": [t for t in area_tasks if t.status == TaskStatus.OVERDUE],
            "text": _tasks_sentence(rollup or RollupProgress()),
        })
    general = [r for r in rows if r.target.statement.plan_area_id is None]
    summary = {
        "tasks": _tasks_sentence(plan_rollup),
        "targets": wording.targets_sentence(total=plan_rollup.targets,
                                            **plan_rollup.target_counts),
        "reporting": wording.reporting_sentence(
            agencies=plan_rollup.agencies, submitted=plan_rollup.agencies_submitted,
            on_time=plan_rollup.agencies_on_time),
    }
    texts = texts or {}
    issued_on = issued_on or timezone.localdate()
    period_words = period.title[0].lower() + period.title[1:]
    return {
        "plan": plan, "period": period, "issuer": issuer, "number": number,
        "symbol": issuer.symbol or "UBND",
        "place_date": vn_date(issued_on, issuer.place_name or ""),
        "title": f"Kết quả thực hiện công tác cải cách hành chính {period_words}",
        "areas": areas, "general": general, "summary": summary,
        "sections": [(key, heading, texts.get(key, _default_text(key, summary)))
                     for key, heading in SECTION_TITLES],
        "area_chart": charts.stacked_bars(
            dashboards.area_bars([a["rollup"] for a in areas if a["rollup"] is not None]),
            title=f"Tiến độ chỉ tiêu theo lĩnh vực — {period.title}", width=480),
        "task_chart": charts.task_bar(plan_rollup.task_counts,
                                      title=f"Nhiệm vụ theo trạng thái — {period.title}",
                                      width=480),
        "recipients": plan.recipients or [],
        "signer_authority": (plan.signer_authority or issuer.signer_authority).splitlines(),
        "signer_title": plan.signer_title or issuer.signer_title,
        "signer_name": plan.signer_name or issuer.signer_name,
    }


def _tasks_sentence(rollup: RollupProgress) -> str:
    return wording.tasks_sentence(total=rollup.tasks, **rollup.task_counts)


def _default_text(key: str, summary: dict) -> str:
    """The text a section starts with; the reviewer edits it before issuing."""
    if key == "chi_dao":
        return summary["reporting"]
    if key == "danh_gia":
        return f"{summary['targets']} {summary['tasks']}"
    return ""


def render_pdf(data: dict) -> bytes:
    """The report as PDF bytes."""
    from weasyprint import HTML  # heavy import, only where a PDF is made

    html = render_to_string("reports/pdf/province_report.html",
                            {**data, "fonts": FONTS_DIR.as_uri()})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
