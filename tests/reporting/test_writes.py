"""The lines a save changes, written by ``cchc.sql.update_rows`` (one UPDATE per row) instead of
the ORM's ``bulk_update``: every value stored as ``Model.save(update_fields=...)`` stores it,
nothing else of the row or of other rows touched, the line's time of change set (``auto_now``),
and a history record of each changed line as it now is, by who saved it. Run on PostgreSQL and,
from tests/reports/test_reads.py, on the embedded SQLite."""

from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from agencies.models import User
from cchc import sql
from reporting.models import EvidenceFile, ReviewStatus, Submission, TargetResult, TaskUpdate
from reporting.services import submissions as services
from tests.reporting.test_entry import form_data

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
#: text a hand-made statement must pass as a value, never as SQL
AWKWARD = "Đạt 50% (%s) — 'trích' \"dẫn\"; DROP TABLE x; --\n\\ ?"


def typed(value) -> tuple[str, str]:
    return type(value).__name__, repr(value)


def stored(row) -> dict:
    """The row's columns as read afresh from the database, typed."""
    fresh = type(row).objects.get(pk=row.pk)
    return {f.attname: typed(getattr(fresh, f.attname)) for f in row._meta.concrete_fields}


@pytest.fixture
def saved(client, period, stp):
    """Sở Tư pháp's Quý I saved once as a draft by its reporter, every line's time of change
    moved to long ago."""
    Submission.objects.filter(period=period, agency=stp).delete()
    client.force_login(User.objects.get(username="tp.reporter"))
    url = reverse("reporting:submission_entry", args=[period.pk, stp.pk])
    sheet, data = form_data(period, stp)
    assert client.post(url, data).status_code == 302
    submission = Submission.objects.get(period=period, agency=stp)
    TargetResult.objects.filter(submission=submission).update(updated_at=LONG_AGO)
    TaskUpdate.objects.filter(submission=submission).update(updated_at=LONG_AGO)
    return client, url, sheet, data, submission


def both_ways(row, changes: dict) -> tuple[dict, dict]:
    """The row as stored after ``changes`` written by ``save(update_fields=...)``, and after the
    same written by ``update_rows`` from the row as it was before (put back in between); the
    time of change, which each write sets to its own now, apart."""
    model, fields = type(row), [*changes, "updated_at"]
    original = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if not f.primary_key}
    for name, value in changes.items():
        setattr(row, name, value)
    row.save(update_fields=fields)
    by_save = stored(row)
    model.objects.filter(pk=row.pk).update(**original)
    again = model.objects.get(pk=row.pk)
    assert stored(again)["updated_at"] == typed(LONG_AGO)
    for name, value in changes.items():
        setattr(again, name, value)
    before = timezone.now()
    sql.update_rows([again], fields)
    by_rows = stored(again)
    assert again.updated_at >= before  # set on the instance, as a save sets it
    assert by_rows["updated_at"] == typed(again.updated_at)
    del by_save["updated_at"], by_rows["updated_at"]
    return by_save, by_rows


def test_update_rows_stores_each_value_as_a_save_stores_it(saved, stp):
    _client, _url, _sheet, _data, submission = saved
    results = list(TargetResult.objects.filter(submission=submission).order_by("pk"))
    updates = list(TaskUpdate.objects.filter(submission=submission).order_by("pk"))
    assert len(results) >= 3 and len(updates) >= 2
    evidence = EvidenceFile.objects.create(agency=stp, name="a.pdf", kind="pdf", size=1, sha256="0" * 64)
    untouched = {row.pk: stored(row) for row in results[2:] + updates[1:]}

    cases = [
        (
            results[0],
            {"value": D("12.5"), "numerator": None, "denominator": None, "done": True, "comment": AWKWARD},
        ),
        (results[1], {"value": D("0.0001"), "done": False, "comment": "", "not_applicable": True}),
        (
            updates[0],
            {
                "progress": TaskUpdate.Progress.DONE,
                "percent": 100,
                "completed_on": date(2023, 3, 31),
                "evidence_date": date(2024, 2, 29),
                "evidence_number": "12/QĐ-STP",
                "evidence_file": evidence,
                "note": AWKWARD,
            },
        ),
    ]
    for row, changes in cases:
        by_save, by_rows = both_ways(row, changes)
        assert by_rows == by_save
    first, second, update = (stored(row) for row, _changes in cases)
    assert first["value"] == typed(D("12.5000"))  # the column's four places, as the ORM reads it
    assert (first["comment"], first["numerator"], first["done"]) == (typed(AWKWARD), typed(None), typed(True))
    assert second["value"] == typed(D("0.0001"))
    assert (update["evidence_file_id"], update["completed_on"]) == (
        typed(evidence.pk),
        typed(date(2023, 3, 31)),
    )
    for row in results[2:] + updates[1:]:
        assert stored(row) == untouched[row.pk]  # other rows: nothing


