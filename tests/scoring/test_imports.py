"""A criteria set's table in the layout decisions print it: exported, imported back unchanged;
a broken file refused with a Vietnamese message per row and nothing written; the survey's
points from a sheet per unit."""

from decimal import Decimal as D
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from agencies.models import User
from cchc.spreadsheet_writing import workbook_bytes
from scoring import services
from scoring.imports import CriteriaImportError, criteria_rows_read, criteria_workbook, guidance_rule
from scoring.models import CriteriaSet, LeafScore, ScoringRound

pytestmark = pytest.mark.django_db


def _sheet(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    return workbook_bytes(workbook)


HEADER = ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Cách chấm / Tài liệu kiểm chứng"]


def test_the_printed_layout_reads_into_a_tree_with_rules():
    rows = [
        ("QUY ĐỊNH BỘ CHỈ SỐ",),
        tuple(HEADER),
        ("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", 5, None),
        ("1.1", "Kế hoạch CCHC năm", 5, None),
        (
            "1.1.1",
            "Ban hành kế hoạch CCHC năm",
            1,
            "Ban hành kịp thời: 1\nBan hành không kịp thời: 0,5\nKhông ban hành: 0\n"
            "Tài liệu kiểm chứng: Kế hoạch CCHC năm",
        ),
        (
            "1.1.2",
            "Mức độ thực hiện kế hoạch CCHC",
            2,
            "Thực hiện trên 90% kế hoạch: 2\nThực hiện từ 70% - 90% kế hoạch: 1\nDưới 70% kế hoạch: 0",
        ),
        ("1.1.3", "Văn bản bị kết luận trái pháp luật", 1, "Mỗi văn bản trừ 0,5 điểm"),
        ("1.1.4", "Mức độ hài lòng", "1", "Điểm điều tra xã hội học"),
    ]
    nodes = criteria_rows_read(rows)
    assert [(n.code, n.level) for n in nodes] == [
        ("1", "area"),
        ("1.1", "criterion"),
        ("1.1.1", "sub"),
        ("1.1.2", "sub"),
        ("1.1.3", "sub"),
        ("1.1.4", "sub"),
    ]
    assert nodes[0].area == "chi_dao_dieu_hanh"
    assert (nodes[2].rule_kind, nodes[2].evidence) == ("tiered", "Kế hoạch CCHC năm")
    assert [t["points"] for t in nodes[2].rule_params["tiers"]] == ["1", "0.5", "0"]
    bands = nodes[3].rule_params["bands"]
    assert nodes[3].rule_kind == "bands"
    assert bands[0] == {
        "min": "90",
        "min_inclusive": False,
        "points": "2",
        "label": "Thực hiện trên 90% kế hoạch",
    }
    assert (bands[1]["min_inclusive"], bands[1]["max_inclusive"]) == (True, True)
    assert (nodes[4].rule_kind, nodes[4].rule_params) == ("deduction", {"per": "0.5"})
    assert nodes[5].rule_kind == "survey"


def test_a_broken_file_names_every_row_and_writes_nothing():
    rows = [
        tuple(HEADER),
        ("1", "Công tác chỉ đạo", 5, None),
        ("1.1", "Kế hoạch", 4, None),  # children add up to 3
        ("1.1.1", "Ban hành kế hoạch", 1, "Đạt: 1\nKhông đạt: 0"),
        ("1.1.2", "Thực hiện", 2, "Trên 90%: 3\nDưới 90%: 0"),  # 3 points of 2
        ("", "Không có số thứ tự", 1, None),
        ("1.3.1", "Không có dòng cha", 1, None),
        ("1.1.1", "Trùng số", "hai", None),
    ]
    with pytest.raises(CriteriaImportError) as refused:
        criteria_rows_read(rows)
    errors = refused.value.errors
    assert "Dòng 6: thiếu số thứ tự." in errors
    assert "Dòng 7: tiêu chí 1.3.1 không có dòng cha 1.3 ở trên." in errors
    assert any(e.startswith("Dòng 8:") and "trùng với dòng 4" in e and "“hai”" in e for e in errors)
    assert "Dòng 3: điểm tối đa của 1.1 là 4 nhưng các tiêu chí bên dưới cộng lại 3." in errors
    assert any(e.startswith("Dòng 5: cách chấm của 1.1.2") for e in errors)


def test_no_header_is_refused():
    with pytest.raises(CriteriaImportError, match="Không thấy dòng tiêu đề"):
        criteria_rows_read([("a", "b")])


def test_the_example_set_exports_and_imports_back_unchanged():
    reviewer = User.objects.get(username="nv.reviewer")
    source = CriteriaSet.objects.get(province__code="hy-ubnd", year=2023, version=1)
    content = criteria_workbook(source, list(source.nodes.order_by("position")))
    draft = services.criteria_set_copy(source=source, year=2024, user=reviewer)
    draft.nodes.all().delete()
    services.criteria_set_import(criteria_set=draft, content=content, user=reviewer)
    fields = ("code", "level", "title", "max_points", "guidance", "evidence_asked")
    assert list(draft.nodes.order_by("position").values_list(*fields)) == list(
        source.nodes.order_by("position").values_list(*fields)
    )
    # the rules read back from the printed lines score alike (labels and keys aside)
    imported = {n.code: n for n in draft.nodes.all()}
    for node in source.nodes.exclude(rule_kind=""):
        assert imported[node.code].rule_kind == node.rule_kind or (
            node.rule_kind == "yes_no" and imported[node.code].rule_kind == "tiered"
        ), node.code


def test_import_into_a_published_set_is_refused():
    source = CriteriaSet.objects.get(province__code="hy-ubnd", year=2023, version=1)
    with pytest.raises(Exception, match="đã ban hành"):
        services.criteria_set_import(
            criteria_set=source, content=b"x", user=User.objects.get(username="nv.reviewer")
        )


def test_not_a_workbook_is_refused_by_the_bounded_reader():
    reviewer = User.objects.get(username="nv.reviewer")
    source = CriteriaSet.objects.get(province__code="hy-ubnd", year=2023, version=1)
    draft = services.criteria_set_copy(source=source, year=2024, user=reviewer)
    with pytest.raises(CriteriaImportError) as refused:
        services.criteria_set_import(criteria_set=draft, content=b"%PDF-1.4 not a sheet", user=reviewer)
    assert refused.value.errors == ["Tệp không phải bảng tính Excel (.xlsx) đọc được."]
    assert draft.nodes.count() == source.nodes.count()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Có ban hành: 1\nKhông ban hành: 0", "yes_no"),
        ("Hội đồng đánh giá", "manual"),
        ("Từ 30% trở lên: 1\nTừ 20% đến dưới 30%: 0,5\nDưới 20%: 0", "bands"),
    ],
)
def test_guidance_lines_to_rules(text, kind):
    assert guidance_rule(text, D(1))[0] == kind


