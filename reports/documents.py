"""The periodic CCHC reports as PDFs in the official layout (Nghị định 30/2020/NĐ-CP, DOMAIN.md
"Reports"), written from the stored progress:

- the province's report, issued by the UBND tỉnh (``province_report_data``);
- an agency's own report to the Sở Nội vụ (``agency_report_data``), from its approved figures
  and the tasks it leads.

Both return a *snapshot*: plain JSON-able data with every figure already worded, so that an
issued report keeps the data it was made from (``Report.data``) and renders the same PDF and
XLSX later, whatever the figures become. ``render_pdf`` lays a snapshot out with WeasyPrint
and the fonts shipped in ``static/fonts``; the number, the date and the section texts are
given at render time (a draft has no number yet, and the reviewer edits the texts)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from agencies.access import province_of
from agencies.models import Agency
from cchc import clock
from cchc.collation import sort_key, vietnamese
from cchc.documents import FONTS_DIR, vn_date
from plans.models import ReportingPeriod
from plans.rules import TaskStatus, days_left, is_final_period
from plans.templatetags.task_tags import extended
from reporting.models import (
    AgencyProgress,
    ProgressRun,
    RollupProgress,
    Submission,
    TargetProgress,
    TaskProgress,
)
from reporting.rules import report_state, sent_on_time
from targets.progress import Status, counts_in_mean, progress_mean
from targets.rules import BASELINE_COMPARATORS
from targets.templatetags.target_tags import target_figure

from . import charts, dashboards, wording
from .formatting import coverage, figure, progress, verdict

#: the snapshot's layout; a later change to it renders older snapshots by their own number
SNAPSHOT_FORMAT = 1

SECTION_TITLES = [
    ("chi_dao", "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"),
    ("ket_qua", "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"),
    ("danh_gia", "III. ĐÁNH GIÁ CHUNG"),
    ("ky_toi", "IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI"),
    ("kien_nghi", "V. KIẾN NGHỊ, ĐỀ XUẤT"),
]
SECTION_KEYS = [key for key, _heading in SECTION_TITLES]

SUBMISSION_WORDS = {
    Submission.Status.APPROVED: "đã được Sở Nội vụ duyệt",
    Submission.Status.SUBMITTED: "đã gửi, chờ Sở Nội vụ duyệt",
    Submission.Status.RETURNED: "bị trả lại để sửa",
    Submission.Status.DRAFT: "đang soạn, chưa gửi",
    Submission.Status.AWAITING_HEAD: "chờ thủ trưởng cơ quan duyệt, chưa gửi",
}


def _dec(value) -> str | None:
    return None if value is None else str(value)


DEMO_BASELINE_NOTE = "năm gốc là dữ liệu mẫu, chưa phải số liệu thật"


def _row(r: TargetProgress) -> dict:
    """A target's line: what the tables print, and the raw figures for the XLSX. ``coverage``:
    how many of the expected agencies the figure stands on; ``note``: a baseline entered as demo
    data, flagged wherever it is judged."""
    target = r.target
    demo = target.baseline_is_demo and target.comparator in BASELINE_COMPARATORS
    return {
        "target": r.target_id,
        "code": target.code,
        "text": target.text,
        "plan": target_figure(target),
        "actual": figure(r),
        "coverage": coverage(r),
        "reported": r.reported,
        "expected": r.reported + r.missing,
        "rate": progress(r),
        "assessment": verdict(r),
        "status": r.status,
        "reason": r.reason,
        "note": DEMO_BASELINE_NOTE if demo else "",
        "value": _dec(r.value),
        "progress": _dec(r.progress),
    }


def _task(t: TaskProgress, as_of: date | None = None, open_subitems: list[str] | None = None) -> dict:
    """A task's line. ``due``: the date its status was judged against; ``due_original``: the
    printed date when an approved extension replaced it (both are printed); ``days_left`` from the
    period's cut-off; ``open_subitems``: the codes of its sub-items not finished yet."""
    task = t.task
    leads = [a.name for a in task.lead_agencies.all()]
    return {
        "task": t.task_id,
        "code": task.code,
        "text": task.text,
        "status": t.status,
        "status_label": str(TaskStatus.LABELS[t.status]),
        "due": f"{t.due:%d/%m/%Y}",
        "due_original": f"{task.due_date:%d/%m/%Y}" if extended(task) else None,
        "days_left": days_left(due=t.due, as_of=as_of) if as_of and not task.recurring else None,
        "recurring": task.recurring,
        "open_subitems": open_subitems or [],
        "leads": ", ".join(leads) or task.lead_groups,
    }