def test_update_rows_writes_only_the_fields_named(saved):
    _client, _url, _sheet, _data, submission = saved
    row = TargetResult.objects.filter(submission=submission).order_by("pk").first()
    before = stored(row)
    row.comment, row.value = "đã sửa", D("7")
    sql.update_rows([row], ["comment"])
    after = stored(row)
    assert after["comment"] == typed("đã sửa")
    assert {k: v for k, v in after.items() if k != "comment"} == {
        k: v for k, v in before.items() if k != "comment"
    }
    sql.update_rows([], ["comment"])  # nothing to write: no statement


@pytest.mark.parametrize(
    ("fields", "refused"),
    [(["id"], ValueError), (["no_such_field"], FieldDoesNotExist), (["history"], FieldDoesNotExist)],
)
def test_update_rows_refuses_what_is_not_a_column_it_may_write(saved, fields, refused):
    row = TargetResult.objects.filter(submission=saved[4]).first()
    before = stored(row)
    with pytest.raises(refused):
        sql.update_rows([row], fields)
    assert stored(row) == before


def test_a_second_save_writes_the_changed_lines_with_their_time_and_history(saved):
    client, url, sheet, data, submission = saved
    rate = next(line.target for line in sheet.target_lines if line.target.measure == "rate")
    task = sheet.task_lines[0].task
    changed = {
        **data,
        "version": str(submission.version),
        f"t{rate.pk}-numerator": "85",
        f"t{rate.pk}-comment": AWKWARD,
        f"k{task.pk}-percent": "70",
    }
    history_before = {
        "results": TargetResult.history.filter(submission_id=submission.pk).count(),
        "updates": TaskUpdate.history.filter(submission_id=submission.pk).count(),
    }
    before = timezone.now()
    assert client.post(url, changed).status_code == 302

    line = TargetResult.objects.get(submission=submission, target=rate)
    assert (line.numerator, line.denominator, line.comment) == (D(85), D(100), AWKWARD)
    assert line.updated_at >= before  # QuerySet.bulk_update wrote LONG_AGO back unchanged
    update = TaskUpdate.objects.get(submission=submission, task=task)
    assert (update.percent, update.progress) == (70, "in_progress")
    assert update.updated_at >= before
    # the lines the save did not change keep their time and get no history record
    assert set(
        TargetResult.objects.filter(submission=submission)
        .exclude(target=rate)
        .values_list("updated_at", flat=True)
    ) == {LONG_AGO}
    assert set(
        TaskUpdate.objects.filter(submission=submission)
        .exclude(task=task)
        .values_list("updated_at", flat=True)
    ) == {LONG_AGO}
    assert TargetResult.history.filter(submission_id=submission.pk).count() == history_before["results"] + 1
    assert TaskUpdate.history.filter(submission_id=submission.pk).count() == history_before["updates"] + 1
    record = line.history.first()
    assert (record.history_type, record.history_user.username) == ("~", "tp.reporter")
    assert record.history_change_reason is None  # as bulk_update_with_history and save() record it
    assert (record.numerator, record.comment, record.updated_at) == (D(85), AWKWARD, line.updated_at)
    assert update.history.first().percent == 70


def test_update_rows_refuses_a_row_not_saved_or_gone(saved):
    rows = list(TargetResult.objects.filter(submission=saved[4]).order_by("pk")[:2])
    with pytest.raises(ValueError, match="no key"):
        sql.update_rows([rows[0], TargetResult(submission=saved[4], target=rows[0].target)], ["comment"])
    TargetResult.objects.filter(pk=rows[1].pk).delete()
    rows[0].comment = rows[1].comment = "đã sửa"
    with pytest.raises(DatabaseError, match="2 rows to write, 1 found"):
        sql.update_rows(rows, ["comment"])


def test_a_review_decision_writes_its_fields_only_and_records_the_reviewer(saved):
    """Approving outside any request (no middleware to name the user): each line approved,
    its time of change kept (a decision is not a change of figures), a history record of each
    naming the reviewer."""
    client, url, _sheet, data, submission = saved
    assert client.post(url, {**data, "version": str(submission.version), "submit": "1"}).status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED
    lines = [
        *TargetResult.objects.filter(submission=submission),
        *TaskUpdate.objects.filter(submission=submission),
    ]
    assert lines and {line.review_status for line in lines} == {ReviewStatus.PENDING}
    TargetResult.objects.filter(submission=submission).update(updated_at=LONG_AGO)
    TaskUpdate.objects.filter(submission=submission).update(updated_at=LONG_AGO)
    reviewer = User.objects.get(username="nv.reviewer")

    services.submission_approve(submission=submission, user=reviewer)

    for line in lines:
        fresh = type(line).objects.get(pk=line.pk)
        assert (fresh.review_status, fresh.updated_at) == (ReviewStatus.APPROVED, LONG_AGO)
        record = fresh.history.first()
        assert (record.history_type, record.review_status) == ("~", ReviewStatus.APPROVED)
        assert (record.history_user_id, record.history_change_reason) == (reviewer.pk, None)