def test_survey_points_from_a_sheet_per_unit(open_round):
    reviewer = User.objects.get(username="nv.reviewer")
    rows = [
        ["Mã đơn vị", "Tên đơn vị", "1.5.1", "3.4.1"],
        ["hy-stp", "Sở Tư pháp", 1.5, "4,25"],
        ["hy-snv", "Sở Nội vụ", None, 3],
    ]
    changed = services.survey_import(round_=open_round, user=reviewer, content=_sheet(rows))
    assert changed == 3
    points = dict(
        LeafScore.objects.filter(
            assessment__round=open_round, node__code__in=["1.5.1", "3.4.1"], survey_points__isnull=False
        )
        .values_list("assessment__unit__code", "node__code")
        .annotate()
        .values_list("node__code", "survey_points")
        .filter(assessment__unit__code="hy-stp")
    )
    assert points == {"1.5.1": D("1.50"), "3.4.1": D("4.25")}


def test_a_broken_survey_sheet_writes_nothing(open_round):
    reviewer = User.objects.get(username="nv.reviewer")
    rows = [
        ["Mã đơn vị", "Tên đơn vị", "1.5.1", "9.9.9"],
        ["hy-stp", "Sở Tư pháp", 2.5, None],  # 1.5.1 is worth 2
        ["khong-co", "Không có", 1, None],
    ]
    with pytest.raises(CriteriaImportError) as refused:
        services.survey_import(round_=open_round, user=reviewer, content=_sheet(rows))
    assert refused.value.errors == [
        "Cột 4: “9.9.9” không phải mã một tiêu chí điều tra xã hội học của bộ chỉ số.",
        "Dòng 2, cột 1.5.1: “2.5” không phải số điểm từ 0 đến 2.",
        "Dòng 3: không có đơn vị mã “khong-co” trong đợt chấm điểm.",
    ]
    assert not LeafScore.objects.filter(assessment__round=open_round, survey_points__isnull=False).exists()


def test_the_survey_template_lists_every_unit_and_survey_leaf(client):
    round_ = ScoringRound.objects.get(province__code="hy-ubnd", year=2023)
    client.force_login(User.objects.get(username="nv.reviewer"))
    response = client.get(f"/cham-diem/dot/{round_.pk}/dieu-tra/mau.xlsx")
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["Mã đơn vị", "Tên đơn vị"] and "3.4.1" in header
    assert sheet.max_row == 1 + 8
