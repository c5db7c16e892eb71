"""The task appendix prints like the appendix of a real plan (issue 22, item 14): its title
block, A4 landscape, the header row repeated, as wide as the page, Times New Roman; the
"kết quả" export adds each task's status and evidence per period. Read back with openpyxl."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from agencies.models import User
from plans.models import Plan
from plans.rules import TaskStatus
from reporting.models import ReviewStatus, TaskUpdate

pytestmark = pytest.mark.django_db


def download(client, url):
    client.force_login(User.objects.get(username="nv.reviewer"))
    response = client.get(url)
    assert response.status_code == 200
    return load_workbook(
        BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )


def assert_prints_like_an_appendix(sheet, plan):
    assert sheet["A1"].value == "PHỤ LỤC"
    assert (
        sheet["A2"].value == f"NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {plan.year}" or "KẾT QUẢ" in sheet["A2"].value
    )
    assert sheet["A3"].value == "(Kèm theo Kế hoạch số …/KH-UBND ngày … của UBND tỉnh Hưng Yên)"
    assert sheet["A5"].value == "TT" and sheet["B5"].value == "Nội dung (nhiệm vụ)"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == "9"  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$5:$5"
    fonts = {cell.font.name for row in sheet.iter_rows(max_row=40) for cell in row if cell.value is not None}
    assert fonts == {"Times New Roman"}
    assert sheet["A1"].font.b and sheet["A3"].font.i


def test_the_appendix_has_the_title_block_and_prints_on_a4_landscape(client):
    plan = Plan.objects.get(code="hung-yen-2023")
    sheet = download(client, reverse("plans:appendix_download", args=[plan.pk])).active
    assert_prints_like_an_appendix(sheet, plan)
    assert any("A1" in str(r) and "F1" in str(r) for r in sheet.merged_cells.ranges)


def test_the_numbered_plan_says_its_number_and_date(client):
    plan = Plan.objects.get(code="hai-duong-2024")
    sheet = download(client, reverse("plans:appendix_download", args=[plan.pk])).active
    expected = (
        f"Kế hoạch số {plan.number} ngày {plan.issue_date:%d/%m/%Y} của" if plan.number else "…/KH-UBND"
    )
    assert expected in sheet["A3"].value


def test_the_results_export_carries_status_and_evidence_per_period(client):
    plan = Plan.objects.get(code="hung-yen-2023")
    sheet = download(client, reverse("reports:task_results_xlsx", args=[plan.pk])).active
    assert_prints_like_an_appendix(sheet, plan)
    assert sheet["A2"].value == "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2023"
    headers = [cell.value for cell in sheet[5]]
    assert "Tình hình Quý I năm 2023" in headers and "Kiểm chứng Năm 2023" in headers
    done = (
        TaskUpdate.objects.filter(submission__period__plan=plan, review_status=ReviewStatus.APPROVED)
        .exclude(evidence_number="")
        .select_related("task", "submission__period")
        .first()
    )
    column = headers.index(f"Kiểm chứng {done.submission.period.title}") + 1
    texts = [sheet.cell(row=r, column=column).value or "" for r in range(6, sheet.max_row + 1)]
    assert any(f"Văn bản số {done.evidence_number}" in t for t in texts)
    statuses = {sheet.cell(row=r, column=7).value for r in range(6, sheet.max_row + 1)} - {None, ""}
    # every cell a task status as the pages say it (recurring tasks: "đã thực hiện trong kỳ" …)
    assert statuses and statuses <= {str(label) for label in TaskStatus.LABELS.values()}
    assert "Hoàn thành đúng hạn" in statuses
