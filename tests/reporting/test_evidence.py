"""Evidence files: accepted kinds checked by content, size limit, safe names, kept when the
page is refused for another reason, downloaded only by those who may read the agency."""

import os
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, User
from plans.models import ReportingPeriod
from reporting.evidence import check_upload, detect_kind, safe_name, sniff
from reporting.models import EvidenceFile, Submission, TaskUpdate
from reporting.services import submissions as services
from reporting.tasks import evidence_orphans_cleanup
from tests.evidence_files import DOCX, GOOD, JPG, PDF, PNG, XLSX, office, upload
from tests.reporting.test_entry import form_data


@pytest.mark.parametrize(("name", "content"), GOOD.items())
def test_every_accepted_kind_is_recognised_by_content(name, content):
    assert check_upload(upload(name, content)) == name.rsplit(".", 1)[1]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Chỉ nhận tệp PDF, DOCX, XLSX, JPG hoặc PNG"),
        ("bang.xls", b"\xd0\xcf\x11\xe0", "Chỉ nhận tệp"),
        ("khong-duoi", PDF, "Chỉ nhận tệp"),
        ("rong.pdf", b"", "rỗng"),
        ("that-ra-la-anh.pdf", PNG, "không phải PDF (có vẻ là PNG)"),
        ("bao-cao.docx", PDF, "không phải Word (DOCX) (có vẻ là PDF)"),
        ("so-lieu.xlsx", DOCX, "không phải Excel (XLSX) (có vẻ là Word (DOCX))"),
        ("nen.docx", office("noi-dung.txt"), "không phải Word (DOCX)."),
        ("hong.docx", b"PK\x03\x04" + b"\x00" * 40, "không phải Word (DOCX)."),
        ("anh.png", b"<script>alert(1)</script>", "không phải PNG."),
        ("anh.jpg", PNG, "không phải JPG (có vẻ là PNG)"),
        # a web page renamed: never stored, so never handed back to a browser
        (
            "trang.pdf",
            b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
            "không phải PDF.",
        ),
        ("anh.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "không phải PNG."),
    ],
)
def test_wrong_files_are_refused_with_a_reason(name, content, message):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content))
    assert message in refused.value.messages[0]


def test_size_limit_is_configurable(settings):
    settings.EVIDENCE_MAX_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError, match=r"nặng 1,0 MB, vượt giới hạn 1 MB"):
        check_upload(upload("lon.pdf", big))
    settings.EVIDENCE_MAX_MB = 2
    assert check_upload(upload("lon.pdf", big)) == "pdf"


def test_detection_does_not_depend_on_the_name():
    assert detect_kind(PDF) == "pdf" and detect_kind(PNG) == "png" and detect_kind(JPG) == "jpg"
    assert sniff(upload("x.bin", XLSX)) == "xlsx" and sniff(upload("x.bin", DOCX)) == "docx"
    assert detect_kind(b"hello") is None and detect_kind(b"PK\x03\x04", []) is None


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("../../x.pdf", "x.pdf"),
        ("<script>.pdf", "script.pdf"),
        ("<script>alert(1)</script>.pdf", "script.pdf"),  # "/" ends a folder name
        ("C:\\Users\\cb\\Quyết định 12.PDF", "Quyết định 12.pdf"),
        ('a"b<c>|d.docx', "abcd.docx"),
        ("", "minh-chung"),
        ("...", "minh-chung"),
        ("Báo cáo\x00\x1b.xlsx", "Báo cáo.xlsx"),
    ],
)
def test_names_are_sanitised(raw, clean):
    assert safe_name(raw) == clean


# --- on the page ----------------------------------------------------------------------------


@pytest.fixture
def page(db):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    stp = Agency.objects.get(code="hy-stp")
    Submission.objects.filter(period=period, agency=stp).delete()
    return period, stp, reverse("reporting:submission_entry", args=[period.pk, stp.pk])


def done(data, task, **extra):
    data.update(
        {
            f"k{task.pk}-progress": "done",
            f"k{task.pk}-percent": "100",
            f"k{task.pk}-completed_on": "10/03/2023",
            f"k{task.pk}-evidence_number": "5/QĐ",
            f"k{task.pk}-evidence_date": "10/03/2023",
            **extra,
        }
    )
    return data


