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
    *,
    total: int,
    done_on_time: int,
    done_late: int,
    in_progress: int,
    overdue: int,
    not_due: int,
    performed: int = 0,
    not_performed: int = 0,
    unreported: int = 0,
) -> str:
    """ "Đã hoàn thành 45/60 nhiệm vụ (75%), trong đó 40 nhiệm vụ đúng hạn, 5 nhiệm vụ quá hạn;
    10 nhiệm vụ đang thực hiện; 5 nhiệm vụ quá hạn chưa hoàn thành." A recurring task is said
    per period ("2 nhiệm vụ thường xuyên đã thực hiện trong kỳ"), never "hoàn thành"."""
    if not total:
        return "Kỳ này không có nhiệm vụ được giao."
    recurring = performed + not_performed + unreported
    dated = total - recurring
    done = done_on_time + done_late
    parts = []
    if dated:
        parts.append(f"Đã hoàn thành {done}/{dated} nhiệm vụ ({share(done, dated)})")
        if done:
            detail = [f"{done_on_time} nhiệm vụ đúng hạn"]
            if done_late:
                detail.append(f"{done_late} nhiệm vụ quá hạn")
            parts[0] += ", trong đó " + ", ".join(detail)
    if in_progress or not_due:
        parts.append(f"{in_progress + not_due} nhiệm vụ đang thực hiện")
    if overdue:
        parts.append(f"{overdue} nhiệm vụ quá hạn chưa hoàn thành")
    if recurring:
        said = [f"{performed}/{recurring} nhiệm vụ thường xuyên đã thực hiện trong kỳ"]
        if not_performed:
            said.append(f"{not_performed} nhiệm vụ không thực hiện")
        if unreported:
            said.append(f"{unreported} nhiệm vụ chưa báo cáo")
        parts.append(", ".join(said))
    return "; ".join(parts) + "."


def targets_sentence(
    *,
    total: int,
    met: int,
    on_track: int,
    at_risk: int,
    off_track: int,
    no_data: int,
    not_met: int = 0,
    no_basis: int = 0,
    na: int = 0,
) -> str:
    """ "Trong 41 chỉ tiêu, 15 chỉ tiêu đã đạt (36,6%), 19 chỉ tiêu có nguy cơ không đạt, …"; at
    the year's end the verdicts are final: "… 24 chỉ tiêu không đạt, 2 chỉ tiêu chưa đủ căn cứ
    đánh giá." (no "có nguy cơ" then)."""
    if not total:
        return "Kỳ này không có chỉ tiêu định lượng."
    parts = [f"Trong {total} chỉ tiêu, {met} chỉ tiêu đã đạt ({share(met, total)})"]
    for count, words in (
        (on_track, "đúng tiến độ"),
        (at_risk, "có nguy cơ không đạt"),
        (off_track, "chậm tiến độ"),
        (not_met, "không đạt"),
        (no_data, "chưa có số liệu"),
        (no_basis, "chưa đủ căn cứ đánh giá"),
        (na, "không phát sinh"),
    ):
        if count:
            parts.append(f"{count} chỉ tiêu {words}")
    return ", ".join(parts) + "."


def missed_sentence(codes: list[str]) -> str:
    """ "Các chỉ tiêu không đạt: 1.a, 2.a.2, 3.b.1." — the targets the year missed, named (the
    tables beside say what each is)."""
    if not codes:
        return ""
    return f"Các chỉ tiêu không đạt ({len(codes)}): " + ", ".join(codes) + "."


def days_left_words(left: int) -> str:
    """ "còn 17 ngày", "đến hạn hôm nay", "quá hạn 4 ngày"."""
    if left > 0:
        return f"còn {left} ngày"
    return "đến hạn hôm nay" if left == 0 else f"quá hạn {-left} ngày"


def unfinished_sentence(tasks: list[tuple[str, str, int]]) -> str:
    """ "Các nhiệm vụ chưa hoàn thành: 1.a (hạn 31/12/2023, còn 17 ngày); 2.b (…)." """
    if not tasks:
        return ""
    named = [f"{code} (hạn {due}, {days_left_words(left)})" for code, due, left in tasks]
    return "Các nhiệm vụ chưa hoàn thành: " + "; ".join(named) + "."


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