def _area_tasks(tasks: list[TaskProgress], as_of: date) -> dict:
    """The area's tasks by how they stand, each once: a sub-item is not listed beside its parent
    (the parent names the sub-items still open); unfinished ones by name with their due date and
    days left (DOMAIN.md "Task status at a period")."""
    subitems: dict[int, list[TaskProgress]] = {}
    for t in tasks:
        if t.task.parent_id:
            subitems.setdefault(t.task.parent_id, []).append(t)
    top = [t for t in tasks if not t.task.parent_id]

    def line(t: TaskProgress) -> dict:
        open_codes = [s.task.code for s in subitems.get(t.task_id, []) if s.status not in TaskStatus.DONE]
        return _task(t, as_of, open_codes)

    in_progress = [line(t) for t in top if t.status in (TaskStatus.IN_PROGRESS, TaskStatus.NOT_DUE)]
    return {
        "done": [line(t) for t in top if t.status in TaskStatus.DONE],
        "in_progress": in_progress,
        "extended": [t for t in in_progress if t["due_original"]],  # named in the report
        "overdue": [line(t) for t in top if t.status == TaskStatus.OVERDUE],
        "recurring": [line(t) for t in top if t.status in TaskStatus.RECURRING],
    }


def _task_counts(tasks: list[TaskProgress]) -> dict[str, int]:
    """Each task once: a sub-item counts through its parent."""
    found = Counter(t.status for t in tasks if not t.task.parent_id)
    return {status: found[status] for status in TaskStatus.LABELS}


def _target_counts(rows: list[TargetProgress]) -> dict[str, int]:
    found = Counter(r.status for r in rows)
    return {status: found[status] for status in Status.values}


def _tasks_sentence(counts: dict[str, int]) -> str:
    return wording.tasks_sentence(total=sum(counts.values()), **counts)


def _targets_sentence(counts: dict[str, int]) -> str:
    return wording.targets_sentence(total=sum(counts.values()), **counts)


def _default_texts(summary: dict, outlook: dict, assessment: str = "") -> dict[str, str]:
    """The text each section starts with, following the verdicts (the year's: the targets
    missed and the tasks unfinished, named) and what lies ahead (``_outlook``: IV, the next
    period's tasks, the overdue ones, the targets at risk; V, the proposals that follow from
    them); III, the province's assessment across its areas (``wording.assessment``), not the
    figures II gives again; the reviewer edits it before issuing."""
    judged = " ".join(x for x in (summary.get("missed", ""), summary.get("unfinished", "")) if x)
    return {
        "chi_dao": summary["reporting"],
        "ket_qua": "",
        # at the year's end the tasks left unfinished are named with their days left (DOMAIN)
        "danh_gia": "\n".join(x for x in (assessment, summary.get("unfinished", "")) if x)
        if assessment
        else f"{summary['targets']} {summary['tasks']}" + (f"\n{judged}" if judged else ""),
        "ky_toi": outlook["ahead"],
        "kien_nghi": outlook["proposals"],
    }


#: the agencies named in a sentence at most; the others are counted
NAMED_AGENCIES = 8


