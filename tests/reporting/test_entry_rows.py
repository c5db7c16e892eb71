"""The entry sheet's rows are written in Python (``reporting.templatetags.entry_tags``) for
speed; they must be the HTML the template loops wrote, whatever the lines hold: typed junk and
its errors, a line the Sở Nội vụ returned, an evidence file, text that looks like HTML, and in
either language. The loops are kept in ``data/`` as the reference."""

from pathlib import Path

import pytest
from django.template import engines
from django.utils import timezone, translation

from reporting.models import EvidenceFile, Submission, TargetResult, TaskUpdate
from reporting.selectors.entry import entry_sheet
from reporting.templatetags.entry_tags import entry_target_rows, entry_task_rows
from reporting.views.entry import _forms
from tests.onestop.test_proposals import setting  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

#: the loops the template had, kept as they were (``{% load %}`` on its own first line)
DATA = Path(__file__).parent / "data"
PREFIX = "    "  # the indentation the loops opened with (the template keeps it, and the newline)


def _reference(name, **context):
    source = (DATA / name).read_text(encoding="utf-8")
    head, loops = source.split("\n", 1)
    return engines["django"].from_string(head + loops).render(context)


def _junk(sheet):
    """What a hurried reporter might post: words for numbers, a zero total, a date that is not
    one, a percent over 100, and markup in the comments."""
    data = {}
    for i, line in enumerate(sheet.target_lines):
        p = f"t{line.target.pk}-"
        data[p + "value"] = ["abc", "1,5", "", "-3"][i % 4]
        data[p + "numerator"], data[p + "denominator"] = ["5", "x", ""][i % 3], ["0", "4", ""][i % 3]
        data[p + "comment"] = '<script>alert("x")</script> & "trích"'
    for i, line in enumerate(sheet.task_lines):
        p = f"k{line.task.pk}-"
        data[p + "progress"] = ["done", "bogus", "in_progress"][i % 3]
        data[p + "percent"] = ["120", "50", "a"][i % 3]
        data[p + "evidence_date"] = ["32/13/2020", "01/02/2023", ""][i % 3]
    return data


@pytest.fixture
def marked(period, stp):
    """Sở Tư pháp's Quý I with a returned line, a file on a task and a target whose text
    looks like markup."""
    sheet = entry_sheet(period=period, agency=stp)
    Submission.objects.filter(period=period, agency=stp).delete()  # the demo's, if any
    sent = timezone.now()
    submission = Submission.objects.create(
        period=period, agency=stp, status="returned", submitted_at=sent, first_submitted_at=sent
    )
    first = sheet.target_lines[0].target
    first.text = '<b>Tỷ lệ</b> "hồ sơ" & thủ tục'
    first.save(update_fields=["text"])
    TargetResult.objects.create(
        submission=submission, target=first, value=1, review_status="returned", review_note="<i>Sai</i>"
    )
    evidence = EvidenceFile.objects.create(agency=stp, name="QĐ <5>.pdf", kind="pdf", size=10, file="x.pdf")
    TaskUpdate.objects.create(
        submission=submission,
        task=sheet.task_lines[0].task,
        progress="in_progress",
        percent=60,
        evidence_file=evidence,
        review_status="returned",
        review_note="Thiếu tệp",
    )


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("posted", [False, True])
@pytest.mark.parametrize("editable", [True, False])
def test_the_rows_are_the_html_of_the_template_loops(marked, period, stp, language, posted, editable):
    sheet = entry_sheet(period=period, agency=stp)
    assert sheet.target_lines and sheet.task_lines and sheet.submission
    _forms(sheet, _junk(sheet) if posted else None)
    with translation.override(language):
        targets = PREFIX + entry_target_rows(sheet.target_lines) + "\n"
        tasks = PREFIX + entry_task_rows(sheet.task_lines, editable) + "\n"
        assert targets == _reference("entry_target_rows.html", sheet=sheet)
        # the loops looked up "% hoàn thành" as "%% hoàn thành" and never found its English
        expected = _reference("entry_task_rows.html", sheet=sheet, editable=editable)
        if language == "en":
            expected = expected.replace('data-label="% hoàn thành"', 'data-label="% done"')
        assert tasks == expected
    assert "<b>Tỷ lệ</b>" not in targets and "&lt;b&gt;Tỷ lệ&lt;/b&gt;" in targets
    assert "&lt;i&gt;Sai&lt;/i&gt;" in targets and "Thiếu tệp" in tasks
    if not posted:  # the saved file; a page posted without its token points at none
        assert "QĐ &lt;5&gt;.pdf" in tasks
    else:
        assert "errorlist" in targets and "errorlist" in tasks
        assert "<script>" not in targets


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("posted", [False, True])
def test_the_rows_with_the_one_stop_system_s_figures_are_the_loops_html(setting, language, posted):  # noqa: F811
    """A bound target's proposal (its figure, source, definition and the correction's reason),
    as typed and refused (a figure changed without a reason)."""
    period, stp, on_time, online, _batch = setting
    sheet = entry_sheet(period=period, agency=stp)
    assert {line.target.pk for line in sheet.target_lines if line.proposal} >= {on_time.pk, online.pk}
    data = {f"t{online.pk}-numerator": "80", f"t{online.pk}-denominator": "180"} if posted else None
    _forms(sheet, data)
    with translation.override(language):
        targets = PREFIX + entry_target_rows(sheet.target_lines) + "\n"
        assert targets == _reference("entry_target_rows.html", sheet=sheet)
    assert 'data-source="onestop"' in targets
    if posted:
        assert "errorlist" in targets
