"""Vietnamese sentences written from the figures for the report sections (plain functions over
plain numbers; the reviewer can edit the text before issuing)."""

from __future__ import annotations

from decimal import Decimal

from targets.rules import format_number


def share(part: int, whole: int) -> str:
    """ "75%" (whole percent, decimal comma when it is not whole to one place)."""
    if not whole:
        return "0%"
    value = (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))
    return f"{format_number(value)}%"


def tasks_sentence(
    *, total: int, done_on_time: int, done_late: int, in_progress: int, overdue: int, not_due: int
) -> str:
    """ "Đã hoàn thành 45/60 nhiệm vụ (75%), trong đó 40 nhiệm vụ đúng hạn, 5 nhiệm vụ quá hạn;
    10 nhiệm vụ đang thực hiện; 5 nhiệm vụ quá hạn chưa hoàn thành.\""""
    if not total:
        return "Kỳ này không có nhiệm vụ được giao."
    done = done_on_time + done_late
    parts = [f"Đã hoàn thành {done}/{total} nhiệm vụ ({share(done, total)})"]
    if done:
        detail = [f"{done_on_time} nhiệm vụ đúng hạn"]
        if done_late:
            detail.append(f"{done_late} nhiệm vụ quá hạn")
        parts[0] += ", trong đó " + ", ".join(detail)
    if in_progress or not_due:
        parts.append(f"{in_progress + not_due} nhiệm vụ đang thực hiện")
    if overdue:
        parts.append(f"{overdue} nhiệm vụ quá hạn chưa hoàn thành")
    return "; ".join(parts) + "."


def targets_sentence(
    *, total: int, met: int, on_track: int, at_risk: int, off_track: int, no_data: int
) -> str:
    """ "Trong 41 chỉ tiêu, 15 chỉ tiêu đã đạt (36,6%), 19 chỉ tiêu có nguy cơ không đạt, …\""""
    if not total:
        return "Kỳ này không có chỉ tiêu định lượng."
    parts = [f"Trong {total} chỉ tiêu, {met} chỉ tiêu đã đạt ({share(met, total)})"]
    for count, words in (
        (on_track, "đúng tiến độ"),
        (at_risk, "có nguy cơ không đạt"),
        (off_track, "chậm tiến độ"),
        (no_data, "chưa có số liệu"),
    ):
        if count:
            parts.append(f"{count} chỉ tiêu {words}")
    return ", ".join(parts) + "."


def reporting_sentence(*, agencies: int, submitted: int, on_time: int) -> str:
    """ "17/18 cơ quan, địa phương đã gửi báo cáo, trong đó 15 cơ quan gửi đúng hạn.\""""
    if not agencies:
        return ""
    text = f"{submitted}/{agencies} cơ quan, địa phương đã gửi báo cáo"
    if submitted:
        text += f", trong đó {on_time} cơ quan gửi đúng hạn"
    missing = agencies - submitted
    if missing:
        text += f"; {missing} cơ quan chưa gửi báo cáo"
    return text + "."
