"""The entry sheet's rows, written in Python: the same HTML, byte for byte, as the template loops
they replace (``tests/reporting/test_entry_rows.py`` renders both). A reporter's page has a
dozen fields per line and is the most requested page on report day; its rows were most of the
page's template time."""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from targets.templatetags.target_tags import target_figure, vn_number

register = template.Library()


def _errors(bound) -> str:
    """``{{ f.field.errors }}``: nothing when there are none (the error template says so)."""
    errors = bound.errors
    return str(errors) if errors else ""


def _non_field_errors(form) -> str:
    errors = form.non_field_errors()
    return str(errors) if errors else ""


def _returned(row) -> bool:
    return row is not None and row.review_status == "returned"


def _group_row(target) -> str:
    area = target.statement.plan_area
    title = f"{esc(area.code)}. {esc(area.title)}" if area else esc(_("Mục tiêu chung"))
    return f'<tr class="group"><td colspan="5">{title}</td></tr>'


def _plan_cell(line) -> str:
    target = line.target
    out = f"<strong>{esc(target_figure(target))}</strong>"
    if line.threshold is not None and target.level_thresholds.all():
        out += (
            f'<div class="small muted">{esc(_("cấp của đơn vị"))}: '
            f"{esc(vn_number(line.threshold))}{esc(target.unit)}</div>"
        )
    if target.stretch:
        out += f' <span class="badge stretch">{esc(_("phấn đấu"))}</span>'
    return out


def _inputs_cell(line, f) -> str:
    target = line.target
    if target.measure == "rate":
        return (
            f"\n            <label>{esc(_('Đạt'))} {f['numerator']}</label>"
            f"<label>/ {esc(_('Tổng'))} {f['denominator']}</label>\n"
            '            <output class="rate-out" aria-live="polite"></output>\n'
            f"            {_errors(f['numerator'])}{_errors(f['denominator'])}\n"
            "          \n        "
        )
    if target.measure == "milestone":
        return f"\n            {f['done']}{_errors(f['done'])}\n          \n        "
    out = (
        f'\n            <label>{f["value"]} <span class="muted">{esc(target.entry_hint)}</span></label>'
        f"{_errors(f['value'])}\n            "
    )
    if f.asks_transactions:
        out += (
            f'<label class="small" data-transactions>{esc(_("trên"))} {f["transactions"]} '
            f"{esc(_('lượt (không bắt buộc)'))}</label>{_errors(f['transactions'])}"
        )
    return out + "\n          \n        "


def _proposal(line, f) -> str:
    p = line.proposal
    if not p:
        return ""
    if p.denominator is not None:
        figure = f"{esc(vn_number(p.numerator))}/{esc(vn_number(p.denominator))}"
    else:
        figure = esc(vn_number(p.value))
    source = line.result.source if line.result is not None else None
    if source == "onestop":
        state = esc(_("Cơ quan đã xác nhận số liệu này."))
    elif source == "corrected":
        state = esc(_("Cơ quan đã sửa số liệu đề xuất."))
    else:
        state = esc(_("Giữ nguyên để xác nhận, hoặc sửa kèm lý do."))
    reason = f["correction_reason"]
    return (
        '<div class="onestop-proposal small" data-source="onestop">\n'
        f"            <strong>{esc(_('Đề xuất:'))}</strong> {figure}\n"
        f'            · <span class="source">{esc(p.source)}</span>\n'
        f'            <div class="muted">{esc(p.definition)}</div>\n'
        f"            <div>{state}</div>\n"
        f"            <label>{esc(reason.label)} {reason}</label>{_errors(reason)}\n"
        "          </div>"
    )


def _target_row(line) -> str:
    f, target = line.form, line.target
    classes = ("has-error" if f.errors else "") + (" returned" if _returned(line.result) else "")
    returned = (
        f'<div class="error small" role="alert">{esc(_("Trả lại:"))} {esc(line.result.review_note)}</div>'
        if _returned(line.result)
        else ""
    )
    return (
        f'\n      <tr class="{classes}" data-kind="target" data-line="{esc(target.code)}">\n'
        f'        <td data-label="{esc(_("Chỉ tiêu"))}"><span class="code">{esc(target.code)}</span> '
        f"{esc(target.text)}\n          {returned}</td>\n"
        f'        <td class="nowrap" data-label="{esc(_("Kế hoạch"))}">{_plan_cell(line)}</td>\n'
        f'        <td class="inputs" data-label="{esc(_("Thực hiện"))}">\n          {_inputs_cell(line, f)}'
        "</td>\n"
        f'        <td data-label="{esc(_("Không phát sinh"))}">{f["not_applicable"]} '
        f"{f['not_applicable_reason']}{_errors(f['not_applicable_reason'])}</td>\n"
        f'        <td data-label="{esc(_("Thuyết minh"))}">{f["comment"]}{_errors(f["comment"])}'
        f"{_non_field_errors(f)}\n          {_proposal(line, f)}</td>\n"
        "      </tr>\n      "
    )


