"""Imports of the one-stop system's figures: real-shaped files read, previewed with each
agency's figures before and after, confirmed all or nothing; broken files refused row by row
in Vietnamese with nothing written; the 766 index by month."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from agencies.models import Agency, User
from onestop.models import DossierCounts, ImportBatch, Index766
from onestop.reading import dossiers_read, index766_read
from plans.models import Plan, ReportingPeriod
from tests.onestop.files import bieu06, counts, index766

pytestmark = pytest.mark.django_db

STP = counts(online=120, in_person=60, carried=20, early=90, on_time=85, late=5, in_time=15, overdue=5)
SNV = counts(online=40, in_person=35, carried=5, early=10, on_time=60, late=2, in_time=8, overdue=0)
VP = counts(online=300, in_person=100, carried=0, early=200, on_time=150, late=10, in_time=30, overdue=10)


@pytest.fixture
def plan():
    return Plan.objects.get(code="hung-yen-2023")


@pytest.fixture
def q1(plan):
    return ReportingPeriod.objects.get(plan=plan, kind="q1")


@pytest.fixture
def reviewer(client):
    client.force_login(User.objects.get(username="nv.reviewer"))
    return client


def _upload(client, plan, content, *, name="bieu06-q1.xlsx", kind="bieu06", period=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"kind": kind, "file": SimpleUploadedFile(name, content)}
    if period is not None:
        data["period"] = period.pk
    return client.post(reverse("onestop:import_upload", args=[plan.pk]), data)


def test_a_real_shaped_bieu06_is_read_with_its_merged_header(plan):
    rows, errors = dossiers_read(
        bieu06([("Sở Tư pháp", STP), ("Sở Nội vụ tỉnh Hưng Yên", SNV), ("VP UBND tỉnh", VP)]),
        file_name="bieu06.xlsx",
        plan=plan,
    )
    assert errors == []
    assert [r["name"] for r in rows] == ["Sở Tư pháp", "Sở Nội vụ tỉnh Hưng Yên", "VP UBND tỉnh"]
    codes = {Agency.objects.get(pk=r["agency"]).code for r in rows}
    assert codes == {"hy-stp", "hy-snv", "hy-vp"}
    first = rows[0]["counts"]
    assert first["received_total"] == 200 and first["resolved_early"] == 90 and first["pending_overdue"] == 5


def test_upload_preview_confirm_writes_every_row_and_says_where_it_came_from(reviewer, plan, q1):
    DossierCounts.objects.all().delete()
    response = _upload(reviewer, plan, bieu06([("Sở Tư pháp", STP), ("Sở Nội vụ", SNV)]), period=q1)
    assert response.status_code == 302
    page = reviewer.get(reverse("onestop:import_preview", args=[plan.pk])).content.decode()
    assert "Sở Tư pháp" in page and "200" in page and "mới" in page
    response = reviewer.post(reverse("onestop:import_preview", args=[plan.pk]))
    assert response.status_code == 302
    stored = DossierCounts.objects.get(period=q1, agency__code="hy-stp")
    assert stored.as_counts()["resolved_on_time"] == 85
    assert stored.batch.file_name == "bieu06-q1.xlsx"
    assert stored.batch.imported_by.username == "nv.reviewer"
    assert stored.batch.kind == ImportBatch.Kind.DOSSIERS
    # a second file for the same period: the preview shows before → after, the row is replaced
    changed = counts(
        online=121, in_person=60, carried=20, early=91, on_time=85, late=5, in_time=15, overdue=5
    )
    _upload(reviewer, plan, bieu06([("Sở Tư pháp", changed)]), period=q1)
    page = reviewer.get(reverse("onestop:import_preview", args=[plan.pk])).content.decode()
    assert "200</span> → 201" in page
    reviewer.post(reverse("onestop:import_preview", args=[plan.pk]))
    assert DossierCounts.objects.get(period=q1, agency__code="hy-stp").received_total == 201
    assert DossierCounts.objects.filter(period=q1).count() == 2


BROKEN = {
    "merged-cell header": (
        dict(merge_leaf="D5:E5"),
        [("Sở Tư pháp", STP)],
        "Dòng 5 (tiêu đề): ô gộp D5:E5 che mất cột",
    ),
    "merged cells in the body": (
        dict(body_merge="B7:B8"),
        [("Sở Tư pháp", STP), ("Sở Nội vụ", SNV)],
        "Dòng 7–8: ô gộp B7:B8 trong bảng số liệu",
    ),
    "a negative count": (
        {},
        [("Sở Tư pháp", STP), ("Sở Nội vụ", [*SNV[:7], -2, *SNV[8:]])],
        "Dòng 8 (Sở Nội vụ): “Giải quyết quá hạn” là số âm (-2).",
    ),
    "a total that does not add up": (
        {},
        [("Sở Tư pháp", [*STP[:4], 181, *STP[5:]])],
        "Dòng 7 (Sở Tư pháp): “Tổng số đã giải quyết” là 181 nhưng “Giải quyết trước hạn” + "
        "“Giải quyết đúng hạn” + “Giải quyết quá hạn” cộng lại là 180",
    ),
    "text in a count": (
        {},
        [("Sở Tư pháp", [*STP[:2], "khoảng 60", *STP[3:]])],
        "Dòng 7 (Sở Tư pháp): “Tiếp nhận trực tiếp, qua dịch vụ bưu chính”:",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_bieu06_is_refused_row_by_row_and_writes_nothing(reviewer, plan, q1, case):
    options, rows, message = BROKEN[case]
    before = (DossierCounts.objects.count(), ImportBatch.objects.count())
    response = _upload(reviewer, plan, bieu06(rows, **options), period=q1)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tệp không nhập được; chưa có gì được lưu." in page
    assert message in page.replace("&quot;", '"'), page[page.find("errorlist") : page.find("errorlist") + 800]
    assert (DossierCounts.objects.count(), ImportBatch.objects.count()) == before


def test_an_unknown_agency_is_picked_or_nothing_is_written(reviewer, plan, q1):
    DossierCounts.objects.all().delete()
    _upload(reviewer, plan, bieu06([("Sở Tư pháp", STP), ("Trung tâm Không Có Thật", SNV)]), period=q1)
    preview = reverse("onestop:import_preview", args=[plan.pk])
    page = reviewer.get(preview).content.decode()
    assert "chưa nhận ra" in page and "Trung tâm Không Có Thật" in page
    response = reviewer.post(preview)
    assert response.status_code == 400
    assert "Dòng 8: chưa nhận ra cơ quan “Trung tâm Không Có Thật”" in response.content.decode()
    assert DossierCounts.objects.count() == 0  # not even Sở Tư pháp's row
    snv = Agency.objects.get(code="hy-snv")
    reviewer.post(preview, {"chon:8": str(snv.pk)})
    assert DossierCounts.objects.get(period=q1, agency=snv).received_total == SNV[0]
    assert DossierCounts.objects.count() == 2


def test_an_agency_imports_only_its_own_figures(client, plan, q1):
    DossierCounts.objects.all().delete()
    client.force_login(User.objects.get(username="tp.reporter"))
    _upload(client, plan, bieu06([("Sở Tư pháp", STP), ("Sở Nội vụ", SNV)]), period=q1)
    response = client.post(reverse("onestop:import_preview", args=[plan.pk]))
    assert response.status_code == 400
    assert "Dòng 8: không được nhập số liệu cho “Sở Nội vụ”." in response.content.decode()
    assert DossierCounts.objects.count() == 0
    _upload(client, plan, bieu06([("Sở Tư pháp", STP)]), period=q1)
    client.post(reverse("onestop:import_preview", args=[plan.pk]))
    batch = DossierCounts.objects.get().batch
    assert batch.for_agency.code == "hy-stp"


GOOD_766 = [
    ("Sở Tư pháp", "01/2023", 16.5, 19, 10, 8, 17, 20, 90.5, "Xuất sắc"),
    ("Sở Tư pháp", "02/2023", 15, 18, 9, 7, 16, 18, 83, "Tốt"),
    ("Sở Nội vụ", "02/2023", 12, 15, 8, 5, 14, 12, 66, "Trung bình"),
]


@pytest.mark.parametrize("as_csv", [False, True])
def test_the_766_index_is_read_by_agency_and_month(plan, as_csv):
    rows, errors = index766_read(
        index766(GOOD_766, csv=as_csv), file_name="766.csv" if as_csv else "766.xlsx", plan=plan
    )
    assert errors == []
    assert [(r["name"], r["month"], r["values"]["total"], r["band"]) for r in rows] == [
        ("Sở Tư pháp", "2023-01-01", "90.50", "Xuất sắc"),
        ("Sở Tư pháp", "2023-02-01", "83.00", "Tốt"),
        ("Sở Nội vụ", "2023-02-01", "66.00", "Trung bình"),
    ]


def test_a_broken_766_file_is_refused_row_by_row(plan):
    rows, errors = index766_read(
        index766(
            [
                ("Sở Tư pháp", "01/2023", 16.5, 19, 10, 8, 17, 20, 95, "Xuất sắc"),  # sum is 90,5
                ("Sở Nội vụ", "01/2023", 19, 15, 8, 5, 14, 12, 73, "Khá"),  # 19 > 18
                ("Văn phòng UBND tỉnh", "13/2023", 12, 15, 8, 5, 14, 12, 66, "Trung bình"),
                ("Sở Tư pháp", "02/2023", 15, 18, 9, 7, 16, 18, 83, "Khá"),  # 83 is Tốt
            ]
        ),
        file_name="766.xlsx",
        plan=plan,
    )
    assert rows == []
    assert errors == [
        "Dòng 3 (Sở Tư pháp): tổng điểm là 95.00 nhưng các nhóm chỉ số cộng lại là 90.50.",
        "Dòng 4 (Sở Nội vụ): điểm “Công khai, minh bạch” là 19.00, ngoài khoảng 0–18.",
        "Dòng 5 (Văn phòng UBND tỉnh): tháng “13/2023” không đọc được (ghi dạng mm/yyyy).",
        "Dòng 6 (Sở Tư pháp): xếp loại “Khá” không khớp tổng điểm 83.00 (phải là “Tốt”).",
    ]


def test_766_import_and_its_panel(reviewer, plan):
    Index766.objects.all().delete()
    _upload(reviewer, plan, index766(GOOD_766), name="766.xlsx", kind="qd766")
    reviewer.post(reverse("onestop:import_preview", args=[plan.pk]))
    assert Index766.objects.get(agency__code="hy-stp", month=date(2023, 1, 1)).total == D("90.50")
    page = reviewer.get(reverse("onestop:index766", args=[plan.pk])).content.decode()
    assert "<svg" in page and "Chỉ số QĐ 766 theo tháng" in page
    assert "90,50" in page or "90.50" in page
    assert "Bình quân" in page
    assert "74,50" in page or "74.50" in page  # February: (83 + 66) / 2