def test_a_bad_file_is_refused_beside_its_field_and_its_line_is_not_written(client, page):
    period, stp, url = page
    client.force_login(User.objects.get(username="tp.reporter"))
    sheet, data = form_data(period, stp)
    task = sheet.task_lines[0].task
    done(data, task, **{f"k{task.pk}-evidence_upload": upload("qd.pdf", PNG), f"k{task.pk}-note": "đang gõ"})
    files_before = EvidenceFile.objects.count()
    response = client.post(url, data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Nội dung tệp “qd.pdf” không phải PDF (có vẻ là PNG)" in text and "đang gõ" in text
    # the other lines are kept as a draft (issue 22); this one, and the file, are not written
    submission = Submission.objects.get(period=period, agency=stp)
    assert not TaskUpdate.objects.filter(submission=submission, task=task).exists()
    assert EvidenceFile.objects.count() == files_before


def test_a_good_file_survives_a_refusal_for_another_field(client, page):
    period, stp, url = page
    client.force_login(User.objects.get(username="tp.reporter"))
    sheet, data = form_data(period, stp)
    task = sheet.task_lines[0].task
    rate = next(line.target for line in sheet.target_lines if line.target.measure == "rate")
    done(
        data,
        task,
        **{f"k{task.pk}-evidence_upload": upload("Quyết định 5.docx", DOCX), f"t{rate.pk}-numerator": "N/A"},
    )
    text = client.post(url, data).content.decode()
    stored = EvidenceFile.objects.get(name="Quyết định 5.docx")
    assert "không phải là một số" in text
    assert f'value="{stored.pk}"' in text and "Quyết định 5.docx" in text  # kept on the page
    # The reporter fixes the number; the browser does not send the file again.
    data.pop(f"k{task.pk}-evidence_upload")
    data[f"t{rate.pk}-numerator"] = "90"
    data[f"k{task.pk}-evidence_token"] = str(stored.pk)
    data["version"] = str(Submission.objects.get(period=period, agency=stp).version)  # the rest was saved
    assert client.post(url, data).status_code == 302
    line = TaskUpdate.objects.get(submission__agency=stp, submission__period=period, task=task)
    assert line.evidence_file_id == stored.pk
    assert stored.kind == "docx" and stored.size == len(DOCX) and len(stored.sha256) == 64


def test_a_token_for_another_agencys_file_is_refused(client, page):
    period, stp, url = page
    other = services.evidence_store(
        upload=upload("cua-so-khac.pdf", PDF),
        kind="pdf",
        agency=Agency.objects.get(code="hy-snv"),
        user=User.objects.get(username="nv.reviewer"),
    )
    client.force_login(User.objects.get(username="tp.reporter"))
    sheet, data = form_data(period, stp)
    task = sheet.task_lines[0].task
    done(data, task, **{f"k{task.pk}-evidence_token": str(other.pk)})
    text = client.post(url, data).content.decode()
    assert "không còn dùng được" in text and "cua-so-khac.pdf" not in text
    submission = Submission.objects.get(period=period, agency=stp)  # the other lines, as a draft
    assert not TaskUpdate.objects.filter(submission=submission, task=task).exists()
    assert not TaskUpdate.objects.filter(evidence_file=other).exists()


def test_download_returns_the_bytes_as_an_attachment_and_the_disk_name_is_not_the_users(client, page):
    period, stp, url = page
    client.force_login(User.objects.get(username="tp.reporter"))
    sheet, data = form_data(period, stp)
    task = sheet.task_lines[0].task
    done(data, task, **{f"k{task.pk}-evidence_upload": upload("../Báo cáo.pdf", PDF)})
    assert client.post(url, data).status_code == 302
    stored = TaskUpdate.objects.get(
        submission__agency=stp, submission__period=period, task=task
    ).evidence_file
    assert stored.name == "Báo cáo.pdf"
    assert "Báo" not in stored.file.name and stored.file.name.endswith(".pdf")
    assert str(settings.MEDIA_ROOT) in stored.file.path
    page_text = client.get(url).content.decode()
    link = reverse("reporting:evidence_download", args=[stored.pk])
    assert link in page_text
    response = client.get(link)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "B%C3%A1o%20c%C3%A1o.pdf" in response["Content-Disposition"]
    assert client.get(f"/media/evidence/{stored.file.name}").status_code == 404


def test_the_file_shows_in_the_history(client, page):
    period, stp, url = page
    client.force_login(User.objects.get(username="tp.reporter"))
    sheet, data = form_data(period, stp)
    task = sheet.task_lines[0].task
    done(data, task, **{f"k{task.pk}-evidence_upload": upload("QĐ 5.pdf", PDF)})
    assert client.post(url, data).status_code == 302
    history_url = reverse("reporting:submission_entry_history", args=[period.pk, stp.pk])
    assert f'data-history-src="{history_url}?phan=1"' in client.get(url).content.decode()
    history = client.get(history_url, {"phan": "1"}).content.decode()
    assert "tệp kiểm chứng" in history and "QĐ 5.pdf" in history


def test_files_of_pages_never_saved_are_removed_after_two_days(page):
    _period, stp, _url = page
    user = User.objects.get(username="tp.reporter")
    orphan = services.evidence_store(upload=upload("bo-do.pdf", PDF), kind="pdf", agency=stp, user=user)
    fresh = services.evidence_store(upload=upload("moi.pdf", PDF), kind="pdf", agency=stp, user=user)
    kept = services.evidence_store(upload=upload("dung.pdf", PDF), kind="pdf", agency=stp, user=user)
    TaskUpdate.objects.filter(pk=TaskUpdate.objects.first().pk).update(evidence_file=kept)
    old = timezone.now() - timedelta(days=3)
    EvidenceFile.objects.filter(pk__in=[orphan.pk, kept.pk]).update(uploaded_at=old)
    path = orphan.file.path
    assert evidence_orphans_cleanup.delay().get() >= 1
    assert not EvidenceFile.objects.filter(pk=orphan.pk).exists()
    assert EvidenceFile.objects.filter(pk__in=[fresh.pk, kept.pk]).count() == 2
    assert not os.path.exists(path)
