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
    plan_rollup = rollups.get("plan")
    rows = list(dashboards._province_rows(TargetProgress.objects.filter(period=period)))
    tasks = list(TaskProgress.objects.filter(period=period).select_related("task__plan_area")
                 .prefetch_related("task__lead_agencies")
                 .order_by("task__plan_area__position", "task__position"))
    areas = []
    for area in plan.areas.order_by("position"):
        area_rows = [r for r in rows if r.target.statement.plan_area_id == area.pk]
        area_tasks = [t for t in tasks if t.task.plan_area_id == area.pk]
        rollup = rollups.get(f"area:{area.pk}")
        areas.append({
            "area": area, "targets": area_rows, "rollup": rollup,
            "done": [t for t in area_tasks if t.status in TaskStatus.DONE],
            "in_progress": [t for t in area_tasks
                            if t.status in (TaskStatus.IN_PROGRESS, TaskStatus.NOT_DUE)],
            "overdue": [t for t in area_tasks if t.status == TaskStatus.OVERDUE],
            "text": wording.tasks_sentence(**_task_counts(area_tasks)),
        })
    general = [r for r in rows if r.target.statement.plan_area_id is None]
    counts = _task_counts(tasks)
    status_counts = {s: sum(1 for r in rows if r.status == s) for s in
                     ("met", "on_track", "at_risk", "off_track", "no_data")}
    summary = {
        "tasks": wording.tasks_sentence(**counts),
        "targets": wording.targets_sentence(total=len(rows), **status_counts),
        "reporting": wording.reporting_sentence(
            agencies=plan_rollup.agencies if plan_rollup else 0,
            submitted=plan_rollup.agencies_submitted if plan_rollup else 0,
            on_time=plan_rollup.agencies_on_time if plan_rollup else 0),
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
            [charts.Bar(label=f"{a['area'].code}. {a['area'].title}",
                        counts={s: getattr(a["rollup"], s) for s in status_counts},
                        note=charts.percent(a["rollup"].progress_mean))
             for a in areas if a["rollup"] is not None],
            title=f"Tiến độ chỉ tiêu theo lĩnh vực — {period.title}", width=480),
        "task_chart": charts.task_bar({k: v for k, v in _status_counter(tasks).items()},
                                      title=f"Nhiệm vụ theo trạng thái — {period.title}",
                                      width=480),
        "recipients": plan.recipients or [],
        "signer_authority": (plan.signer_authority or issuer.signer_authority).splitlines(),
        "signer_title": plan.signer_title or issuer.signer_title,
        "signer_name": plan.signer_name or issuer.signer_name,
    }


def _status_counter(tasks) -> dict[str, int]:
    counter: dict[str, int] = {}
    for task in tasks:
        counter[task.status] = counter.get(task.status, 0) + 1
    return counter


def _task_counts(tasks) -> dict[str, int]:
    counter = _status_counter(tasks)
    return {"total": len(tasks), "done_on_time": counter.get(TaskStatus.DONE_ON_TIME, 0),
            "done_late": counter.get(TaskStatus.DONE_LATE, 0),
            "in_progress": counter.get(TaskStatus.IN_PROGRESS, 0),
            "overdue": counter.get(TaskStatus.OVERDUE, 0),
            "not_due": counter.get(TaskStatus.NOT_DUE, 0)}


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