def _named(agencies: list[str]) -> list[str]:
    if len(agencies) <= NAMED_AGENCIES:
        return agencies
    return [*agencies[:NAMED_AGENCIES], f"{len(agencies) - NAMED_AGENCIES} cơ quan khác"]


def _late_agencies(period: ReportingPeriod) -> tuple[list[str], list[str]]:
    """The agencies that have not sent the period's report, and those whose first sending was
    after the deadline (the stored ``AgencyProgress``), in Vietnamese order."""
    missing, late = [], []
    rows = AgencyProgress.objects.filter(period=period).select_related("agency")
    for row in rows.order_by(vietnamese("agency__name")):
        state = report_state(row.submission_status, row.submitted_on_time)
        if state == "missing":
            missing.append(row.agency.name)
        elif state.endswith("_late"):
            late.append(row.agency.name)
    return missing, late


def _outlook(
    period: ReportingPeriod,
    rows: list[TargetProgress],
    tasks: list[TaskProgress],
    *,
    late: tuple[list[str], list[str]] | None = None,
    agency: Agency | None = None,
) -> dict[str, str]:
    """Sections IV and V written from the figures. IV: the tasks falling due in the next
    period, the overdue ones, the targets at risk (at the year's end: what carries over to the
    next year). V: what follows from them: the agencies late with their report
    (``late``, the province's report), those leading overdue tasks, the targets to act on; an
    agency's own report asks the Sở Nội vụ about its overdue tasks."""
    periods = sorted(period.plan.periods.all(), key=lambda p: p.position)
    final = is_final_period(period, periods)
    top = [t for t in tasks if not t.task.parent_id]
    overdue = [t for t in top if t.status == TaskStatus.OVERDUE]
    at_risk = [r.target.code for r in rows if r.status in (Status.AT_RISK, Status.OFF_TRACK)]
    missed = [r.target.code for r in rows if r.status == Status.NOT_MET]
    year = period.plan.year
    if final:
        unfinished = [t.task.code for t in top if t.status in TaskStatus.UNFINISHED]
        ahead = wording.carry_over_sentence(year, unfinished, missed)
    else:
        following = next((p for p in periods if p.position > period.position), None)
        due = [
            (t.task.code, f"{t.due:%d/%m/%Y}", ", ".join(a.name for a in t.task.lead_agencies.all()))
            for t in top
            if following
            and t.status in (TaskStatus.IN_PROGRESS, TaskStatus.NOT_DUE)
            and period.window_end < t.due <= following.window_end
        ]
        ahead = "\n".join(
            x
            for x in (
                wording.due_tasks_sentence(following.title, due) if following else "",
                wording.overdue_sentence([(t.task.code, f"{t.due:%d/%m/%Y}") for t in overdue]),
                wording.at_risk_sentence(at_risk),
            )
            if x
        )
    ahead = ahead or f"Tiếp tục triển khai các nhiệm vụ của Kế hoạch cải cách hành chính năm {year}."
    if agency is not None:
        proposals = (
            "Đề nghị Sở Nội vụ hướng dẫn, xem xét gia hạn đối với các nhiệm vụ cơ quan chủ trì đã quá hạn: "
            + "; ".join(f"{t.task.code} (hạn {t.due:%d/%m/%Y})" for t in overdue)
            + "."
            if overdue
            else ""
        )
    else:
        leads = sorted({a.name for t in overdue for a in t.task.lead_agencies.all()}, key=sort_key)
        missing, sent_late = late or ([], [])
        proposals = "\n".join(
            x
            for x in (
                wording.late_agencies_sentence(_named(missing), _named(sent_late)),
                wording.overdue_leads_sentence(_named(leads)),
                wording.targets_proposal_sentence(missed if final else at_risk, final=final),
            )
            if x
        )
    return {"ahead": ahead, "proposals": proposals or "Không có kiến nghị, đề xuất phát sinh trong kỳ."}


