"""Vietnamese sentences written from the figures for the report sections (plain functions over
plain numbers; the reviewer can edit the text before issuing)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from django.utils.text import Truncator, add_truncation_text, calculate_truncate_chars_length

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


def shorten(text: str, limit: int = 220) -> str:
    """A task's name as a list prints it: whole when it fits, else cut at the last word that
    fits, followed by "…" (never mid-word: "dựa trên kết q…" reads as a typo). Its closing
    punctuation is dropped (the list closes the line)."""
    text = " ".join((text or "").split()).rstrip(" .;,:")
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return cut.rstrip(" .;,:-–(") + "…"


def names(items: list[str]) -> str:
    """ "Sở Tư pháp, Sở Y tế và UBND huyện Ân Thi"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def due_tasks_sentence(period_title: str, tasks: list[tuple[str, str, str]]) -> str:
    """ "Tập trung thực hiện các nhiệm vụ đến hạn trong Quý III năm 2023: 2.c (hạn 30/09/2023,
    chủ trì: Sở Nội vụ); …" — tasks not finished whose due date falls in the next period."""
    if not tasks:
        return ""
    named = [
        f"{code} (hạn {due}, chủ trì: {leads})" if leads else f"{code} (hạn {due})"
        for code, due, leads in tasks
    ]
    return (
        f"Tập trung thực hiện các nhiệm vụ đến hạn trong {period_title[0].lower()}{period_title[1:]}: "
        + "; ".join(named)
        + "."
    )


def overdue_sentence(tasks: list[tuple[str, str]]) -> str:
    """ "Khẩn trương hoàn thành các nhiệm vụ đã quá hạn: 1.b (hạn 30/06/2023)." """
    if not tasks:
        return ""
    return (
        "Khẩn trương hoàn thành các nhiệm vụ đã quá hạn: "
        + "; ".join(f"{c} (hạn {d})" for c, d in tasks)
        + "."
    )


def at_risk_sentence(codes: list[str]) -> str:
    """ "Có giải pháp cụ thể đối với các chỉ tiêu có nguy cơ không đạt hoặc chậm tiến độ (3): 1.a,
    2.b, 6.c." """
    if not codes:
        return ""
    return (
        f"Có giải pháp cụ thể đối với các chỉ tiêu có nguy cơ không đạt hoặc chậm tiến độ ({len(codes)}): "
        + ", ".join(codes)
        + "."
    )


def carry_over_sentence(year: int, unfinished: list[str], missed: list[str]) -> str:
    """The year report's next period is the next year: what it carries over."""
    parts = []
    if unfinished:
        parts.append(
            f"Tiếp tục thực hiện, hoàn thành các nhiệm vụ chưa hoàn thành của năm {year} "
            f"({len(unfinished)} nhiệm vụ: {', '.join(unfinished)})."
        )
    if missed:
        parts.append(
            f"Phân tích nguyên nhân các chỉ tiêu không đạt ({', '.join(missed)}), đưa giải pháp khắc phục "
            f"vào Kế hoạch cải cách hành chính năm {year + 1}."
        )
    return "\n".join(parts)


def _met_share(counts: dict[str, int]) -> tuple[int, int]:
    """Targets met and targets judged (what "không phát sinh" leaves out)."""
    return counts.get("met", 0), sum(counts.values()) - counts.get("na", 0)


def _dated_tasks(counts: dict[str, int]) -> tuple[int, int]:
    """Dated tasks done (on time or late) and dated tasks (recurring ones are not finished)."""
    dated = sum(counts.get(k, 0) for k in ("done_on_time", "done_late", "in_progress", "overdue", "not_due"))
    return counts.get("done_on_time", 0) + counts.get("done_late", 0), dated


def assessment(
    *,
    areas: list[tuple[str, dict[str, int], dict[str, int]]],
    targets: dict[str, int],
    tasks: dict[str, int],
    agencies: int,
    on_time: int,
    late: int,
    missing: int,
    final: bool,
) -> str:
    """Section III, "Đánh giá chung" (DOMAIN: ưu điểm, tồn tại), from the figures of section II
    seen across areas rather than said again: the areas that met every target and finished
    every task, the strongest and the weakest area by targets met, reporting on time, what is
    overdue or at risk. ``areas``: (name, target counts, task counts) in the plan's order;
    ``targets`` and ``tasks``: the plan's counts (general targets included). The causes
    ("nguyên nhân") are not in the figures: the reviewer writes them."""
    strengths, shortcomings = [], []
    full = [name for name, area_targets, area_tasks in areas if _full(area_targets, area_tasks)]
    if full:
        strengths.append(f"Các lĩnh vực đạt toàn bộ chỉ tiêu và hoàn thành toàn bộ nhiệm vụ: {names(full)}")
    ranked = [(name, *_met_share(counts)) for name, counts, _tasks in areas if _met_share(counts)[1]]
    if len(ranked) > 1:
        worst = min(ranked, key=lambda r: (_rate(r), -r[2]))
        # the strongest of the areas not already named as complete
        best = max((r for r in ranked if r[0] not in full), key=lambda r: (_rate(r), r[2]), default=worst)
        # named when the areas differ; "cao nhất" when at least half its targets are met
        if _rate(best) > _rate(worst) and best[1] * 2 >= best[2]:
            strengths.append(
                f"Lĩnh vực có tỷ lệ chỉ tiêu đạt cao nhất: {best[0]} ({best[1]}/{best[2]} chỉ tiêu)"
            )
        if worst[1] < worst[2] and _rate(worst) < max(_rate(r) for r in ranked):
            shortcomings.append(
                f"Lĩnh vực có tỷ lệ chỉ tiêu đạt thấp nhất: {worst[0]} ({worst[1]}/{worst[2]} chỉ tiêu)"
            )
    done_on_time = tasks.get("done_on_time", 0)
    _done, dated = _dated_tasks(tasks)
    if done_on_time:
        strengths.append(f"{done_on_time}/{dated} nhiệm vụ có thời hạn được hoàn thành đúng hạn")
    if agencies and on_time:
        strengths.append(
            f"{'Toàn bộ' if on_time == agencies else f'{on_time}/{agencies}'} cơ quan, địa phương "
            "gửi báo cáo đúng hạn"
        )
    totals = {**targets, **tasks}
    if final and totals.get("not_met"):
        shortcomings.append(f"{totals['not_met']} chỉ tiêu không đạt kế hoạch năm")
    elif not final and (totals.get("at_risk") or totals.get("off_track")):
        shortcomings.append(
            f"{totals.get('at_risk', 0) + totals.get('off_track', 0)} chỉ tiêu có nguy cơ không đạt "
            "hoặc chậm tiến độ"
        )
    if totals.get("no_data"):
        shortcomings.append(f"{totals['no_data']} chỉ tiêu chưa có số liệu")
    if totals.get("overdue"):
        shortcomings.append(f"{totals['overdue']} nhiệm vụ quá hạn chưa hoàn thành")
    if totals.get("done_late"):
        shortcomings.append(f"{totals['done_late']} nhiệm vụ hoàn thành sau thời hạn")
    if late or missing:
        said = [f"{late} cơ quan gửi báo cáo muộn"] if late else []
        said += [f"{missing} cơ quan chưa gửi báo cáo"] if missing else []
        shortcomings.append(", ".join(said))
    lines = [
        "1. Ưu điểm: " + ("; ".join(strengths) + "." if strengths else "chưa có kết quả nổi bật trong kỳ."),
        "2. Tồn tại, hạn chế: "
        + (
            "; ".join(shortcomings) + "."
            if shortcomings
            else "không có tồn tại nào được ghi nhận từ số liệu."
        ),
    ]
    return "\n".join(lines)