@register.simple_tag
def entry_target_rows(lines):
    """The target lines' rows, each area's lines under its heading row."""
    parts, area = [], object()
    for line in lines:
        group = ""
        if line.target.statement.plan_area_id != area:
            area = line.target.statement.plan_area_id
            group = _group_row(line.target)
        parts.append(f"\n      {group}\n      {_target_row(line)}\n    ")
    return mark_safe("".join(parts))  # noqa: S308  # every value escaped above


def _evidence_cell(f, editable: bool) -> str:
    ev = f.evidence
    out = (
        f"<label>{esc(_('Số'))} {f['evidence_number']}</label>{_errors(f['evidence_number'])}"
        f"<label>{esc(_('Ngày'))} {f['evidence_date']}</label>{_errors(f['evidence_date'])}"
        f"<label>{esc(_('Hoàn thành ngày'))} {f['completed_on']}</label>{_errors(f['completed_on'])}\n"
        f"          {f['evidence_token']}"
    )
    if ev:
        url = esc(reverse("reporting:evidence_download", args=[ev.pk]))
        out += (
            f'<a class="evidence-link" href="{url}" data-evidence="{esc(ev.kind)}">'
            f'<span class="filetype">{esc(ev.kind.upper())}</span> {esc(ev.name)}</a>'
        )
    out += "\n          "
    if editable:
        upload = f["evidence_upload"]
        label = esc(_("Thay tệp")) if ev else esc(_("Tệp"))
        out += (
            f'<label class="file">{label} <input type="file" name="{esc(upload.html_name)}" '
            f'id="{esc(upload.auto_id)}" accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"></label>'
        )
    return out + f"{_errors(f['evidence_upload'])}{_errors(f['evidence_token'])}"


def _task_row(line, editable: bool) -> str:
    f, task = line.form, line.task
    role = esc(_("chủ trì")) if line.role == "lead" else esc(_("phối hợp"))
    returned = (
        f'<div class="error small" role="alert">{esc(_("Trả lại:"))} {esc(line.update.review_note)}</div>'
        if _returned(line.update)
        else ""
    )
    error = "has-error" if f.errors else ""
    return (
        f'\n      <tr class="{error}" data-kind="task" data-line="{esc(task.code)}">\n'
        f'        <td data-label="{esc(_("Nhiệm vụ"))}"><span class="code">{esc(task.code)}</span> '
        f'{_task_text(task.text)} <span class="badge">{role}</span>\n'
        f"          {returned}</td>\n"
        f'        <td data-label="{esc(_("Tình hình"))}">{f["progress"]}{_errors(f["progress"])}'
        f'<label class="small">{f["not_applicable"]} {esc(_("Không phát sinh"))}</label></td>\n'
        f'        <td data-label="{esc(_("% hoàn thành"))}">{f["percent"]}{_errors(f["percent"])}</td>\n'
        f'        <td class="inputs" data-label="{esc(_("Văn bản kiểm chứng"))}">'
        f"{_evidence_cell(f, editable)}</td>\n"
        f'        <td data-label="{esc(_("Ghi chú"))}">{f["note"]}{_errors(f["note"])}'
        f"{_non_field_errors(f)}</td>\n"
        "      </tr>\n    "
    )


def _task_text(text: str) -> str:
    """A task's text as the plan prints it: a long one cut at 220 characters, the rest a tap
    away ("Xem đủ"), on a phone as at the desk (a cut with no way to read on hid the product
    of many tasks)."""
    short = Truncator(text).chars(220)
    if short == text:
        return esc(text)
    return (
        f'<details class="task-text"><summary>{esc(short)} <span class="more">{esc(_("Xem đủ"))}</span>'
        f"</summary>{esc(text)}</details>"
    )


@register.simple_tag
def entry_task_rows(lines, editable):
    """The task lines' rows."""
    return mark_safe("".join(_task_row(line, editable) for line in lines))  # noqa: S308  # escaped above