def _judged(period: ReportingPeriod, rows: list[TargetProgress], tasks: list[TaskProgress]) -> dict:
    """What the year's report names (at the final period): the targets missed and the tasks
    not finished, with their due date and days left."""
    periods = list(period.plan.periods.all())
    if not is_final_period(period, periods):
        return {"final": False, "missed": "", "unfinished": ""}
    missed = [r.target.code for r in rows if r.status == Status.NOT_MET]
    open_tasks = [
        (t.task.code, f"{t.due:%d/%m/%Y}", days_left(due=t.due, as_of=period.window_end))
        for t in tasks
        if not t.task.parent_id and t.status in TaskStatus.UNFINISHED
    ]
    return {
        "final": True,
        "missed": wording.missed_sentence(missed),
        "unfinished": wording.unfinished_sentence(open_tasks),
    }


def _tasks_of(period, **where) -> list[TaskProgress]:
    return list(
        TaskProgress.objects.filter(period=period, **where)
        .select_related("task__plan_area")
        .prefetch_related("task__lead_agencies")
        .order_by("task__plan_area__position", "task__position")
    )


def _base(period: ReportingPeriod, issuer: Agency, *, kind: str, place: str) -> dict:
    run = ProgressRun.objects.filter(period=period).first()
    period_words = period.title[0].lower() + period.title[1:]
    return {
        "format": SNAPSHOT_FORMAT,
        "kind": kind,
        "computed_at": run.computed_at.isoformat() if run else None,
        "plan": {"id": period.plan_id, "title": period.plan.title, "year": period.plan.year},
        "period": {"id": period.pk, "title": period.title, "kind": period.kind},
        "issuer": {
            "governing_body": issuer.governing_body,
            "name": issuer.name,
            "symbol": issuer.symbol or "UBND",
            "place": place,
        },
        "title": f"Kết quả thực hiện công tác cải cách hành chính {period_words}",
    }


def _areas(plan, rows: list[TargetProgress], tasks: list[TaskProgress], text_of, as_of: date) -> list[dict]:
    areas = []
    for area in plan.areas.order_by("position"):
        area_rows = [r for r in rows if r.target.statement.plan_area_id == area.pk]
        area_tasks = [t for t in tasks if t.task.plan_area_id == area.pk]
        if not area_rows and not area_tasks:
            continue
        areas.append(
            {
                "area": area.pk,
                "code": area.code,
                "title": area.title,
                "targets": [_row(r) for r in area_rows],
                "text": text_of(area, area_tasks),
                **_area_tasks(area_tasks, as_of),
            }
        )
    return areas


def province_report_data(period: ReportingPeriod) -> dict:
    """The province report's snapshot, from the stored progress of ``period``."""
    with translation.override("vi"):
        return _province_report_data(period)


