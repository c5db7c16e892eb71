"""What happened to a submission, step by step: who, when, what changed (before → after).
Read from django-simple-history's records of the submission and of each of its lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from targets.rules import format_number

from ..models import EvidenceFile, Submission, TargetResult, TaskUpdate

LINE_FIELDS = {
    "numerator": gettext_lazy("tử số"),
    "denominator": gettext_lazy("mẫu số"),
    "value": gettext_lazy("giá trị"),
    "done": gettext_lazy("hoàn thành"),
    "not_applicable": gettext_lazy("không phát sinh"),
    "progress": gettext_lazy("tình hình"),
    "percent": "%",
    "evidence_number": gettext_lazy("văn bản"),
    "evidence_file_id": gettext_lazy("tệp kiểm chứng"),
    "review_status": gettext_lazy("duyệt"),
    "review_note": gettext_lazy("lý do trả lại"),
}


#: the reviewer's fields of a line; the rest is what the agency typed
REVIEW_FIELDS = {"review_status", "review_note"}

#: one change: (field, before, after); a label may be a lazy translation
Change = tuple[str | Promise, str | Promise, str]


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    subject: str
    changes: list[Change]


def _show(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value:%d/%m/%Y}"
    try:
        return format_number(value)
    except Exception:  # noqa: BLE001 - not a number: show as is
        return str(value)


def _choice_shower(model, name: str):
    """How a field's value is shown: a field with choices by its label ("returned" → "Trả lại",
    "done" → "Hoàn thành"), an empty value as "—", anything else by ``_show``."""
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - not a model field (an m2m snapshot): shown as is
        return _show
    labels = {str(code): label for code, label in field.flatchoices} if field.choices else {}
    if not labels:
        return _show

    def show(value) -> str:
        if value is None or value == "":
            return "—"
        return str(labels.get(str(value), value))

    return show


def _default(model, name: str):
    """A field's default value (a new line's "Chờ duyệt", "Chưa triển khai", 0 %: not a change)."""
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - not a model field
        return None
    return field.get_default() if field.has_default() else None


def _who(record) -> str:
    user = record.history_user
    return (user.get_full_name() or user.username) if user else _("hệ thống")


def _diffs(records, fields, labels, subject_of, shown=None):
    """``shown`` maps a field to how its value is displayed (e.g. a file id → its name)."""
    shown = shown or {}
    entries: list[HistoryEntry] = []
    last: dict[Any, Any] = {}  # subject → its previous record
    for record in records:
        key = subject_of(record)
        before = last.get(key)
        changes = []
        # a line whose first record is not its creation (typed before the history was kept): what
        # its values were is unknown, so only the reviewer's verdict is credited to this record
        unknown_before = before is None and getattr(record, "history_type", "+") != "+"
        for name in fields:
            new = getattr(record, name)
            old = getattr(before, name) if before is not None else None
            if before is None and (new in (None, "", False) or new == _default(type(record), name)):
                continue
            if unknown_before and name not in REVIEW_FIELDS:
                continue
            if before is None or old != new:
                show = shown.get(name) or _choice_shower(type(record), name)
                changes.append((labels.get(name, name), show(old), show(new)))
        if changes:
            entries.append(HistoryEntry(record.history_date, _who(record), key, changes))
        last[key] = record
    return entries


def _head_step(record, *, with_reason: bool) -> str:
    """What a report waiting for the head became: sent by the head's approval, returned by the
    head with a reason (left out for a coordinator, as the Sở Nội vụ's: it may speak of any
    line), or taken back by the agency (``submission_head_approve``, ``…_return``,
    ``submission_withdraw``)."""
    if record.status == Submission.Status.SUBMITTED:
        return str(_("thủ trưởng cơ quan duyệt và gửi Sở Nội vụ"))
    if record.head_return_reason:
        if not with_reason:
            return str(_("thủ trưởng cơ quan trả lại"))
        return str(_("thủ trưởng cơ quan trả lại: %s")) % record.head_return_reason
    return str(_("cơ quan rút lại báo cáo"))


def submission_history(submission: Submission, *, area_ids: set[int] | None = None) -> list[HistoryEntry]:
    """``area_ids``: the plan areas whose lines the viewer may read (an area coordinator's,
    ``readable_area_ids``); the lines of other areas, plan-wide goals and the evidence files
    behind them are left out, and so is the reviewer's general return reason (it may speak of
    any line). None: every line."""
    status_labels = dict(Submission.Status.choices)
    records = list(submission.history.select_related("history_user").order_by("history_date"))
    entries = []
    previous = None
    for record in records:
        if previous is None or previous.status != record.status:
            reason = record.return_reason if record.status == Submission.Status.RETURNED else ""
            if area_ids is not None:
                reason = ""
            if previous is not None and (previous.status, record.status) == (
                Submission.Status.SUBMITTED,
                Submission.Status.DRAFT,
            ):
                reason = str(_("cơ quan rút lại báo cáo"))  # submission_withdraw
            if previous is not None and previous.status == Submission.Status.AWAITING_HEAD:
                reason = _head_step(record, with_reason=area_ids is None)
            entries.append(
                HistoryEntry(
                    record.history_date,
                    _who(record),
                    _("Báo cáo"),
                    [
                        (
                            _("trạng thái"),
                            status_labels.get(previous.status, "—") if previous else "—",
                            f"{status_labels.get(record.status)}" + (f": {reason}" if reason else ""),
                        )
                    ],
                )
            )
        previous = record
    results = TargetResult.objects.filter(submission=submission)
    updates = TaskUpdate.objects.filter(submission=submission)
    if area_ids is not None:
        results = results.filter(target__statement__plan_area_id__in=area_ids)
        updates = updates.filter(task__plan_area_id__in=area_ids)
    targets = dict(results.values_list("pk", "target__code"))
    tasks = dict(updates.values_list("pk", "task__code"))
    result_records = TargetResult.history.filter(submission_id=submission.pk)
    update_records = TaskUpdate.history.filter(submission_id=submission.pk)
    if area_ids is not None:
        # a line's records by its id: the lines of other areas (and deleted ones) are not read
        result_records = result_records.filter(id__in=list(targets))
        update_records = update_records.filter(id__in=list(tasks))
    result_records = result_records.select_related("history_user").order_by("history_date", "history_id")
    update_records = list(
        update_records.select_related("history_user").order_by("history_date", "history_id")
    )
    entries += _diffs(
        result_records,
        ["numerator", "denominator", "value", "done", "not_applicable", "review_status", "review_note"],
        LINE_FIELDS,
        lambda r: _("Chỉ tiêu %s") % targets.get(r.id, "?"),
    )
    files = dict(
        EvidenceFile.objects.filter(
            pk__in={r.evidence_file_id for r in update_records if r.evidence_file_id}
        ).values_list("pk", "name")
    )
    entries += _diffs(
        update_records,
        [
            "progress",
            "percent",
            "evidence_number",
            "evidence_file_id",
            "not_applicable",
            "review_status",
            "review_note",
        ],
        LINE_FIELDS,
        lambda r: _("Nhiệm vụ %s") % tasks.get(r.id, "?"),
        shown={"evidence_file_id": lambda pk: files.get(pk, "—") if pk else "—"},
    )
    return sorted(entries, key=lambda e: e.when, reverse=True)


def _short(text: str) -> str:
    return text if len(text) <= 140 else text[:137] + "…"


def m2m_accessor(history_model, field: str) -> str:
    """The reverse relation from a history record to its m2m snapshot rows (prefetchable,
    unlike the manager django-simple-history puts under the field's own name)."""
    return f"{history_model._meta.model_name}_{field}_set"


def item_history(records, fields: dict, m2m: dict | None = None, subject: str = "") -> list[HistoryEntry]:
    """The changes of one target or task, newest first. ``records``: its history records,
    oldest first, with the m2m rows prefetched; ``fields``: field → label; ``m2m``: m2m field
    → (label, attribute of the through row to show, e.g. "agency")."""
    m2m = m2m or {}
    labels = {**fields, **{name: label for name, (label, _attr) in m2m.items()}}
    entries, before = [], None
    shows: dict[str, Any] = {}
    for record in records:
        snapshot = {name: getattr(record, name) for name in fields}
        for name, (_label, attr) in m2m.items():
            rows = getattr(record, m2m_accessor(type(record), name)).all()
            snapshot[name] = ", ".join(sorted(str(getattr(row, attr)) for row in rows))
        changes: list[Change] = []
        for name, label in labels.items():
            new = snapshot[name]
            show = shows.setdefault(name, _choice_shower(type(record), name) if name in fields else _show)
            if before is None:
                if new not in (None, "", False):
                    changes.append((label, "—", _short(show(new))))
            elif before[name] != new:
                changes.append((label, _short(show(before[name])), _short(show(new))))
        if changes:
            entries.append(
                HistoryEntry(record.history_date, _who(record), subject if before else _("Tạo mới"), changes)
            )
        before = snapshot
    return list(reversed(entries))
