"""The one-stop system's figures as plain rules: the columns of Biểu 06/VPCP/KSTT (Thông tư
01/2020/TT-VPCP) and how their totals add up, the named formulas a rate target can be bound to
(each with its definition stated, since "tỷ lệ trễ hạn" over resolved dossiers is not the same
figure as over all of them), and the groups, points and bands of the QĐ 766/QĐ-TTg index."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

# --- Biểu 06/VPCP/KSTT -------------------------------------------------------------------------

#: the count columns, in the form's order: (field, label)
DOSSIER_COLUMNS: list[tuple[str, object]] = [
    ("received_total", _("Tổng số hồ sơ tiếp nhận")),
    ("received_online", _("Tiếp nhận trực tuyến")),
    ("received_in_person", _("Tiếp nhận trực tiếp, qua dịch vụ bưu chính")),
    ("received_carried_over", _("Từ kỳ trước chuyển qua")),
    ("resolved_total", _("Tổng số đã giải quyết")),
    ("resolved_early", _("Giải quyết trước hạn")),
    ("resolved_on_time", _("Giải quyết đúng hạn")),
    ("resolved_late", _("Giải quyết quá hạn")),
    ("pending_total", _("Tổng số đang giải quyết")),
    ("pending_in_time", _("Đang giải quyết trong hạn")),
    ("pending_overdue", _("Đang giải quyết quá hạn")),
]
DOSSIER_FIELDS = [name for name, _label in DOSSIER_COLUMNS]

#: each total and the parts it is made of (Biểu 06's own arithmetic)
DOSSIER_SUMS: list[tuple[str, tuple[str, ...]]] = [
    ("received_total", ("received_online", "received_in_person", "received_carried_over")),
    ("resolved_total", ("resolved_early", "resolved_on_time", "resolved_late")),
    ("pending_total", ("pending_in_time", "pending_overdue")),
    ("received_total", ("resolved_total", "pending_total")),
]


def dossier_label(name: str) -> str:
    return str(dict(DOSSIER_COLUMNS)[name])


def dossier_problems(counts: dict[str, int | None]) -> list[str]:
    """What is wrong with one agency's row of counts (Vietnamese, without the row number): a
    missing or negative count, a total that is not the sum of its parts."""
    problems = []
    for name in DOSSIER_FIELDS:
        value = counts.get(name)
        if value is None:
            problems.append(str(_("thiếu “%(col)s”")) % {"col": dossier_label(name)})
        elif value < 0:
            problems.append(
                str(_("“%(col)s” là số âm (%(value)s)")) % {"col": dossier_label(name), "value": value}
            )
    if problems:
        return problems
    for total, parts in DOSSIER_SUMS:
        added = sum(counts[p] or 0 for p in parts)
        if counts[total] != added:
            problems.append(
                str(_("“%(total)s” là %(value)s nhưng %(parts)s cộng lại là %(sum)s"))
                % {
                    "total": dossier_label(total),
                    "value": counts[total],
                    "parts": " + ".join(f"“{dossier_label(p)}”" for p in parts),
                    "sum": added,
                }
            )
    return problems


@dataclass(frozen=True)
class Formula:
    """A rate over Biểu 06's columns: numerator / denominator, each a sum of columns."""

    code: str
    label: object
    definition: object
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]


