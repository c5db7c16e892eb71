"""The task appendix as a spreadsheet: each seed's appendix exported and read back unchanged,
imported into an empty plan, a messy real-life file, broken files rejected row by row with
nothing written, unmatched names settled by the reviewer, and the pages."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from agencies.models import Agency, User
from plans.appendix import HEADERS, appendix_import, appendix_read, appendix_xlsx
from plans.models import Plan, PlanArea, Task

pytestmark = pytest.mark.django_db


def xlsx(rows, *, merge=(), before=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in [*before, *rows]:
        sheet.append(list(row))
    for cells in merge:
        sheet.merge_cells(cells)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def snapshot(plan) -> list[tuple]:
    return [
        (
            t.plan_area_id,
            t.code,
            t.text,
            t.due_text,
            t.product,
            t.lead_groups,
            t.cooperating_groups,
            tuple(sorted(a.pk for a in t.lead_agencies.all())),
            tuple(sorted(a.pk for a in t.cooperating_agencies.all())),
        )
        for t in Task.objects.filter(plan=plan)
        .order_by("position")
        .prefetch_related("lead_agencies", "cooperating_agencies")
    ]


@pytest.fixture
def empty_plan():
    """Hải Dương 2024's areas, no tasks: where an appendix is imported for the first time."""
    source = Plan.objects.get(code="hai-duong-2024")
    plan = Plan.objects.create(
        code="hd-2025-nhap", title="Kế hoạch CCHC năm 2025", issuer=source.issuer, year=2025, status="draft"
    )
    for area in source.areas.order_by("position"):
        PlanArea.objects.create(
            plan=plan, area=area.area, code=area.code, title=area.title, position=area.position
        )
    return plan


@pytest.mark.parametrize("code", ["hung-yen-2023", "hai-duong-2024"])
def test_each_seed_appendix_reads_back_unchanged(code):
    plan = Plan.objects.get(code=code)
    before = snapshot(plan)
    rows, errors = appendix_read(appendix_xlsx(plan), plan=plan)
    assert errors == []
    assert len(rows) == len(before)
    changed = [
        (r["line"], r["code"], r["lead_unmatched"], r["cooperating_unmatched"])
        for r in rows
        if r["action"] != "same"
    ]
    assert changed == []
    counts = appendix_import(plan=plan, rows=rows, choices={})
    assert counts == {"new": 0, "update": 0, "same": len(before)}
    assert snapshot(plan) == before


def test_a_seed_appendix_imported_into_an_empty_plan_makes_the_same_tasks(empty_plan):
    source = Plan.objects.get(code="hai-duong-2024")
    rows, errors = appendix_read(appendix_xlsx(source), plan=empty_plan)
    assert errors == [] and {r["action"] for r in rows} == {"new"}
    counts = appendix_import(plan=empty_plan, rows=rows, choices={})
    assert counts["new"] == source.tasks.count()
    area_codes = {a.pk: a.code for a in PlanArea.objects.filter(plan__in=[source, empty_plan])}
    mine = [(area_codes[a], *rest) for a, *rest in snapshot(empty_plan)]
    theirs = [(area_codes[a], *rest) for a, *rest in snapshot(source)]
    assert mine == theirs
    recurring = Task.objects.filter(plan=empty_plan, due_text="Thường xuyên")
    assert recurring.exists() and all(t.recurring for t in recurring)


def test_a_messy_appendix_is_understood(empty_plan):
    content = xlsx(
        [
            [
                "STT",
                "  Nội dung   nhiệm vụ ",
                "Cơ quan chủ trì",
                "Cơ quan phối hợp",
                "Thời gian hoàn thành",
                "Sản phẩm",
            ],
            ["I. CẢI CÁCH THỂ CHẾ"],
            [
                "1",
                "  Rà soát   văn bản quy phạm pháp luật  ",
                "so tu phap",
                "Cac so, ban, nganh",
                "Quy II/2025",
                "Báo cáo",
            ],
            ["II.", "Cải cách thủ tục hành chính"],
            [
                "1",
                "Số hóa hồ sơ, kết quả giải quyết TTHC",
                "Sở TT&TT",
                "VP UBND tỉnh; UBND cấp xã",
                "Truoc ngay 30/6/2025",
                "",
            ],
            ["2", "Rà soát quy trình nội bộ", "Văn phòng UBND tỉnh", "", "Thường xuyên", ""],
            [None, None, None, None, None, None],
        ],
        before=[["PHỤ LỤC"], ["(Kèm theo Kế hoạch số …/KH-UBND)"]],
        merge=["A1:F1", "A4:F4"],
    )
    rows, errors = appendix_read(content, plan=empty_plan)
    assert errors == []
    assert [(r["line"], r["code"], r["action"]) for r in rows] == [
        (5, "1", "new"),
        (7, "1", "new"),
        (8, "2", "new"),
    ]
    areas = {a.code: a.pk for a in empty_plan.areas.all()}
    assert [r["area"] for r in rows] == [areas["2"], areas["3"], areas["3"]]
    assert rows[0]["text"] == "Rà soát văn bản quy phạm pháp luật"
    agency = {a.code: a.pk for a in Agency.objects.filter(code__startswith="hd-")}
    assert rows[0]["lead"] == [agency["hd-stp"]]
    assert rows[0]["cooperating_groups"] and not rows[0]["cooperating_unmatched"]
    assert rows[0]["due_date"] == "2025-06-30"
    assert rows[1]["lead"] and not rows[1]["lead_unmatched"]
    assert rows[1]["due_date"] == "2025-06-30" and rows[2]["recurring"]
    appendix_import(plan=empty_plan, rows=rows, choices={})
    assert empty_plan.tasks.count() == 3
    assert empty_plan.tasks.get(code="1", plan_area_id=areas["2"]).due_date == date(2025, 6, 30)


