"""The Quyết định công bố Chỉ số CCHC: a snapshot of the round's result (plain JSON, every figure
already worded, kept on the publication so an issued decision renders the same PDF and XLSX
later), laid out in the Nghị định 30/2020/NĐ-CP layout with the ranking by group as its appendix.
The PDF is made with WeasyPrint and the fonts the periodic reports ship (``cchc.documents``:
``FONTS_DIR``, ``vn_date``); the styles are a file read on the server (the page templates carry
no inline style)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cchc.documents import FONTS_DIR, vn_date
from cchc.spreadsheet_writing import workbook_bytes

from . import selectors, sources
from .models import ScoringRound
from .rules import percent_label, points_label

SNAPSHOT_FORMAT = 1
STYLESHEET = Path(__file__).resolve().parent / "templates" / "scoring" / "pdf" / "decision.css"


def publication_data(round_: ScoringRound) -> dict:
    """The decision's snapshot: the province, the sets it rests on, and per group the ranking
    (rank, unit, points, index, band, index per lĩnh vực) with the group's medians."""
    with translation.override("vi"):
        return _publication_data(round_)


def _publication_data(round_: ScoringRound) -> dict:
    results = selectors.round_results(round_)
    province = round_.province
    plan = sources.year_plan(province.pk, round_.year)
    authority, title, name = plan.signer if plan else ("", "", "")
    groups = []
    sets = {}
    for code, label, units in results.by_group():
        areas = results.areas.get(code, [])
        for unit in units:
            sets[unit.assessment.criteria_set_id] = unit.assessment.criteria_set
        groups.append(
            {
                "code": code,
                "label": label,
                "areas": [{"code": c, "title": t} for c, t in areas],
                "median": percent_label(results.medians[code][""]),
                "rows": [
                    {
                        "rank": u.rank,
                        "unit": u.assessment.unit.name,
                        "unit_id": u.assessment.unit_id,
                        "points": points_label(u.points),
                        "max": points_label(u.max_points),
                        "index": percent_label(u.index),
                        "index_value": str(u.index),
                        "band": u.band or "",
                        "areas": [percent_label(u.areas.get(c, (0, 0, None))[2]) for c, _t in areas],
                    }
                    for u in units
                ],
            }
        )
    group_words = ", ".join(g["label"] for g in groups)
    place = province.place_name or province.name.replace("Ủy ban nhân dân tỉnh ", "")
    return {
        "format": SNAPSHOT_FORMAT,
        "round": round_.pk,
        "year": round_.year,
        "is_demo": round_.is_demo,
        "province": {
            "name": province.name,
            "governing_body": province.governing_body,
            "symbol": province.symbol or "UBND",
            "place": place,
            "short": province.short_name or province.name,
        },
        "title": f"Về việc công bố Chỉ số cải cách hành chính năm {round_.year} của các "
        f"{group_words.lower()} tỉnh {place}",
        "sets": [
            {
                "title": s.title,
                "decision_number": s.decision_number,
                "decision_date": s.decision_date.isoformat() if s.decision_date else None,
                "decision_title": s.decision_title,
                "is_example": s.is_example,
                "source_note": s.source_note,
            }
            for s in sets.values()
        ],
        "groups": groups,
        "signer": {
            "authority": (authority or "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH").splitlines(),
            "title": title or "PHÓ CHỦ TỊCH",
            "name": name,
        },
        "recipients": [
            "Như Điều 3",
            "Bộ Nội vụ",
            "TT Tỉnh ủy, TT HĐND tỉnh",
            "Chủ tịch, các PCT UBND tỉnh",
            "Lưu: VT, SNV",
        ],
        "taken_at": timezone.now().isoformat(),
    }


def publication_html(data: dict, *, number: str = "", issued_on: date | None = None) -> str:
    issued_on = issued_on or timezone.localdate()
    context = {
        **data,
        "number": number,
        "place_date": vn_date(issued_on, data["province"]["place"]),
        "issued_on": issued_on,
    }
    with translation.override("vi"):
        return render_to_string("scoring/pdf/decision.html", context)


def publication_pdf(data: dict, *, number: str = "", issued_on: date | None = None) -> bytes:
    """The decision as PDF bytes (A4, NĐ30 margins, Liberation Serif shipped in static/fonts)."""
    from weasyprint import CSS, HTML  # heavy import, only where a PDF is made

    css = STYLESHEET.read_text(encoding="utf-8").replace("{{ fonts }}", FONTS_DIR.as_uri())
    html = publication_html(data, number=number, issued_on=issued_on)
    return HTML(string=html, base_url=str(FONTS_DIR)).write_pdf(stylesheets=[CSS(string=css)])


def publication_filename(publication, extension: str = "pdf") -> str:
    year = (publication.data or {}).get("year", "")
    state = f"so-{publication.number}" if publication.number else "du-thao"
    return f"quyet-dinh-cong-bo-chi-so-cchc-{year}-{state}.{extension}"


def publication_xlsx(data: dict, *, number: str = "", issued_on: date | None = None) -> bytes:
    """The appendix's tables as a workbook: one sheet per group, figures as numbers."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    reference = (
        f"Kèm theo Quyết định số {number}/QĐ-{data['province']['symbol']} ngày {issued_on:%d/%m/%Y}"
        if number and issued_on
        else "Dự thảo"
    )
    for group in data["groups"]:
        sheet = workbook.create_sheet(slugify(group["label"])[:28] or "nhom")
        sheet.append([f"KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {data['year']} — {group['label'].upper()}"])
        sheet.append([reference])
        header = [
            "Xếp hạng",
            "Đơn vị",
            "Điểm đạt được",
            "Điểm tối đa",
            "Chỉ số (%)",
            "Xếp loại",
            *[f"{a['code']}. {a['title']}" for a in group["areas"]],
        ]
        sheet.append(header)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in group["rows"]:
            sheet.append(
                [
                    row["rank"],
                    row["unit"],
                    _number(row["points"]),
                    _number(row["max"]),
                    _number(row["index"]),
                    row["band"],
                    *[_number(value) for value in row["areas"]],
                ]
            )
        sheet.column_dimensions["B"].width = 40
    if not workbook.worksheets:
        workbook.create_sheet("ket-qua")
    return workbook_bytes(workbook)


def _number(text: str):
    """ "87,35%" → 87.35 (a number in the sheet); "—" → empty."""
    cleaned = text.replace("%", "").replace(".", "").replace(",", ".").strip()
    try:
        return float(cleaned)
    except ValueError:
        return None