def _province_report_data(period: ReportingPeriod) -> dict:
    plan = period.plan
    issuer = plan.issuer
    rollups = {r.scope: r for r in RollupProgress.objects.filter(period=period).select_related("plan_area")}
    # an area, or a period, not computed yet reads as zeros
    plan_rollup = rollups.get("plan") or RollupProgress()
    rows = list(dashboards.province_rows(TargetProgress.objects.filter(period=period)))
    tasks = _tasks_of(period)

    def area_text(area, _tasks):
        rollup = rollups.get(f"area:{area.pk}") or RollupProgress()
        return _tasks_sentence(rollup.task_counts)

    judged = _judged(period, rows, tasks)
    summary = {
        "tasks": _tasks_sentence(plan_rollup.task_counts),
        "targets": _targets_sentence(plan_rollup.target_counts),
        "reporting": wording.reporting_sentence(
            agencies=plan_rollup.agencies,
            submitted=plan_rollup.agencies_submitted,
            on_time=plan_rollup.agencies_on_time,
        ),
        **judged,
    }
    area_rollups = [r for r in rollups.values() if r.plan_area_id]
    area_rollups.sort(key=lambda r: r.plan_area.position)
    late = _late_agencies(period)
    outlook = _outlook(period, rows, tasks, late=late)
    assessment = wording.assessment(
        areas=[
            (f"{r.plan_area.code}. {r.plan_area.title}", r.target_counts, r.task_counts) for r in area_rollups
        ],
        targets=plan_rollup.target_counts,
        tasks=plan_rollup.task_counts,
        agencies=plan_rollup.agencies,
        on_time=plan_rollup.agencies_on_time,
        late=len(late[1]),
        missing=len(late[0]),
        final=judged["final"],
    )
    return {
        **_base(period, issuer, kind="province", place=issuer.place_name or ""),
        "summary": summary,
        "defaults": _default_texts(summary, outlook, assessment),
        "general": [_row(r) for r in rows if r.target.statement.plan_area_id is None],
        "areas": _areas(plan, rows, tasks, area_text, period.window_end),
        "charts": {
            "areas": str(
                charts.stacked_bars(
                    dashboards.area_bars(area_rollups),
                    title=f"Tiến độ chỉ tiêu theo lĩnh vực — {period.title}",
                    width=480,
                )
            ),
            "tasks": str(
                charts.task_bar(
                    plan_rollup.task_counts, title=f"Nhiệm vụ theo trạng thái — {period.title}", width=480
                )
            ),
        },
        "recipients": [wording.recipient_line(r) for r in plan.recipients or []],
        "signer": {
            "authority": (plan.signer_authority or issuer.signer_authority).splitlines(),
            "title": plan.signer_title or issuer.signer_title,
            "name": plan.signer_name or issuer.signer_name,
        },
    }


def agency_report_data(period: ReportingPeriod, agency: Agency) -> dict:
    """An agency's own report to the Sở Nội vụ for ``period``: its approved figures (the
    stored ``agency:<id>`` progress) and the tasks it leads."""
    with translation.override("vi"):
        return _agency_report_data(period, agency)


def _agency_report_data(period: ReportingPeriod, agency: Agency) -> dict:
    plan = period.plan
    rows = list(
        dashboards.province_rows(TargetProgress.objects.filter(period=period), scope=f"agency:{agency.pk}")
    )
    tasks = _tasks_of(period, task__lead_agencies=agency)
    summary = {
        "tasks": _tasks_sentence(_task_counts(tasks)),
        "targets": _targets_sentence(_target_counts(rows)),
        "reporting": _submission_sentence(period, agency),
        **_judged(period, rows, tasks),
    }
    bars = []
    for area in plan.areas.order_by("position"):
        area_rows = [r for r in rows if r.target.statement.plan_area_id == area.pk]
        if area_rows:
            mean = progress_mean(
                (
                    not counts_in_mean(
                        stretch=r.target.stretch, measure=r.target.measure, expected=r.expected
                    ),
                    r.progress,
                )
                for r in area_rows
            )
            bars.append(
                charts.Bar(
                    label=f"{area.code}. {area.title}",
                    counts=_target_counts(area_rows),
                    note=charts.percent(mean),
                )
            )
    place = agency.place_name or (province_of(agency) or agency).place_name or ""
    outlook = _outlook(period, rows, tasks, agency=agency)
    return {
        **_base(period, agency, kind="agency", place=place),
        "agency": {"id": agency.pk, "name": agency.name},
        "summary": summary,
        "defaults": _default_texts(summary, outlook),
        "general": [_row(r) for r in rows if r.target.statement.plan_area_id is None],
        "areas": _areas(
            plan,
            rows,
            tasks,
            lambda _area, area_tasks: _tasks_sentence(_task_counts(area_tasks)),
            period.window_end,
        ),
        "charts": {
            "areas": str(
                charts.stacked_bars(
                    bars, title=f"Chỉ tiêu của cơ quan theo lĩnh vực — {period.title}", width=480
                )
            )
            if bars
            else "",
            "tasks": str(
                charts.task_bar(
                    _task_counts(tasks), title=f"Nhiệm vụ chủ trì theo trạng thái — {period.title}", width=480
                )
            )
            if tasks
            else "",
        },
        "recipients": ["Sở Nội vụ (để tổng hợp)", f"Lưu: VT, {agency.symbol or 'VP'}"],
        "signer": {
            "authority": agency.signer_authority.splitlines(),
            "title": agency.signer_title or "THỦ TRƯỞNG CƠ QUAN",
            "name": agency.signer_name,
        },
    }