BROKEN = {
    "no header": (
        [["TT", "Việc", "Ai làm", "Khi nào"], ["1", "x", "y", "z"]],
        (),
        "Không tìm thấy dòng tiêu đề với các cột: TT | Nội dung (nhiệm vụ)",
    ),
    "a column missing": (
        [
            ["TT", "Nội dung", "Cơ quan chủ trì", "Sản phẩm"],
            ["I", "Cải cách thể chế"],
            ["1", "Việc", "Sở Tư pháp", ""],
        ],
        (),
        "Dòng 1 (tiêu đề): thiếu cột “Thời gian hoàn thành”",
    ),
    "merged": (
        [
            HEADERS,
            ["I", "Cải cách thể chế"],
            ["1", "Việc một", "Sở Tư pháp", "", "Quý I/2025", ""],
            ["2", "Việc hai", None, "", "Quý II/2025", ""],
        ],
        ["C3:C4"],
        "Dòng 3–4: ô gộp C3:C4",
    ),
    "empty row": (
        [
            HEADERS,
            ["I", "Cải cách thể chế"],
            ["1", "Việc một", "Sở Tư pháp", "", "Quý I/2025", ""],
            [],
            ["2", "Việc hai", "Sở Tư pháp", "", "Quý II/2025", ""],
        ],
        (),
        "Dòng 4: dòng trống giữa bảng",
    ),
    "no task": (
        [HEADERS, ["I", "Cải cách thể chế"], ["1", "", "Sở Tư pháp", "", "Quý I/2025", "Báo cáo"]],
        (),
        "Dòng 3: có thông tin nhưng thiếu nội dung nhiệm vụ",
    ),
    "no lead": (
        [HEADERS, ["I", "Cải cách thể chế"], ["1", "Việc một", "", "Sở Tư pháp", "Quý I/2025", ""]],
        (),
        "Dòng 3: thiếu cơ quan chủ trì",
    ),
    "before any area": (
        [HEADERS, ["1", "Việc một", "Sở Tư pháp", "", "Quý I/2025", ""]],
        (),
        "Dòng 2: nhiệm vụ nằm trước tiêu đề lĩnh vực đầu tiên",
    ),
    "unknown area": (
        [HEADERS, ["I", "Lĩnh vực không có"], ["1", "Việc một", "Sở Tư pháp", "", "Quý I/2025", ""]],
        (),
        "Dòng 2: không nhận ra lĩnh vực “Lĩnh vực không có”",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_appendix_is_rejected_row_by_row_and_writes_nothing(case, empty_plan):
    rows, merge, message = BROKEN[case]
    found, errors = appendix_read(xlsx(rows, merge=merge), plan=empty_plan)
    assert found == []
    assert any(message in e for e in errors), errors
    assert not empty_plan.tasks.exists()


def test_not_a_spreadsheet_is_rejected(empty_plan):
    assert appendix_read(b"%PDF-1.7", plan=empty_plan) == (
        [],
        ["Tệp không phải bảng tính Excel (.xlsx) đọc được."],
    )


def test_unmatched_names_are_settled_by_the_reviewer_or_nothing_is_written(empty_plan):
    content = xlsx(
        [
            HEADERS,
            ["I", "Cải cách thể chế"],
            ["1", "Việc một", "Sở Tư pháp, Công ty Cổ phần ABC", "", "Theo lịch tòa án", ""],
        ]
    )
    rows, errors = appendix_read(content, plan=empty_plan)
    assert errors == [] and rows[0]["lead_unmatched"] == ["Công ty Cổ phần ABC"]
    assert rows[0]["due_understood"] is False and rows[0]["due_date"] is None
    with pytest.raises(ValidationError, match="chọn cơ quan cho “Công ty Cổ phần ABC”"):
        appendix_import(plan=empty_plan, rows=[dict(r) for r in rows], choices={})
    assert not empty_plan.tasks.exists()
    appendix_import(plan=empty_plan, rows=rows, choices={"3:lead:0": "group"})
    task = empty_plan.tasks.get()
    assert task.lead_groups == "Công ty Cổ phần ABC" and task.due_text == "Theo lịch tòa án"


def test_upload_preview_and_confirm_through_the_pages(client, empty_plan):
    client.force_login(User.objects.get(username="nv.reviewer"))
    upload_url = reverse("plans:appendix_upload", args=[empty_plan.pk])
    bad = BytesIO(xlsx([HEADERS, ["1", "Việc", "Sở Tư pháp", "", "Quý I/2025", ""]]))
    bad.name = "phu-luc.xlsx"
    response = client.post(upload_url, {"tep": bad})
    assert response.status_code == 400
    assert "nhiệm vụ nằm trước tiêu đề lĩnh vực đầu tiên" in response.content.decode()
    good = BytesIO(appendix_xlsx(Plan.objects.get(code="hai-duong-2024")))
    good.name = "phu-luc.xlsx"
    response = client.post(upload_url, {"tep": good})
    assert response.status_code == 302
    preview = client.get(response.url)
    assert preview.status_code == 200 and "Xác nhận và lưu tất cả" in preview.content.decode()
    assert not empty_plan.tasks.exists()  # nothing written before confirming
    done = client.post(response.url)
    assert done.status_code == 302
    assert empty_plan.tasks.count() == Task.objects.filter(plan__code="hai-duong-2024").count()