FORMULAS: dict[str, Formula] = {
    f.code: f
    for f in (
        Formula(
            "on_time_rate",
            _("Tỷ lệ hồ sơ giải quyết đúng hạn"),
            _("(số giải quyết trước hạn + đúng hạn) / tổng số hồ sơ đã giải quyết trong kỳ"),
            ("resolved_early", "resolved_on_time"),
            ("resolved_total",),
        ),
        Formula(
            "early_rate",
            _("Tỷ lệ hồ sơ giải quyết trước hạn"),
            _("số giải quyết trước hạn / tổng số hồ sơ đã giải quyết trong kỳ"),
            ("resolved_early",),
            ("resolved_total",),
        ),
        Formula(
            "late_rate",
            _("Tỷ lệ hồ sơ giải quyết quá hạn"),
            _(
                "số giải quyết quá hạn / tổng số hồ sơ đã giải quyết trong kỳ (không tính trên tổng "
                "số tiếp nhận)"
            ),
            ("resolved_late",),
            ("resolved_total",),
        ),
        Formula(
            "online_rate",
            _("Tỷ lệ hồ sơ tiếp nhận trực tuyến"),
            _(
                "số tiếp nhận trực tuyến / số hồ sơ mới tiếp nhận trong kỳ (trực tuyến + trực tiếp, "
                "bưu chính; không tính hồ sơ kỳ trước chuyển qua)"
            ),
            ("received_online",),
            ("received_online", "received_in_person"),
        ),
    )
}


def formula_apply(code: str, counts: dict[str, int]) -> tuple[int, int] | None:
    """(numerator, denominator) of the formula over one agency's counts; None when the
    denominator is 0 (nothing to judge: the agency answers "không phát sinh" itself)."""
    formula = FORMULAS[code]
    numerator = sum(counts[name] for name in formula.numerator)
    denominator = sum(counts[name] for name in formula.denominator)
    if denominator <= 0:
        return None
    return numerator, denominator


# --- QĐ 766/QĐ-TTg -----------------------------------------------------------------------------

#: the index's groups as QĐ 766 prints them, with their points (100 in all). DOMAIN.md counts
#: "dịch vụ trực tuyến 22": the online public services (12) and online payment (10) together.
INDEX_GROUPS: list[tuple[str, object, int]] = [
    ("transparency", _("Công khai, minh bạch"), 18),
    ("timeliness", _("Tiến độ giải quyết"), 20),
    ("online_services", _("Dịch vụ công trực tuyến"), 12),
    ("online_payment", _("Thanh toán trực tuyến"), 10),
    ("satisfaction", _("Mức độ hài lòng"), 18),
    ("digitisation", _("Số hóa hồ sơ"), 22),
]
INDEX_FIELDS = [name for name, _label, _max in INDEX_GROUPS]
INDEX_TOTAL_MAX = 100

#: the bands, from the top: (lowest total, label)
INDEX_BANDS: list[tuple[int, object]] = [
    (90, _("Xuất sắc")),
    (80, _("Tốt")),
    (70, _("Khá")),
    (50, _("Trung bình")),
    (0, _("Yếu")),
]
#: what the total may differ from the sum of the groups by (the system rounds each to 2 places)
INDEX_TOLERANCE = Decimal("0.05")


def index_band(total: Decimal) -> str:
    for floor, label in INDEX_BANDS:
        if total >= floor:
            return str(label)
    return str(INDEX_BANDS[-1][1])


def index_problems(values: dict[str, Decimal | None], total: Decimal | None, band: str) -> list[str]:
    """What is wrong with one agency's month of the 766 index (Vietnamese, no row number)."""
    problems = []
    for name, label, maximum in INDEX_GROUPS:
        value = values.get(name)
        if value is None:
            problems.append(str(_("thiếu điểm “%(col)s”")) % {"col": label})
        elif value < 0 or value > maximum:
            problems.append(
                str(_("điểm “%(col)s” là %(value)s, ngoài khoảng 0–%(max)s"))
                % {"col": label, "value": value, "max": maximum}
            )
    if problems:
        return problems
    added = sum((values[name] or Decimal(0)) for name in INDEX_FIELDS)
    if total is None:
        return []
    if abs(total - added) > INDEX_TOLERANCE:
        problems.append(
            str(_("tổng điểm là %(total)s nhưng các nhóm chỉ số cộng lại là %(sum)s"))
            % {"total": total, "sum": added}
        )
    elif band and band.strip().casefold() != index_band(total).casefold():
        problems.append(
            str(_("xếp loại “%(band)s” không khớp tổng điểm %(total)s (phải là “%(expected)s”)"))
            % {"band": band, "total": total, "expected": index_band(total)}
        )
    return problems