def _submission_sentence(period, agency) -> str:
    """ "Số liệu kỳ báo cáo đã gửi ngày 12/06/2023 (đúng hạn) và đã được Sở Nội vụ duyệt." —
    the first sending decides "đúng hạn" (a return and a resend keep it)."""
    submission = Submission.objects.filter(period=period, agency=agency).first()
    if submission is None or submission.submitted_at is None:
        return f"Cơ quan chưa gửi số liệu kỳ báo cáo (hạn {period.deadline:%d/%m/%Y})."
    first = timezone.localtime(submission.first_submitted_at or submission.submitted_at)
    timing = "đúng hạn" if sent_on_time(first, period.deadline) else "quá hạn"
    status = SUBMISSION_WORDS.get(submission.status, "")
    text = f"Số liệu kỳ báo cáo đã gửi ngày {first:%d/%m/%Y} ({timing})"
    latest = timezone.localtime(submission.submitted_at)
    if latest.date() != first.date():
        text += f", gửi lại ngày {latest:%d/%m/%Y}"
    return text + (f" và {status}." if status else ".")


def section_texts(data: dict | None, texts: dict | None) -> list[tuple[str, str, str]]:
    """(key, heading, text) per section: the reviewer's text where one was saved, else the
    text written from the figures (none before the first snapshot)."""
    texts, defaults = texts or {}, (data or {}).get("defaults", {})
    return [
        (key, heading, texts[key] if key in texts else defaults.get(key, ""))
        for key, heading in SECTION_TITLES
    ]


def render_html(
    data: dict,
    *,
    number: str = "",
    issued_on: date | None = None,
    texts: dict | None = None,
    draft: bool = False,
) -> str:
    """The report's HTML. A ``draft`` (dự thảo) is marked "DỰ THẢO" on every page and has no
    signature block and no date to sign on: "ngày … tháng … năm …" is left blank, as a draft
    circulated for comments is printed; an issued report carries its date and its signer."""
    issued_on = issued_on or clock.today()
    place = data["issuer"]["place"]
    context = {
        **data,
        "number": number,
        "draft": draft,
        "fonts": FONTS_DIR.as_uri(),
        "place_date": blank_date(issued_on.year, place) if draft else vn_date(issued_on, place),
        "sections": section_texts(data, texts),
        # our own SVG, written by reports.charts into the snapshot
        "charts": {key: mark_safe(svg) for key, svg in data["charts"].items()},
    }
    with translation.override("vi"):
        return render_to_string("reports/pdf/report.html", context)


def blank_date(year: int, place: str) -> str:
    """ "Hưng Yên, ngày      tháng      năm 2024": a draft's date, filled in when it is signed."""
    gap = "\u00a0" * 6
    return f"{place}, ngày {gap} tháng {gap} năm {year}"


def render_pdf(
    data: dict,
    *,
    number: str = "",
    issued_on: date | None = None,
    texts: dict | None = None,
    draft: bool = False,
    step=None,
) -> bytes:
    """The report as PDF bytes. ``step(percent)`` is told how far the rendering got."""
    from weasyprint import HTML  # heavy import, only where a PDF is made

    step = step or (lambda _percent: None)
    html = render_html(data, number=number, issued_on=issued_on, texts=texts, draft=draft)
    step(30)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    step(80)
    return document.write_pdf()