def _rate(ranked: tuple[str, int, int]) -> float:
    """An area's share of its judged targets met: (name, met, judged)."""
    return ranked[1] / ranked[2]


def _full(targets: dict[str, int], tasks: dict[str, int]) -> bool:
    """An area that met every target it is judged on and finished every dated task it has."""
    met, judged = _met_share(targets)
    done, dated = _dated_tasks(tasks)
    return bool(judged or dated) and met == judged and done == dated


def late_agencies_sentence(missing: list[str], late: list[str]) -> str:
    """ "Đề nghị các cơ quan chưa gửi báo cáo (UBND huyện Ân Thi) và gửi báo cáo chậm (Sở Y tế)
    thực hiện nghiêm chế độ báo cáo định kỳ về cải cách hành chính." """
    said = []
    if missing:
        said.append(f"chưa gửi báo cáo ({names(missing)})")
    if late:
        said.append(f"gửi báo cáo sau thời hạn ({names(late)})")
    if not said:
        return ""
    return (
        "Đề nghị các cơ quan, đơn vị "
        + " và ".join(said)
        + " thực hiện nghiêm chế độ báo cáo định kỳ về cải cách hành chính."
    )


def overdue_leads_sentence(leads: list[str]) -> str:
    if not leads:
        return ""
    return (
        f"Đề nghị {names(leads)} khẩn trương hoàn thành các nhiệm vụ được giao chủ trì đã quá hạn, "
        "báo cáo kết quả về Sở Nội vụ để tổng hợp."
    )


def targets_proposal_sentence(codes: list[str], *, final: bool) -> str:
    """What section V asks about the targets section IV names (not named twice)."""
    if not codes:
        return ""
    if final:
        return (
            f"Đề nghị các cơ quan được giao thực hiện {len(codes)} chỉ tiêu không đạt nêu tại mục IV "
            "làm rõ nguyên nhân, đề xuất giải pháp khắc phục trong năm tới."
        )
    return (
        f"Đề nghị các cơ quan được giao thực hiện {len(codes)} chỉ tiêu có nguy cơ không đạt hoặc chậm "
        "tiến độ nêu tại mục IV rà soát, có giải pháp cụ thể để hoàn thành trong các kỳ còn lại."
    )


def recipient_line(text: str) -> str:
    """A "Nơi nhận" line as a document prints it. A plan's text taken from its PDF may have a
    name run into an abbreviation ("Trung tâm PVHCC&KSTTHCThủy", "CV: HCQTĐức": the name of
    the officer who handles it, printed beside the line); it is set apart by a comma
    ("Trung tâm PVHCC&KSTTHC, Thủy"), as "Lưu: VT, NC-KSTTHC.Th" does."""
    text = " ".join((text or "").split()).rstrip(" ;.")
    out = []
    for i, char in enumerate(text):
        if (
            i >= 2
            and text[i - 1].isupper()
            and text[i - 2].isupper()
            and char.isupper()
            and i + 1 < len(text)
            and text[i + 1].islower()
        ):
            out.append(", ")
        out.append(char)
    return "".join(out)


def truncate_chars(text, length: int) -> str:
    """``Truncator(text).chars(length)`` (the ``truncatechars`` filter), the same text, without
    its Python loop over every character when the characters it would count are none of them
    combining (Vietnamese written precomposed, as NFC makes it): a dashboard cuts a name per
    row of its tables."""
    text = unicodedata.normalize("NFC", str(text))
    if length <= 0:
        return ""
    if len(text) <= length:
        return text  # never more counted characters than characters: nothing to cut
    if any(map(unicodedata.combining, text[: length + 1])):
        return Truncator(text).chars(length)
    return add_truncation_text(text[: calculate_truncate_chars_length(length, None)])
