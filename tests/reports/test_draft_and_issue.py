"""A draft report reads as a draft and an issued one as signed (issue 22, item 11): the draft is
marked "DỰ THẢO" on every page and carries no signature block nor a date to sign on; issuing
asks for confirmation first (a page that works without JavaScript); leadership sees the issued
reports first and a draft only marked as one, and a period's page offers that period's report
(item 13)."""

import re
import shutil
import subprocess
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from agencies.models import User
from plans.models import ReportingPeriod
from reports import services
from reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def commit_hooks_run_at_once(monkeypatch):
    """The render the services fire "on commit" runs at once (the test never commits)."""
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def period_of(kind: str, code: str = "hung-yen-2023") -> ReportingPeriod:
    return ReportingPeriod.objects.select_related("plan__issuer").get(plan__code=code, kind=kind)


def pages_of(content: bytes, tmp_path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils")
    path = tmp_path / "r.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def rendered_draft(period) -> Report:
    report, _created = services.report_draft_get_or_create(period=period)
    assert services.report_render_request(report=report)
    report.refresh_from_db()
    assert report.render_status == "done", report.render_error
    return report


def test_a_draft_is_marked_on_every_page_unsigned_and_the_issued_one_signed_unmarked(tmp_path):
    period = period_of("h1")
    plan = period.plan
    signer = plan.signer_name or plan.issuer.signer_name
    assert signer  # the seed plan names its signer (Nguyễn Duy Hưng)
    draft = rendered_draft(period)
    pages = pages_of(draft.file.read(), tmp_path)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "DỰ THẢO" in page, number
    text = " ".join(pages)
    assert signer not in text
    assert "PHÓ CHỦ TỊCH" not in text and "TM. ỦY BAN NHÂN DÂN" not in text
    # no date to sign on: "Hưng Yên, ngày tháng năm …" left blank, no day filled in
    assert re.search(r"Hưng Yên, ngày tháng năm \d{4}", text), pages[0][:400]
    assert not re.search(r"Hưng Yên, ngày \d", text)
    assert "Nơi nhận:" in text  # the recipients stay: the draft circulates to them

    reviewer = User.objects.get(username="nv.reviewer")
    services.report_issue(report=draft, number="12", issued_on=date(2023, 7, 5), user=reviewer)
    draft.refresh_from_db()
    assert draft.state == "issued" and draft.render_status == "done", draft.render_error
    pages = pages_of(draft.file.read(), tmp_path)
    text = " ".join(pages)
    assert not any("DỰ THẢO" in page for page in pages)
    assert signer in text and "PHÓ CHỦ TỊCH" in text and "TM. ỦY BAN NHÂN DÂN" in text
    assert "Số: 12/BC-UBND" in text and "Hưng Yên, ngày 05 tháng 07 năm 2023" in text


def fake_report(period, *, version: int, number: str = "") -> Report:
    """A province report with a stored file, issued when numbered (no rendering needed to list it)."""
    fields = {}
    if number:
        fields = {
            "state": Report.State.ISSUED,
            "number": number,
            "issued_on": date(period.plan.year, 12, 25),
            "issuer": period.plan.issuer,
            "series": "BC-UBND",
            "issued_year": period.plan.year,
        }
    report = Report.objects.create(period=period, version=version, render_status="done", data={}, **fields)
    report.file.save(f"test-{period.pk}-{version}.pdf", ContentFile(b"%PDF-1.7 test\n"))
    return report


def test_phat_hanh_shows_a_confirmation_page_and_only_its_button_issues(client, monkeypatch):
    period = period_of("h1")
    draft = fake_report(period, version=1)
    draft.data = {"issuer": {"symbol": "UBND"}}
    draft.save()
    monkeypatch.setattr(services, "report_render_request", lambda report: True)
    client.force_login(User.objects.get(username="nv.reviewer"))
    detail = client.get(reverse("reports:report_detail", args=[draft.pk])).content.decode()
    issue_url = reverse("reports:report_issue", args=[draft.pk])
    # the detail page's "Phát hành" asks first (a GET to the confirmation page)
    assert re.search(rf'<form method="get" action="{issue_url}" class="issue-form"', detail)

    page = client.get(issue_url, {"number": "12", "issued_on": "05/07/2023"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Xác nhận phát hành" in html
    assert "12/BC-UBND" in html and "05/07/2023" in html
    assert "Sau khi phát hành không sửa được" in html
    assert f'<form method="post" action="{issue_url}">' in html
    assert 'name="number" value="12"' in html and 'name="issued_on" value="05/07/2023"' in html
    draft.refresh_from_db()
    assert draft.state == "draft"  # looking is not issuing

    wrong = client.get(issue_url, {"number": "12a", "issued_on": "05/07/2023"})
    assert wrong.status_code == 400
    assert "Số văn bản là một số nguyên dương, ví dụ 12." in wrong.content.decode()

    done = client.post(issue_url, {"number": "12", "issued_on": "05/07/2023"})
    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "issued" and draft.number == "12"
    # an issued report has nothing to confirm any more
    assert client.get(issue_url, {"number": "13", "issued_on": "05/07/2023"}).status_code == 302


def test_leadership_lists_issued_reports_first_and_drafts_marked_as_drafts(client):
    period = period_of("year")
    issued = fake_report(period, version=1, number="101")
    draft = fake_report(period, version=2)
    client.force_login(User.objects.get(username="ubnd.leader"))
    html = client.get(reverse("reports:report_list", args=[period.plan_id])).content.decode()
    section = html[html.index(f'data-period="{period.pk}"') :]
    first, second = section.index(f'data-report="{issued.pk}"'), section.index(f'data-report="{draft.pk}"')
    assert first < second  # issued v1 above the newer draft v2
    draft_row = section[second : section.index("</tr>", second)]
    assert "Dự thảo" in draft_row and "PDF (dự thảo)" in draft_row

    leadership = reverse("reports:leadership", args=[period.plan_id])
    page = client.get(leadership, {"ky": period.pk}).content.decode()
    box = page[page.index('class="report-box"') :]
    button = re.search(r'<a class="button-link" href="([^"]+)"', box)
    assert button and button.group(1) == reverse("reports:report_pdf", args=[issued.pk])
    assert "101/BC-UBND" in box
    assert "Dự thảo báo cáo Năm 2023 (phiên bản 2, chưa phát hành)" in box
    assert reverse("reports:report_pdf", args=[draft.pk]) in box


def test_a_periods_page_downloads_that_periods_report_not_the_years(client):
    year, q3 = period_of("year"), period_of("q3")
    year_report = fake_report(year, version=1, number="101")
    client.force_login(User.objects.get(username="ubnd.leader"))
    url = reverse("reports:leadership", args=[year.plan_id])
    box = client.get(url, {"ky": q3.pk}).content.decode()
    box = box[box.index('class="report-box"') :]
    assert reverse("reports:report_pdf", args=[year_report.pk]) not in box
    assert "Chưa có báo cáo Quý III năm 2023 được phát hành." in box
    assert re.search(r"<button[^>]*disabled[^>]*>Tải báo cáo PDF mới nhất</button>", box)

    q3_report = fake_report(q3, version=1, number="90")
    box = client.get(url, {"ky": q3.pk}).content.decode()
    box = box[box.index('class="report-box"') :]
    assert f'href="{reverse("reports:report_pdf", args=[q3_report.pk])}"' in box
    assert "Tải báo cáo Quý III năm 2023 (PDF)" in box
    assert reverse("reports:report_pdf", args=[year_report.pk]) not in box


def test_a_reviewer_of_every_province_is_told_whose_draft_report_each_is():
    """ "Báo cáo Quý III năm 2023 — UBND tỉnh" alone said nothing to a reviewer of two provinces."""
    from django.template.loader import render_to_string

    from agencies.models import Agency
    from reports.templatetags.report_home_tags import reports_awaiting_issue
    from tests.factories import UserFactory

    period = period_of("q3")
    draft = fake_report(period, version=1)
    issuer = period.plan.issuer.name
    every = User.objects.get(username="nv.reviewer")
    assert every.is_superuser
    html = render_to_string("reports/_home_drafts.html", reports_awaiting_issue(every))
    assert f'data-report="{draft.pk}"' in html and f'<span class="province">{issuer}</span>' in html
    own = UserFactory(role=User.Role.REVIEWER, agency=Agency.objects.get(code="hy-snv"))
    html = render_to_string("reports/_home_drafts.html", reports_awaiting_issue(own))
    assert f'data-report="{draft.pk}"' in html and issuer not in html
