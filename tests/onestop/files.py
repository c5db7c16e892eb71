"""Real-shaped files of the one-stop system: Biểu 06/VPCP/KSTT as the form prints it (title
rows, a group row merged over its columns, the columns' row, a numbering row, one row per
agency, the province's total) and the QĐ 766 index by agency and month."""

from __future__ import annotations

import io

from openpyxl import Workbook

GROUPS = [
    (
        "Số hồ sơ nhận giải quyết",
        ["Tổng số", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước chuyển qua"],
    ),
    ("Số hồ sơ đã giải quyết", ["Tổng số", "Trả trước hạn", "Đúng hạn", "Quá hạn"]),
    ("Số hồ sơ đang giải quyết", ["Tổng số", "Trong hạn", "Quá hạn"]),
]


def counts(online, in_person, carried, early, on_time, late, in_time, overdue) -> list[int]:
    """A row of Biểu 06 that adds up, from its parts."""
    received = online + in_person + carried
    resolved = early + on_time + late
    pending = in_time + overdue
    assert received == resolved + pending, "a test row must add up"
    return [received, online, in_person, carried, resolved, early, on_time, late, pending, in_time, overdue]


def bieu06(
    rows: list[tuple[str, list]], *, merge_leaf: str | None = None, body_merge: str | None = None
) -> bytes:
    """``rows``: (agency name as printed, its 11 counts)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 06"
    ws.append(["Biểu số 06/VPCP/KSTT"])
    ws.append(["TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"])
    ws.append(["Kỳ báo cáo: Quý I năm 2023 (từ ngày 15/12/2022 đến ngày 14/3/2023)"])
    ws.append(["STT", "Tên cơ quan, đơn vị", *[g for g, cols in GROUPS for _ in cols]])
    ws.append([None, None, *[c for _g, cols in GROUPS for c in cols]])
    ws.append(["(1)", "(2)", *[f"({n})" for n in range(3, 14)]])
    # the form's merged header: STT and the name over both header rows, each group over its columns
    ws.merge_cells("A4:A5")
    ws.merge_cells("B4:B5")
    col = 3
    for _group, cols in GROUPS:
        ws.merge_cells(start_row=4, start_column=col, end_row=4, end_column=col + len(cols) - 1)
        col += len(cols)
    total = [0] * 11
    for n, (name, values) in enumerate(rows, start=1):
        ws.append([n, name, *values])
        total = [a + (b if isinstance(b, int) else 0) for a, b in zip(total, values, strict=True)]
    ws.append([None, "Tổng cộng", *total])
    if merge_leaf:
        ws.merge_cells(merge_leaf)
    if body_merge:
        ws.merge_cells(body_merge)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


INDEX_HEADER = [
    "STT",
    "Tên cơ quan, đơn vị",
    "Tháng",
    "Công khai, minh bạch (18)",
    "Tiến độ giải quyết (20)",
    "Dịch vụ công trực tuyến (12)",
    "Thanh toán trực tuyến (10)",
    "Mức độ hài lòng (18)",
    "Số hóa hồ sơ (22)",
    "Tổng điểm",
    "Xếp loại",
]


def index766(rows: list[tuple], *, csv: bool = False) -> bytes:
    """``rows``: (name, "mm/yyyy", six groups, total, band)."""
    lines = [["CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QĐ 766/QĐ-TTg)"], INDEX_HEADER]
    lines += [[n, *row] for n, row in enumerate(rows, start=1)]
    if csv:
        text = "\n".join(
            ";".join(
                "" if c is None else str(c).replace(".", ",") if isinstance(c, float) else str(c)
                for c in line
            )
            for line in lines
        )
        return ("\ufeff" + text).encode("utf-8")
    wb = Workbook()
    ws = wb.active
    for line in lines:
        ws.append(line)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
