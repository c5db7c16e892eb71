"""Hostile input (issue 10.5): every form, filter and import is fed random Unicode (NUL, RTL
marks, emoji, combining marks), HTML and script, huge and negative numbers, numbers with
separators in odd places, impossible dates, overlong text and broken files. Whatever comes in:

* never a server error (the test client re-raises any exception a view lets through, and the
  status is checked to be below 500);
* a refused submission writes nothing: the row count of every table (sessions and login
  attempts aside) is the same before and after;
* an accepted one stores what was typed (after the form's documented normalisation: trimmed
  text, ``parse_vn_number``), and the pages that show it escape it: the raw
  ``<script>alert(1)</script>`` never appears in their HTML, the escaped form does;
* a filter or query string with garbage answers 200 or 4xx.

``test_entry_page_any_typing`` (issue 19) is the property in full for the entry page: any text
typed into a target line and a task line gives a page with a Vietnamese error beside each
refused field and every typed value shown back, or every value stored as its field reads it.

Each example runs in a savepoint rolled back at its end, so examples do not see each other's
writes (the seed plans and demo data of ``tests/conftest.py`` are the starting point of every
example). Run against SQLite by default and against PostgreSQL with ``DATABASE_URL`` (which
refuses NUL in text where SQLite stores it).

Coverage (URL name → what is fed; T text, N numbers, D dates, C choices and ids, F files):

| URL name | how | fed |
|---|---|---|
| login, set_language | POST | username, password, language, next: T |
| reporting:submission_entry | POST | comment, no-data reason, task note, document number, version, |
| | | evidence token: T; numerator, denominator, value (rank, score, percent, count), |
| | | % done: N; completion and document dates: D; progress: C; evidence upload: F |
| reporting:submission_review | POST | return reason, line notes: T |
| reporting:period_reopen | POST | until: D; reason: T; close |
| plans:plan_periods | POST | windows, deadline: D; grace days: N; formset counts: N |
| reporting:target_detail | POST | scope, responsible agency, levels, agencies: C; baseline value, year: N |
| reporting:task_detail | POST | lead, cooperating agencies: C; lead, cooperating groups: T |
| reporting:extension_request | POST | requested due date: D; reason: T |
| reporting:extension_decide | POST | decision: C; note: T; back: T |
| plans:appendix_upload | POST | tep: F (random bytes, empty, zip not xlsx, truncated xlsx, broken XML), |
| | | and real XLSX whose cells hold T, D and huge numbers |
| plans:appendix_preview | POST | chon:<line>:<side>:<i>: C |
| reporting:target_extraction | POST | pasted text: T; file: F (.docx, .txt, any name) |
| reporting:target_extraction_review | POST | every proposal field: T, N, C |
| reporting:restructuring | POST | kind, predecessors, successors: C; names, decision, note: T; date: D |
| notifications:preferences, read_all | POST | email_enabled: T; next: T and foreign URLs |
| reports:report_create | POST | co_quan: C |
| reports:report_detail | POST | every section text: T |
| reports:report_issue | POST | number: N; issued on: D |
| targets:plan_list | GET | year, issuer, status, page (PlanFilter): C, N, D |
| reports:overview, leadership | GET | ky, linh_vuc, co_quan, cap, trang_thai, qua_han, sap_xep, co_cau |
| | | (DashboardFilter): C, N, D |
| reports:target_drill, agency_drill, area_drill, target_explain | GET | ky, cap, sap_xep, |
| reporting:review_queue, notifications:list, home | | pham-vi, trang_thai, page: C, N, D |
| every ``<int:…>`` URL (GET, and the POST-only ones) | | ids beyond any column (2**63, 10**20) |

Evidence uploads (``plans/evidence.py``) come in through ``submission_entry`` above. The admin
(``/quan-tri/``) is Django's own and is left out.
"""

import hashlib
import io
import re
import zipfile
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from html import unescape
from types import SimpleNamespace

import pytest
from django import forms
from django.apps import apps
from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from agencies.models import Agency, User
from plans.models import Plan, ReportingPeriod, Task
from reporting.evidence import check_upload, safe_name
from reporting.models import Submission, TargetResult, TaskExtension, TaskUpdate
from reporting.services.extensions import extension_request
from targets.models import Target
from targets.rules import NumberInputError, parse_vn_number
from tests.evidence_files import DOCX, PDF, PNG, XLSX, office, upload
from tests.reporting.test_entry import form_data

pytestmark = pytest.mark.django_db

# --- what is fed -------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
MARKERS = (SCRIPT, "<img src=x onerror=alert(1)>")

TEXTS = [
    SCRIPT,
    IMG,
    f"Báo cáo {SCRIPT} xong",
    "\x00",
    "a\x00b",
    "\u202eđảo chiều\u202c",
    "\u200f\u200e",
    "👍🏽🇻🇳",
    "e\u0301\u0302\u0303",
    "",
    " ",
    "\t\n",
    "x" * 10_000,
    "'; DROP TABLE plans_plan;--",
    "{{ 7|add:1 }}{% now 'Y' %}",
    "%(n)s %s {0}",
    "\r\n\r\n",
    "\ufeff",
    "\uffff",
    "Nguyễn Văn Ả",
]
_chars = st.characters(exclude_categories=["Cs"])  # surrogates cannot travel over HTTP
hostile_text = st.one_of(
    st.sampled_from(TEXTS),
    st.text(_chars, max_size=40),
    st.tuples(st.sampled_from(TEXTS[:3]), st.text(_chars, max_size=12)).map("".join),
)

NUMBERS = [
    "1e308",
    "1E+308",
    str(10**40),
    "9" * 500,
    "-5",
    "--5",
    "-0",
    "1,2,3",
    "1.2.3",
    "1e5",
    "1,5",
    "1.250",
    "1.250,5",
    "1,250.5",
    "NaN",
    "Infinity",
    "-Infinity",
    "0x10",
    "١٢٣",
    "１２",
    "½",
    "",
    " ",
    "0",
    "00",
    "100",
    "100,0000001",
    "1 250",
    "+5",
    "5-",
    "1_000",
    "0,0",
    ",5",
    "5,",
    "99999999999999999999,5",
    "1" + "0" * 39,
    "\x005",
]
hostile_number = st.one_of(
    st.sampled_from(NUMBERS),
    st.integers(min_value=-(10**45), max_value=10**45).map(str),
    st.floats().map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: str(d).replace(".", ",")),
    hostile_text,
)

DATES = [
    "31/02/2026",
    "99/99/9999",
    "00/00/0000",
    "01/01/0001",
    "31/12/9999",
    "29/02/2023",
    "1/1/1",
    "2026-02-31",
    "31/12/99999",
    "-1/01/2026",
    "01/13/2026",
    "01/01/2026\x00",
    "",
    "hôm nay",
]
hostile_date = st.one_of(
    st.sampled_from(DATES),
    st.dates().map(lambda d: f"{d.day:02d}/{d.month:02d}/{d.year:04d}"),
    hostile_text,
)
#: a primary key as a form or a query string may carry it
ids = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["²", "١", "0", "1e3", str(2**63), str(2**31)]),
    hostile_text,
)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _real_xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["TT", "Nội dung (nhiệm vụ)", "Cơ quan chủ trì"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


REAL_XLSX = _real_xlsx()
BROKEN = [
    b"",
    b"\x00" * 64,
    PDF,
    PNG,
    DOCX,
    XLSX,
    REAL_XLSX[: len(REAL_XLSX) // 2],
    REAL_XLSX[:30],
    b"PK\x03\x04" + b"\x00" * 40,
    _zip({"hello.txt": b"not a spreadsheet"}),
    _zip({"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"<<not xml"}),
    office("xl/workbook.xml")[:-10],
    _zip({"word/document.xml": b"<w:document"}),
    _zip({"word/document.xml": b"\xff\xfe\x00<"}),
    "Tỷ lệ đạt 95%".encode("utf-16"),
    SCRIPT.encode(),
    b"\xef\xbb\xbf\x00\x00",
]
hostile_bytes = st.one_of(st.sampled_from(BROKEN), st.binary(max_size=2048))
NAMES = [
    "phu-luc.xlsx",
    "van-ban.docx",
    "bao-cao.pdf",
    "ke-hoach.txt",
    "anh.png",
    "khong-duoi",
    f"{SCRIPT}.xlsx",
    "..\\..\\etc\\passwd.docx",
    "a" * 300 + ".pdf",
    "\u202excod.txt",
]


# --- the properties ----------------------------------------------------------------------------

SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
#: tables a request may write whatever it answers (the login session, login attempts)
UNCOUNTED = ("django_session", "axes_")


@contextmanager
def rolled_back():
    """One example's writes, undone when it ends (a savepoint in the test's transaction)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def fingerprint() -> dict[str, int]:
    """The number of rows of every table: a refused submission must leave it as it was. One
    query for every table (issue 26: a query per table, twice per example, was a good part of
    this module's time)."""
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models()
            if model._meta.managed and not model._meta.db_table.startswith(UNCOUNTED)
        }
    )
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(f"SELECT %s, COUNT(*) FROM {quote(t)}" for t in tables), tables)
        return dict(cursor.fetchall())


#: a refused row of the entry page: its kind and its code
REFUSED_ROW = re.compile(r'<tr class="has-error[^"]*" data-kind="(target|task)" data-line="([^"]*)"')


def entry_refused(response, entry, before):
    """A refused entry page (issue 22: a draft saves the lines that read well): the rows the
    page marks refused have no row in the database and nothing but the entry's own lines (and
    their history) was written; a page refused as a whole (a stale version, a locked period)
    wrote nothing at all."""
    assert response.status_code == 200 or 400 <= response.status_code < 500, response.status_code
    after = fingerprint()
    lines = {
        model._meta.db_table
        for model in (Submission, TargetResult, TaskUpdate)
        for model in (model, model.history.model)
    }
    assert {t: n for t, n in after.items() if t not in lines} == {
        t: n for t, n in before.items() if t not in lines
    }
    refused = REFUSED_ROW.findall(response.content.decode())
    if not refused:
        assert after == before
        return
    mine = {"submission__period": entry.period, "submission__agency": entry.agency}
    written = {
        ("target", code)
        for code in TargetResult.objects.filter(**mine).values_list("target__code", flat=True)
    }
    written |= {
        ("task", code) for code in TaskUpdate.objects.filter(**mine).values_list("task__code", flat=True)
    }
    assert not written & {(kind, unescape(code)) for kind, code in refused}


def sane(response):
    assert response.status_code < 500, response.status_code
    return response


def refused_and_unwritten(response, before):
    """The page answered without saving (the entry page answers a refused post with 200 and
    its errors, the other forms with 400) and no table gained or lost a row."""
    assert response.status_code == 200 or 400 <= response.status_code < 500, response.status_code
    assert fingerprint() == before


def shown_escaped(html: str, typed: str, *, displayed=True):
    """No marker typed by the user appears raw in the page; where the page shows the typed
    text, the marker appears escaped."""
    for marker in MARKERS:
        if marker in typed:
            assert marker not in html
            if displayed:
                assert escape(marker) in html


def login(client, username):
    client.force_login(User.objects.get(username=username))


def text_of(response) -> str:
    return response.content.decode()


def typed_date(raw):
    """The date a form's ``DateField`` reads from ``raw`` (the Vietnamese formats)."""
    with translation.override("vi"):
        return forms.DateField().clean(raw)


def vn_number(raw, *, percent=False, places=4, whole_digits=10):
    """What ``VietnameseNumberField`` keeps of ``raw`` (None when empty), or the error: a
    trailing "%" on a percent, digits 0-9 only, at most ``places`` decimal places once trailing
    zeros are dropped, at most ``whole_digits`` digits before the comma."""
    raw = raw.strip() if isinstance(raw, str) else raw
    if not raw:
        return None
    if len(raw) > 40:
        return NumberInputError
    if percent and raw.endswith("%"):
        raw = raw[:-1].rstrip()
    try:
        number = parse_vn_number(raw)
    except NumberInputError:
        return NumberInputError
    if number != number.quantize(Decimal(1).scaleb(-places)) or number >= 10**whole_digits:
        return NumberInputError
    return number


# --- login, language ---------------------------------------------------------------------------


@settings(max_examples=15, **SETTINGS)
@given(username=hostile_text, password=hostile_text)
@example(username="x" * 10_000, password=SCRIPT)  # was a 500 on PostgreSQL (axes' record)
def test_login_form(client, username, password):
    with rolled_back():
        response = sane(client.post(reverse("login"), {"username": username, "password": password}))
        shown_escaped(text_of(response), username, displayed=False)


@settings(max_examples=10, **SETTINGS)
@given(language=hostile_text, next_url=hostile_text)
def test_set_language(client, language, next_url):
    sane(client.post(reverse("set_language"), {"language": language, "next": next_url}))


# --- the reporter's entry page -------------------------------------------------------------


def entry_page(code, username):
    """``code``'s Quý I page of Hưng Yên 2023 with no submission, and a complete valid post."""
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    agency = Agency.objects.get(code=code)
    Submission.objects.filter(period=period, agency=agency).delete()
    sheet, data = form_data(period, agency)
    by_measure = {}
    for line in sheet.target_lines:
        by_measure.setdefault(line.target.measure, line.target)
    return SimpleNamespace(
        period=period,
        agency=agency,
        data=data,
        username=username,
        target=sheet.target_lines[0].target,
        by_measure=by_measure,
        task=sheet.task_lines[0].task,
        url=reverse("reporting:submission_entry", args=[period.pk, agency.pk]),
    )


@pytest.fixture
def entry():
    """Sở Tư pháp's page, as its reporter fills it (the demo reopened its periods)."""
    return entry_page("hy-stp", "tp.reporter")


@pytest.fixture
def snv_entry():
    """Sở Nội vụ's page (a rank, a score, a percent, a count and rates), as the reviewer."""
    return entry_page("hy-snv", "nv.reviewer")


def entry_pages(client, entry, submission):
    """The pages that show a saved line: the reporter's page, then the reviewer's."""
    pages = [text_of(sane(client.get(entry.url)))]
    login(client, "nv.reviewer")
    pages.append(text_of(sane(client.get(reverse("reporting:submission_review", args=[submission.pk])))))
    return "\n".join(pages)


@settings(max_examples=30, **SETTINGS)
@given(
    comment=hostile_text,
    reason=hostile_text,
    note=hostile_text,
    number=hostile_text,
    version=st.one_of(st.just("0"), hostile_text),
    token=st.one_of(st.just(""), ids),
)
@example(comment=SCRIPT, reason=IMG, note=SCRIPT, number=IMG[:60], version="0", token="")
@example(comment="a\x00b", reason="", note="", number="", version="0", token="")
@example(comment="", reason="x", note="", number="", version="abc", token="")  # was a 500
@example(comment="", reason="x", note="", number="", version="0", token="²")  # was a 500
@example(comment="", reason="x", note="", number="", version="0", token=str(10**20))
def test_entry_page_text(client, entry, comment, reason, note, number, version, token):
    t, k = f"t{entry.target.pk}-", f"k{entry.task.pk}-"
    data = {
        **entry.data,
        "version": version,
        t + "comment": comment,
        k + "evidence_token": token,
        t + "not_applicable": "on",
        t + "not_applicable_reason": reason,
        k + "note": note,
        k + "evidence_number": number,
    }
    with rolled_back():
        login(client, entry.username)
        before = fingerprint()
        response = sane(client.post(entry.url, data))
        if response.status_code != 302:
            entry_refused(response, entry, before)
            shown_escaped(text_of(response), comment + reason + note + number)
            return
        submission = Submission.objects.get(period=entry.period, agency=entry.agency)
        result = TargetResult.objects.get(submission=submission, target=entry.target)
        update = TaskUpdate.objects.get(submission=submission, task=entry.task)
        assert (result.comment, result.not_applicable_reason) == (comment.strip(), reason.strip())
        assert (update.note, update.evidence_number) == (note.strip(), number.strip())
        shown_escaped(entry_pages(client, entry, submission), comment + reason + note + number)


NUMBER_MEASURES = ("rank", "score", "percent", "count")


@settings(max_examples=30, **SETTINGS)
@given(
    numerator=hostile_number,
    denominator=hostile_number,
    values=st.tuples(*[hostile_number] * len(NUMBER_MEASURES)),
    percent=hostile_number,
    completed_on=hostile_date,
    evidence_date=hostile_date,
    progress=st.sampled_from(["in_progress", "done", "not_started", "", "xyz\x00"]),
)
@example(
    numerator="1e308",
    denominator="9" * 500,
    values=("-5", "1e5", "NaN", "--5"),
    percent="--5",
    completed_on="31/02/2026",
    evidence_date="99/99/9999",
    progress="done",
)
@example(
    numerator="90",
    denominator="1.250",
    values=("3", "1,5", "99,5", "1.250"),
    percent="100",
    completed_on="31/12/9999",
    evidence_date="01/01/0001",
    progress="in_progress",
)
def test_entry_page_numbers_and_dates(
    client, snv_entry, numerator, denominator, values, percent, completed_on, evidence_date, progress
):
    entry = snv_entry
    rate, k = f"t{entry.by_measure['rate'].pk}-", f"k{entry.task.pk}-"
    data = {
        **entry.data,
        rate + "numerator": numerator,
        rate + "denominator": denominator,
        k + "percent": percent,
        k + "progress": progress,
        k + "completed_on": completed_on,
        k + "evidence_date": evidence_date,
    }
    for measure, value in zip(NUMBER_MEASURES, values, strict=True):
        data[f"t{entry.by_measure[measure].pk}-value"] = value
    with rolled_back():
        login(client, entry.username)
        before = fingerprint()
        response = sane(client.post(entry.url, data))
        if response.status_code != 302:
            entry_refused(response, entry, before)
            return
        submission = Submission.objects.get(period=entry.period, agency=entry.agency)
        stored = {r.target_id: r for r in TargetResult.objects.filter(submission=submission)}
        line = stored[entry.by_measure["rate"].pk]
        assert (line.numerator, line.denominator) == (vn_number(numerator), vn_number(denominator))
        for measure, value in zip(NUMBER_MEASURES, values, strict=True):
            target = entry.by_measure[measure]
            assert stored[target.pk].value == vn_number(value, percent=target.unit == "%")
        update = TaskUpdate.objects.get(submission=submission, task=entry.task)
        assert update.progress == (progress or "not_started")
        if progress != "done":
            assert update.percent == (vn_number(percent, percent=True) or 0)
        sane(client.get(entry.url))
        sane(client.get(reverse("reporting:submission_review", args=[submission.pk])))


# --- any typing on the entry page (issue 19) ----------------------------------------------

#: a letter only Vietnamese has: every error the page shows must be in Vietnamese
VIETNAMESE = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)
ERROR_LISTS = re.compile(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.DOTALL)
ODD_DIGITS = "٠١٢٣٤٥٦٧٨٩۳०१२३०１２３４５６７８９𝟎𝟏𝟑²³¹½⁵₃①"


def _vn(number: Decimal, grouped: bool) -> str:
    text = format(number, ",f" if grouped else "f")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


typed_number = st.one_of(
    st.integers(min_value=0, max_value=9)
    .flatmap(
        lambda places: st.decimals(
            min_value=0, max_value=10**11, places=places, allow_nan=False, allow_infinity=False
        )
    )
    .flatmap(lambda d: st.booleans().map(lambda grouped: _vn(d, grouped))),
    st.integers(min_value=0, max_value=10**30).map(str),
    st.sampled_from(
        [
            "33,333333",
            "12,34567",
            "0,00001",
            "2,50000",
            "84,5%",
            "60 %",
            "100%",
            "1.250,5",
            "1,250.5",
            "1 250",
            "NaN",
            "Infinity",
            "1e3",
            "-0",
            "0,0000",
        ]
    ),
)
typed_odd_digits = st.lists(st.sampled_from(ODD_DIGITS + "0123456789,.%"), min_size=1, max_size=6).map(
    "".join
)
_DATE_FORMATS = [
    "{d:02d}/{m:02d}/{y:04d}",
    "{d}/{m}/{y}",
    "{d}/{m}/{yy:02d}",
    "{y:04d}-{m:02d}-{d:02d}",
    "{d:02d}.{m:02d}.{y:04d}",
    "{d:02d}-{m:02d}-{y:04d}",
    "ngày {d} tháng {m} năm {y}",
]
typed_date_text = st.tuples(
    st.one_of(st.dates(min_value=date(2021, 1, 1), max_value=date(2025, 12, 31)), st.dates()),
    st.sampled_from(_DATE_FORMATS),
).map(lambda x: x[1].format(d=x[0].day, m=x[0].month, y=x[0].year, yy=x[0].year % 100))
#: what a careful officer types: a number up to 100 with up to four places, a date of the plan's
#: years, a plain note (so that part of the examples is saved, and checked as stored)
plausible = st.one_of(
    st.integers(min_value=0, max_value=100).map(str),
    st.decimals(min_value=0, max_value=100, places=2).map(lambda d: _vn(d, False)),
    st.dates(min_value=date(2022, 1, 1), max_value=date(2024, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=30),
)
any_typing = st.one_of(
    plausible,
    plausible,
    typed_number,
    typed_odd_digits,
    typed_date_text,
    hostile_text,
    st.sampled_from(DATES + NUMBERS),
)

#: the fields typed into: a rate's numerator and denominator, a percent's value, a comment;
#: a task's % done, its document's number and date, its completion date and note
TARGET_FIELDS = {"rate": ("numerator", "denominator", "comment"), "percent": ("value",)}
TASK_FIELDS = ("percent", "completed_on", "evidence_number", "evidence_date", "note")
TEXT_FIELDS = {"comment", "evidence_number", "note"}
DATE_FIELDS = {"completed_on", "evidence_date"}
ENTRY_FIELDS = [(measure, name) for measure, names in TARGET_FIELDS.items() for name in names] + [
    ("task", name) for name in TASK_FIELDS
]


def _entry_key(entry, measure, name) -> str:
    if measure == "task":
        return f"k{entry.task.pk}-{name}"
    return f"t{entry.by_measure[measure].pk}-{name}"


def _stored(entry, submission, measure, name):
    if measure == "task":
        return getattr(TaskUpdate.objects.get(submission=submission, task=entry.task), name)
    return getattr(TargetResult.objects.get(submission=submission, target=entry.by_measure[measure]), name)


def _expected(entry, measure, name, typed):
    """What the page must store of ``typed`` (the field's documented reading)."""
    if name in TEXT_FIELDS:
        return typed.strip()
    if name in DATE_FIELDS:
        return typed_date(typed) if typed.strip() else None
    if measure == "task":  # % done: never empty on save
        return vn_number(typed, percent=True) or 0
    return vn_number(typed, percent=name == "value" and entry.by_measure[measure].unit == "%")


@settings(max_examples=60, **SETTINGS)
@given(
    typing=st.dictionaries(st.sampled_from(ENTRY_FIELDS), any_typing, min_size=1, max_size=len(ENTRY_FIELDS))
)
@example(typing={("percent", "value"): "33,333333"})  # was a 500
@example(typing={("percent", "value"): "12,34567", ("rate", "comment"): SCRIPT})  # a 500
@example(typing={("rate", "numerator"): "0,00001", ("task", "note"): IMG})
@example(typing={("percent", "value"): "٣٣"})  # was stored as 33
@example(typing={("rate", "denominator"): "３３"})  # was stored as 33
@example(typing={("task", "completed_on"): "01/01/0001"})  # was stored
@example(typing={("task", "evidence_date"): "31/12/9999"})  # was stored
@example(typing={("percent", "value"): "84,5%", ("task", "percent"): "60%"})
@example(typing={("task", "note"): "ghi chú\x00"})
def test_entry_page_any_typing(client, snv_entry, typing):
    """Whatever is typed into a target line and a task line of the entry page and saved as a
    draft: never a 500; either the page comes back with an error in Vietnamese beside each
    refused field and everything typed shown back (escaped), nothing written; or every value
    is stored as the field reads it and the page shows it."""
    entry = snv_entry
    data = dict(entry.data)
    typed = {_entry_key(entry, measure, name): value for (measure, name), value in typing.items()}
    data.update(typed)
    with rolled_back():
        login(client, entry.username)
        before = fingerprint()
        response = sane(client.post(entry.url, data))
        html = text_of(response)
        if response.status_code != 302:
            assert response.status_code == 200, response.status_code
            event("refused")
            entry_refused(response, entry, before)
            assert "ô nhập chưa đúng" in html
            errors = re.findall(r"<li>(.*?)</li>", "".join(ERROR_LISTS.findall(html)), re.DOTALL)
            assert errors, "refused without saying why"
            for message in errors:
                assert VIETNAMESE.search(message), f"not in Vietnamese: {message!r}"
            for key, value in typed.items():
                if value.strip():
                    assert escape(value) in html, f"{key}: {value!r} not shown back"
            shown_escaped(html, "".join(typed.values()))
            return
        event("saved")
        submission = Submission.objects.get(period=entry.period, agency=entry.agency)
        for (measure, name), value in typing.items():
            stored = _stored(entry, submission, measure, name)
            assert stored == _expected(entry, measure, name, value), (measure, name, value)
            if name in DATE_FIELDS and stored is not None:
                assert date(2022, 1, 1) <= stored <= date(2024, 12, 31)
        page = text_of(sane(client.get(entry.url)))
        shown_escaped(page, "".join(value for (_m, name), value in typing.items() if name in TEXT_FIELDS))


@settings(max_examples=25, **SETTINGS)
@given(content=hostile_bytes, name=st.sampled_from(NAMES))
@example(content=_zip({"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"<<"}), name="so-lieu.xlsx")
@example(content=b"", name="rong.pdf")
def test_entry_page_evidence_upload(client, entry, content, name):
    """A file the evidence check refuses is not kept, and the completed task then lacks its
    file, so the page is refused and nothing at all is written. A file it accepts (the check
    is by signature: a ZIP holding ``xl/workbook.xml`` is an XLSX) is kept byte for byte
    under a safe name and downloads as it came."""
    k = f"k{entry.task.pk}-"
    data = {
        **entry.data,
        k + "progress": "done",
        k + "percent": "100",
        k + "completed_on": "15/03/2023",
        k + "evidence_number": "12/QĐ-STP",
        k + "evidence_date": "15/03/2023",
        k + "evidence_upload": io.BytesIO(content),
    }
    data[k + "evidence_upload"].name = name
    with rolled_back():
        login(client, entry.username)
        before = fingerprint()
        response = sane(client.post(entry.url, data))
        shown_escaped(text_of(response), name, displayed=False)
        if response.status_code != 302:
            entry_refused(response, entry, before)
            return
        update = TaskUpdate.objects.select_related("evidence_file").get(
            submission__period=entry.period, submission__agency=entry.agency, task=entry.task
        )
        evidence = update.evidence_file
        assert evidence.sha256 == hashlib.sha256(content).hexdigest()
        assert evidence.name == safe_name(name) and evidence.kind == check_upload(upload(name, content))
        download = sane(client.get(reverse("reporting:evidence_download", args=[evidence.pk])))
        assert b"".join(download.streaming_content) == content
        page = text_of(sane(client.get(entry.url)))
        shown_escaped(page, name, displayed=False)


# --- the reviewer's decision ---------------------------------------------------------------


@pytest.fixture
def submitted(client, entry):
    login(client, "tp.reporter")
    assert client.post(entry.url, {**entry.data, "submit": "1"}).status_code == 302
    submission = Submission.objects.get(period=entry.period, agency=entry.agency)
    assert submission.status == "submitted"
    return submission


@settings(max_examples=20, **SETTINGS)
@given(reason=hostile_text, note=hostile_text, mark=st.booleans())
@example(reason=SCRIPT, note=IMG, mark=True)
@example(reason="a\x00b", note="", mark=False)  # was a 500 on PostgreSQL (NUL in text)
@example(reason="", note="x\x00", mark=True)  # was a 500 on PostgreSQL (NUL in text)
@example(reason="x" * 100_000, note="", mark=False)
def test_review_return(client, entry, submitted, reason, note, mark):
    result = TargetResult.objects.filter(submission=submitted).order_by("pk").first()
    data = {"reason": reason, f"note-t{result.pk}": note}
    if mark:
        data[f"return-t{result.pk}"] = "on"
    url = reverse("reporting:submission_review", args=[submitted.pk])
    with rolled_back():
        login(client, "nv.reviewer")
        before = fingerprint()
        response = sane(client.post(url, data))
        if response.status_code != 302 or Submission.objects.get(pk=submitted.pk).status != "returned":
            refused_and_unwritten(response, before)
            shown_escaped(text_of(response), reason + note, displayed=False)
            return
        submitted.refresh_from_db()
        result.refresh_from_db()
        assert submitted.return_reason == reason.strip()
        if mark:
            assert result.review_note == (note.strip() or reason.strip())
        pages = text_of(sane(client.get(url)))
        login(client, "tp.reporter")
        pages += text_of(sane(client.get(entry.url)))
        pages += text_of(sane(client.get(reverse("notifications:list"))))
        shown_escaped(pages, reason + (note if mark else ""))


# --- periods ---------------------------------------------------------------------------------


@settings(max_examples=25, **SETTINGS)
@given(until=hostile_date, reason=hostile_text, close=st.booleans())
@example(until="31/12/9999", reason=SCRIPT, close=False)
@example(until="31/12/2099", reason="lý do\x00", close=False)
def test_period_reopen(client, entry, until, reason, close):
    url = reverse("reporting:period_reopen", args=[entry.period.pk, entry.agency.pk])
    data = {"until": until, "reason": reason, **({"close": "1"} if close else {})}
    with rolled_back():
        login(client, "nv.reviewer")
        before = fingerprint()
        response = sane(client.post(url, data))
        if response.status_code != 302:
            refused_and_unwritten(response, before)
            shown_escaped(text_of(response), reason)
            return
        if not close:
            reopening = entry.period.reopenings.filter(agency=entry.agency).latest("pk")
            assert reopening.reason == reason.strip()
            assert reopening.until == typed_date(until)
        pages = text_of(sane(client.get(url)))
        pages += text_of(sane(client.get(reverse("reporting:review_queue", args=[entry.period.pk]))))
        shown_escaped(pages, reason, displayed=False)


@settings(max_examples=15, **SETTINGS)
@given(
    start=hostile_date,
    end=hostile_date,
    deadline=hostile_date,
    grace=hostile_number,
    total=st.sampled_from(["4", "0", "-1", "abc", "999999", "1e308", ""]),
)
@example(
    start="01/01/2023", end="31/03/2023", deadline="31/12/9999", grace="32767", total="4"
)  # was a 500 on the review queue: the deadline plus grace days overflowed
@example(start="01/01/0001", end="01/01/0001", deadline="01/01/0001", grace="0", total="4")
def test_plan_periods(client, start, end, deadline, grace, total):
    plan = Plan.objects.get(code="hung-yen-2023")
    periods = list(plan.periods.order_by("position"))
    data = {
        "form-TOTAL_FORMS": total,
        "form-INITIAL_FORMS": str(len(periods)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, period in enumerate(periods):
        data.update(
            {
                f"form-{i}-id": str(period.pk),
                f"form-{i}-window_start": period.window_start.strftime("%d/%m/%Y"),
                f"form-{i}-window_end": period.window_end.strftime("%d/%m/%Y"),
                f"form-{i}-deadline": period.deadline.strftime("%d/%m/%Y"),
                f"form-{i}-grace_days": str(period.grace_days),
            }
        )
    data.update(
        {
            "form-0-window_start": start,
            "form-0-window_end": end,
            "form-0-deadline": deadline,
            "form-0-grace_days": grace,
        }
    )
    url = reverse("plans:plan_periods", args=[plan.pk])
    with rolled_back():
        login(client, "nv.reviewer")
        before = fingerprint()
        response = sane(client.post(url, data))
        if response.status_code != 302:
            refused_and_unwritten(response, before)
            return
        first = ReportingPeriod.objects.get(pk=periods[0].pk)
        if total == str(len(periods)):
            assert first.deadline == typed_date(deadline)
        sane(client.get(reverse("reporting:review_queue", args=[first.pk])))


# --- a target's and a task's page ----------------------------------------------------------


@settings(max_examples=25, **SETTINGS)
@given(
    scope=st.one_of(st.sampled_from(["responsible", "levels", "named", "all"]), hostile_text),
    responsible=ids,
    levels=st.lists(ids, max_size=3),
    agencies=st.lists(ids, max_size=3),
    baseline=hostile_number,
    year=hostile_number,
)
@example(
    scope="responsible",
    responsible="1",
    levels=[],
    agencies=[],
    baseline="1e308",
    year="99999999999999999999",
)
@example(
    scope="named", responsible="", levels=[str(10**20)], agencies=[str(2**63)], baseline="", year=""
)  # was a 500 on SQLite: the ids overflowed ``pk__in``
def test_target_assignment(client, scope, responsible, levels, agencies, baseline, year):
    target = (
        Target.objects.filter(
            statement__plan__code="hung-yen-2023", comparator__in=("gt_baseline", "reduce_by")
        ).first()
        or Target.objects.filter(statement__plan__code="hung-yen-2023").first()
    )
    url = reverse("reporting:target_detail", args=[target.pk])
    data = {
        "reporting_scope": scope,
        "responsible_agency": responsible,
        "reporting_levels": levels,
        "reporting_agencies": agencies,
        "baseline_value": baseline,
        "baseline_year": year,
    }
    with rolled_back():
        login(client, "nv.reviewer")
        before = fingerprint()
        response = sane(client.post(url, data))
        if response.status_code != 302:
            refused_and_unwritten(response, before)
            return
        sane(client.get(url))


@settings(max_examples=25, **SETTINGS)
@given(
    lead=st.lists(ids, max_size=3),
    cooperating=st.lists(ids, max_size=3),
    lead_groups=hostile_text,
    cooperating_groups=hostile_text,
)
@example(lead=[], cooperating=[], lead_groups=SCRIPT, cooperating_groups=IMG)
@example(lead=[], cooperating=[], lead_groups="UBND\x00", cooperating_groups="")
@example(lead=[], cooperating=[str(2**63)], lead_groups="UBND", cooperating_groups="")  # a 500
def test_task_assignment(client, lead, cooperating, lead_groups, cooperating_groups):
    task = Task.objects.filter(plan__code="hung-yen-2023").order_by("position").first()
    url = reverse("reporting:task_detail", args=[task.pk])
    data = {
        "lead_agencies": lead,
        "cooperating_agencies": cooperating,
        "lead_groups": lead_groups,
        "cooperating_groups": cooperating_groups,
    }
    with rolled_back():
        login(client, "nv.reviewer")
        before = fingerprint()
        response = sane(client.post(url, data))
        if response.status_code != 302:
            refused_and_unwritten(response, before)
            shown_escaped(text_of(response), lead_groups + cooperating_groups)
            return
        task.refresh_from_db()
        assert (task.lead_groups, task.cooperating_groups) == (
            lead_groups.strip(),
            cooperating_groups.strip(),
        )
        pages = text_of(sane(client.get(url)))
        pages += text_of(sane(client.get(reverse("targets:plan_detail", args=[task.plan_id]))))
        shown_escaped(pages, lead_groups + cooperating_groups)


@pytest.fixture
def extension_task():
    """Hưng Yên 2023's first task, led by Sở Tư pháp alone, due 30/06/2023, not done."""
    stp = Agency.objects.get(code="hy-stp")
    task = Task.objects.filter(plan__code="hung-yen-2023").order_by("position").first()
    task.lead_agencies.set([stp])
    TaskUpdate.objects.filter(task=task).delete()
    Task.objects.filter(pk=task.pk).update(
        due_date=date(2023, 6, 30), recurring=False, extended_due_date=None
    )
    TaskExtension.objects.filter(task=task).delete()
    return task


@settings(max_examples=25, **SETTINGS)
@given(due=hostile_date, reason=hostile_text)
@example(due="31/12/9999", reason=SCRIPT)
@example(due="30/09/2023", reason="chờ\x00")
def test_extension_request(client, extension_task, due, reason):
    url = reverse("reporting:extension_request", args=[extension_task.pk])
    with rolled_back():
        login(client, "tp.reporter")
        before = fingerprint()
        response = sane(client.post(url, {"requested_due_date": due, "reason": reason}))
        if response.status_code != 302:
            refused_and_unwritten(response, before)
            shown_escaped(text_of(response), reason)
            return
        extension = TaskExtension.objects.get(task=extension_task)
        assert extension.reason == reason.strip()
        pages = text_of(sane(client.get(reverse("reporting:task_detail", args=[extension_task.pk]))))
        login(client, "nv.reviewer")
        pages += text_of(
            sane(client.get(reverse("reporting:plan_extensions", args=[extension_task.plan_id])))
        )
        shown_escaped(pages, reason)


@settings(max_examples=20, **SETTINGS)
@given(
    decision=st.one_of(st.sampled_from(["approve", "refuse"]), hostile_text),
    note=hostile_text,
    back=st.one_of(st.just("queue"), hostile_text),
)
@example(decision="refuse", note=SCRIPT, back="queue")
@example(decision="approve", note="ok\x00", back="")
def test_extension_decide(client, extension_task, decision, note, back):
    with rolled_back():
        extension = extension_request(
            task=extension_task,
            agency=Agency.objects.get(code="hy-stp"),
            user=User.objects.get(username="tp.reporter"),
            requested_due_date=date(2023, 9, 30),
            reason="Chờ thẩm định.",
        )
        url = reverse("reporting:extension_decide", args=[extension.pk])
        login(client, "nv.reviewer")
        before = fingerprint()
        response = sane(client.post(url, {"decision": decision, "note": note, "back": back}))
        if response.status_code != 302:
            refused_and_unwritten(response, before)
            shown_escaped(text_of(response), note)
            return
        extension.refresh_from_db()
        assert extension.decision_note == note.strip()
        pages = text_of(sane(client.get(reverse("reporting:task_detail", args=[extension_task.pk]))))
        pages += text_of(
            sane(client.get(reverse("reporting:plan_extensions", args=[extension_task.plan_id])))
        )
        shown_escaped(pages, note)


# --- agency restructuring ----------------------------------------------------------------------


def _province_agency_ids() -> list[str]:
    return [
        str(pk)
        for pk in Agency.objects.filter(parent__code="hy-ubnd")
        .order_by("pk")
        .values_list("pk", flat=True)[:4]
    ]


agency_choice = st.one_of(
    st.sampled_from(["hy-stttt", "hy-skhcn", "hy-stp"]).map(lambda code: f"code:{code}"), ids
)


def _agency_value(choice: str) -> str:
    if choice.startswith("code:"):
        return str(Agency.objects.get(code=choice.removeprefix("code:")).pk)
    return choice


@settings(max_examples=25, **SETTINGS)
@given(
    kind=st.one_of(st.sampled_from(["merge", "split", "rename", "dissolve"]), hostile_text),
    predecessors=st.lists(agency_choice, min_size=1, max_size=2),
    successors=st.lists(agency_choice, max_size=2),
    new_name=hostile_text,
    short_name=hostile_text,
    effective=hostile_date,
    decision=hostile_text,
    note=hostile_text,
)
@example(
    kind="rename",
    predecessors=["code:hy-stttt"],
    successors=[],
    new_name=SCRIPT,
    short_name=IMG,
    effective="01/07/2023",
    decision=SCRIPT,
    note=IMG,
)
@example(
    kind="rename",
    predecessors=["code:hy-stttt"],
    successors=[],
    new_name="Sở\x00",
    short_name="",
    effective="31/12/9999",
    decision="",
    note="",
)
@example(
    kind="merge",
    predecessors=["code:hy-stttt"],
    successors=["code:hy-skhcn"],
    new_name="",
    short_name="",
    effective="01/01/0001",
    decision="",
    note="",
)  # was a 500
def test_restructuring(
    client, kind, predecessors, successors, new_name, short_name, effective, decision, note
):
    url = reverse("reporting:restructuring")
    data = {
        "kind": kind,
        "predecessors": [_agency_value(c) for c in predecessors],
        "successors": [_agency_value(c) for c in successors],
        "new_name": new_name,
        "new_short_name": short_name,
        "effective_date": effective,
        "decision": decision,
        "note": note,
        "move_users": "on",
    }
    typed = new_name + short_name + decision + note
    with rolled_back():
        login(client, "nv.reviewer")
        before = fingerprint()
        response = sane(client.post(url, data))
        if response.status_code != 302:
            refused_and_unwritten(response, before)
            shown_escaped(text_of(response), typed)
            return
        if new_name.strip():
            assert Agency.objects.filter(name=new_name.strip(), short_name=short_name.strip()).exists()
        page = text_of(sane(client.get(url)))
        page += text_of(
            sane(client.get(reverse("targets:plan_detail", args=[Plan.objects.get(code="hung-yen-2023").pk])))
        )
        shown_escaped(page, new_name + decision, displayed=bool(new_name.strip()))


# --- notifications -----------------------------------------------------------------------------


@settings(max_examples=15, **SETTINGS)
@given(
    enabled=hostile_text,
    next_url=st.one_of(
        st.sampled_from(
            [
                "//evil.example/",
                "https://evil.example/",
                "javascript:alert(1)",
                "/thong-bao/",
                "\\\\evil.example",
                "/\x00/",
            ]
        ),
        hostile_text,
    ),
)
@example(enabled="on", next_url="{{ 7|add:1 }}")  # was a 500: "a:b" read as a view's name
@example(enabled="on", next_url="abc")
def test_notification_forms(client, enabled, next_url):
    with rolled_back():
        login(client, "tp.reporter")
        sane(client.post(reverse("notifications:preferences"), {"email_enabled": enabled}))
        response = sane(client.post(reverse("notifications:read_all"), {"next": next_url}))
        assert response.status_code == 302
        assert not response.url.startswith(("//", "http", "javascript", "\\"))


# --- report documents --------------------------------------------------------------------------


@pytest.fixture
def draft_report():
    """The province's Quý I report of Hưng Yên 2023, drafted with its figures taken, as if
    its preview had been made (no PDF is rendered here)."""
    from reports import services as report_services
    from reports.models import Report

    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    Report.objects.filter(period=period).delete()
    report, _created = report_services.report_draft_get_or_create(period=period, agency=None)
    Report.objects.filter(pk=report.pk).update(
        data=report_services.report_snapshot(report),
        data_taken_at=report.created_at,
        render_status=Report.Render.DONE,
    )
    report.refresh_from_db()
    return report


@settings(max_examples=15, **SETTINGS)
@given(texts=st.lists(hostile_text, min_size=1, max_size=3))
@example(texts=[SCRIPT, IMG])
@example(texts=["phần\x00một"])
def test_report_texts(client, draft_report, texts):
    from reports.documents import SECTION_KEYS
    from reports.models import Report

    url = reverse("reports:report_detail", args=[draft_report.pk])
    data = dict(zip(SECTION_KEYS, texts, strict=False))
    with rolled_back():
        login(client, "nv.reviewer")
        before, kept_before = fingerprint(), Report.objects.get(pk=draft_report.pk).texts
        response = sane(client.post(url, data))
        if response.status_code != 302:
            refused_and_unwritten(response, before)
            assert Report.objects.get(pk=draft_report.pk).texts == kept_before
            shown_escaped(text_of(response), "".join(texts))
            return
        report = Report.objects.get(pk=draft_report.pk)
        for key, text in data.items():
            assert report.texts.get(key, None) in (text.replace("\r\n", "\n").strip(), None)
        shown_escaped(text_of(sane(client.get(url))), "".join(texts))


@settings(max_examples=20, **SETTINGS)
@given(number=hostile_number, issued_on=hostile_date)
@example(number="12", issued_on="31/12/9999")
@example(number="12", issued_on="01/01/0001")
@example(number="9" * 500, issued_on="31/02/2026")
def test_report_issue(client, draft_report, number, issued_on):
    from reports.models import Report

    url = reverse("reports:report_issue", args=[draft_report.pk])
    with rolled_back():
        login(client, "nv.reviewer")
        before = fingerprint()
        response = sane(client.post(url, {"number": number, "issued_on": issued_on}))
        if response.status_code != 302:
            refused_and_unwritten(response, before)
            assert Report.objects.get(pk=draft_report.pk).state == "draft"
            return
        report = Report.objects.get(pk=draft_report.pk)
        assert (report.state, report.number, report.issued_on) == (
            "issued",
            number.strip(),
            typed_date(issued_on),
        )
        sane(client.get(reverse("reports:report_detail", args=[report.pk])))
        sane(client.get(reverse("reports:report_list", args=[report.period.plan_id])))


@settings(max_examples=15, **SETTINGS)
@given(agency=st.one_of(st.just(""), ids))
@example(agency="abc")  # was a 500: an id that is not a number
@example(agency=str(10**20))
def test_report_create(client, agency):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    with rolled_back():
        login(client, "nv.reviewer")
        sane(client.post(reverse("reports:report_create", args=[period.pk]), {"co_quan": agency}))


# --- targets from a plan's text ----------------------------------------------------------------

PLAN_TEXT = """II. MỤC TIÊU CỤ THỂ
1. Cải cách thủ tục hành chính
a) Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 97%; phấn đấu 85% hồ sơ trả trước hạn.
b) Thời gian chờ đợi của người dân tại Bộ phận Một cửa tối đa 15 phút/lượt.
"""


@pytest.fixture
def text_plan():
    """A new Hưng Yên plan with one numbered area and no targets."""
    from plans.models import PlanArea

    source = Plan.objects.get(code="hung-yen-2023")
    plan = Plan.objects.create(
        code="hy-2026-hostile",
        title="Kế hoạch CCHC năm 2026",
        issuer=source.issuer,
        year=2026,
        status="draft",
    )
    tthc = source.areas.get(area__code="tthc")
    PlanArea.objects.create(
        plan=plan, area=tthc.area, code="1", title=tthc.title, position=1, lead_agency=tthc.lead_agency
    )
    return plan


@settings(max_examples=25, **SETTINGS)
@given(
    text=hostile_text,
    content=st.one_of(st.none(), hostile_bytes),
    name=st.sampled_from(NAMES),
    sentence=st.booleans(),
)
@example(text=f"Tỷ lệ {SCRIPT} hồ sơ đúng hạn đạt trên 97%.", content=None, name="x.txt", sentence=False)
@example(text="", content=b"\xff\xfe\x00", name="ke-hoach.txt", sentence=False)
@example(text="", content=_zip({"word/document.xml": b"<w:document"}), name="van-ban.docx", sentence=False)
@example(text="", content=f"Tỷ lệ\x00{SCRIPT} đạt 97%".encode(), name="ke-hoach.txt", sentence=False)
def test_extraction_start(client, text_plan, text, content, name, sentence):
    url = reverse("reporting:target_extraction", args=[text_plan.pk])
    data = {"text": text + ("\nTỷ lệ hồ sơ đúng hạn đạt trên 97%." if sentence else "")}
    if content is not None:
        data["file"] = io.BytesIO(content)
        data["file"].name = name
    typed = data["text"] + (content.decode("utf-8", "replace") if content else "")
    with rolled_back():
        login(client, "nv.reviewer")
        before = fingerprint()
        response = sane(client.post(url, data))
        assert fingerprint() == before  # proposals wait in the session
        if response.status_code != 302:
            refused_and_unwritten(response, before)
            return
        page = text_of(sane(client.get(reverse("reporting:target_extraction_review", args=[text_plan.pk]))))
        shown_escaped(page, typed, displayed=False)


#: the proposal's fields offered as a list of choices (``targets.forms.ProposalForm``)
CHOICE_FIELDS = {"area", "measure", "comparator", "direction"}
proposal_field = st.sampled_from(
    [
        "text",
        "code",
        "unit",
        "value",
        "value_max",
        "measure",
        "comparator",
        "direction",
        "area",
        "baseline_year",
        "level_tinh",
        "level_xa",
    ]
)


@settings(max_examples=25, **SETTINGS)
@given(changes=st.dictionaries(proposal_field, st.one_of(hostile_text, hostile_number), max_size=4))
@example(changes={"text": SCRIPT, "unit": IMG[:40], "code": "<b>"})
@example(changes={"text": "Tỷ lệ\x00", "value": "1e308"})
@example(changes={"value": "9" * 39, "value_max": "1", "baseline_year": "99999999999999999999"})
@example(changes={"area": IMG})  # found on a fresh clone: a choice the page does not echo
def test_extraction_review(client, text_plan, changes):
    start = reverse("reporting:target_extraction", args=[text_plan.pk])
    url = reverse("reporting:target_extraction_review", args=[text_plan.pk])
    with rolled_back():
        login(client, "nv.reviewer")
        assert client.post(start, {"text": f"{PLAN_TEXT}Tỷ lệ {SCRIPT} đạt 90%.\n"}).status_code == 302
        response = client.get(url)
        data = {}
        for row in response.context["rows"]:
            for bound in row["form"]:
                value = bound.value()
                if value is None or value is False:
                    continue
                data[bound.html_name] = "on" if value is True else str(value)
        data.update({f"p0-{key}": value for key, value in changes.items()})
        data["p0-accept"] = "on"
        typed = "".join(changes.values())
        before = fingerprint()
        response = sane(client.post(url, data))
        if response.status_code != 302:
            refused_and_unwritten(response, before)
            # a typed field is shown back as typed; a choice that is not one of the page's
            # (an area, a measure…) is refused and shown as the page's own choices: not echoed
            echoed = "".join(v for k, v in changes.items() if k not in CHOICE_FIELDS)
            shown_escaped(text_of(response), echoed + SCRIPT)
            return
        if "text" in changes:
            assert Target.objects.filter(
                statement__plan=text_plan, text=" ".join(changes["text"].split())
            ).exists()
        page = text_of(sane(client.get(reverse("targets:plan_detail", args=[text_plan.pk]))))
        for target in Target.objects.filter(statement__plan=text_plan):
            page += text_of(sane(client.get(reverse("reporting:target_detail", args=[target.pk]))))
        shown_escaped(page, typed, displayed="text" in changes)


# --- the task appendix (Excel) -----------------------------------------------------------------


@pytest.fixture
def appendix_plan():
    """Hải Dương 2024's areas, no tasks: where an appendix is imported."""
    from plans.models import PlanArea

    source = Plan.objects.get(code="hai-duong-2024")
    plan = Plan.objects.create(
        code="hd-2025-hostile",
        title="Kế hoạch CCHC năm 2025",
        issuer=source.issuer,
        year=2025,
        status="draft",
    )
    for area in source.areas.order_by("position"):
        PlanArea.objects.create(
            plan=plan, area=area.area, code=area.code, title=area.title, position=area.position
        )
    return plan


def _cell(text: str) -> str:
    """What a spreadsheet cell can hold (XML 1.0 has no control characters)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)[:32_000]


def _appendix(rows) -> bytes:
    from plans.appendix import HEADERS

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([_cell(value) if isinstance(value, str) else value for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _upload(client, plan, content: bytes, name="phu-luc.xlsx"):
    tep = io.BytesIO(content)
    tep.name = name
    return sane(client.post(reverse("plans:appendix_upload", args=[plan.pk]), {"tep": tep}))


@settings(max_examples=25, **SETTINGS)
@given(content=hostile_bytes, name=st.sampled_from(NAMES))
@example(
    content=_zip({"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"<<not xml"}), name="phu-luc.xlsx"
)  # was a 500: the XML parser's error escaped
@example(content=REAL_XLSX[: len(REAL_XLSX) // 2], name="phu-luc.xlsx")
def test_appendix_broken_files(client, appendix_plan, content, name):
    with rolled_back():
        login(client, "nv.reviewer")
        before = fingerprint()
        response = _upload(client, appendix_plan, content, name)
        refused_and_unwritten(response, before)
        shown_escaped(text_of(response), name, displayed=False)


@settings(max_examples=25, **SETTINGS)
@given(
    code=hostile_text,
    text=hostile_text,
    lead=st.one_of(st.just("Sở Nội vụ"), hostile_text),
    cooperating=hostile_text,
    due=st.one_of(hostile_date, hostile_text),
    product=hostile_text,
    heading=st.one_of(st.just("I. Công tác chỉ đạo, điều hành"), hostile_text),
    number=st.one_of(st.none(), st.sampled_from([1e308, -5, 10**40, float("nan")])),
    choice=st.one_of(st.just("group"), ids),
)
@example(
    code="1",
    text=SCRIPT,
    lead="Sở Nội vụ",
    cooperating=IMG,
    due="Quý I/2025",
    product=SCRIPT,
    heading="I. Công tác chỉ đạo, điều hành",
    number=None,
    choice="group",
)
@example(
    code="1",
    text="Nhiệm vụ",
    lead=SCRIPT,
    cooperating="",
    due="31/12/9999",
    product="",
    heading="I. Công tác chỉ đạo, điều hành",
    number=1e308,
    choice="abc",
)
def test_appendix_hostile_cells(
    client, appendix_plan, code, text, lead, cooperating, due, product, heading, number, choice
):
    rows = [[None, heading], [code if number is None else number, text, lead, cooperating, due, product]]
    typed = "".join([code, text, lead, cooperating, due, product, heading])
    preview = reverse("plans:appendix_preview", args=[appendix_plan.pk])
    with rolled_back():
        login(client, "nv.reviewer")
        before = fingerprint()
        response = _upload(client, appendix_plan, _appendix(rows))
        if response.status_code != 302:
            refused_and_unwritten(response, before)
            shown_escaped(text_of(response), _cell(typed), displayed=False)
            return
        assert fingerprint() == before  # the rows wait in the session
        page = sane(client.get(preview))
        shown_escaped(text_of(page), _cell(typed), displayed=False)
        choices = {
            f"chon:{m['key']}": choice
            for row in page.context["rows"]
            for side in row["sides"]
            for m in side["missing"]
        }
        response = sane(client.post(preview, choices))
        if response.status_code != 302:
            refused_and_unwritten(response, before)
            return
        task = Task.objects.get(plan=appendix_plan)
        assert task.text == " ".join(_cell(text).split())
        pages = text_of(sane(client.get(reverse("reporting:task_detail", args=[task.pk]))))
        pages += text_of(sane(client.get(reverse("targets:plan_detail", args=[appendix_plan.pk]))))
        shown_escaped(pages, " ".join(_cell(text).split()))


# --- filters and query strings -----------------------------------------------------------------

garbage = st.one_of(ids, hostile_number, hostile_date, st.just("on"))


def _get(client, url, params):
    return sane(client.get(url, params))


@settings(max_examples=25, **SETTINGS)
@given(params=st.dictionaries(st.sampled_from(["year", "issuer", "status", "page"]), garbage))
@example(params={"year": "1e308", "page": "99999999999999999999"})
@example(params={"year": str(10**40), "issuer": str(10**20)})
def test_plan_list_filter(client, params):
    login(client, "nv.reviewer")
    response = _get(client, reverse("targets:plan_list"), params)
    shown_escaped(text_of(response), "".join(params.values()), displayed=False)


DASHBOARD_PARAMS = ["ky", "linh_vuc", "co_quan", "cap", "trang_thai", "qua_han", "sap_xep", "co_cau"]


@settings(max_examples=30, **SETTINGS)
@given(params=st.dictionaries(st.sampled_from(DASHBOARD_PARAMS), garbage, max_size=5))
@example(params={"ky": str(10**20), "cap": "1e308", "sap_xep": SCRIPT})
@example(params={"linh_vuc": "-1", "co_quan": "²", "trang_thai": "\x00", "qua_han": "--5"})
def test_dashboard_filters(client, params):
    plan = Plan.objects.get(code="hung-yen-2023")
    login(client, "nv.reviewer")
    typed = "".join(params.values())
    for name in ("reports:overview", "reports:leadership"):
        response = _get(client, reverse(name, args=[plan.pk]), params)
        shown_escaped(text_of(response), typed, displayed=False)


@settings(max_examples=25, **SETTINGS)
@given(
    params=st.dictionaries(
        st.sampled_from(["ky", "cap", "sap_xep", "pham-vi", "trang_thai", "page"]), garbage, max_size=4
    )
)
@example(
    params={"ky": "abc", "cap": str(10**20), "sap_xep": SCRIPT, "pham-vi": "agency:99999999999999999999"}
)
@example(params={"pham-vi": "province\n", "trang_thai": SCRIPT})
def test_drill_downs_and_queues(client, params):
    plan = Plan.objects.get(code="hung-yen-2023")
    target = Target.objects.filter(statement__plan=plan).order_by("pk").first()
    area = plan.areas.order_by("position").first()
    agency = Agency.objects.get(code="hy-stp")
    period = plan.periods.order_by("position").first()
    login(client, "nv.reviewer")
    typed = "".join(params.values())
    for url in (
        reverse("reports:target_drill", args=[plan.pk, target.pk]),
        reverse("reports:agency_drill", args=[plan.pk, agency.pk]),
        reverse("reports:area_drill", args=[plan.pk, area.pk]),
        reverse("reports:target_explain", args=[period.pk, target.pk]),
        reverse("reporting:review_queue", args=[period.pk]),
        reverse("notifications:list"),
        reverse("home"),
    ):
        shown_escaped(text_of(_get(client, url, params)), typed, displayed=False)


HUGE_IDS = [10**20, 2**63, 2**63 - 1, 2**31]
ID_URLS = [
    ("targets:plan_detail", 1),
    ("plans:plan_periods", 1),
    ("plans:appendix_download", 1),
    ("plans:appendix_upload", 1),
    ("plans:appendix_preview", 1),
    ("reporting:target_extraction", 1),
    ("reporting:target_extraction_review", 1),
    ("reporting:submission_entry", 2),
    ("reporting:period_reopen", 2),
    ("reporting:target_detail", 1),
    ("reporting:task_detail", 1),
    ("reporting:plan_extensions", 1),
    ("reporting:evidence_download", 1),
    ("reporting:review_queue", 1),
    ("reporting:submission_review", 1),
    ("reports:target_explain", 2),
    ("reports:report_list", 1),
    ("reports:report_detail", 1),
    ("reports:report_status", 1),
    ("reports:report_pdf", 1),
    ("reports:report_xlsx", 1),
]


POST_ID_URLS = (
    "reporting:extension_request",
    "reporting:extension_decide",
    "reporting:plan_rollover",
    "reports:report_create",
    "reports:report_render",
    "reports:report_issue",
    "reports:report_new_version",
    "notifications:read",
)
DASHBOARD_ID_URLS = [
    ("reports:overview", 1),
    ("reports:leadership", 1),
    ("reports:target_drill", 2),
    ("reports:agency_drill", 2),
    ("reports:area_drill", 2),
]


def _overflowing(client, huge, gets, posts=()) -> list[str]:
    """The URLs (``gets``: name and number of ids, ``posts``: names) that do not answer an id
    beyond the column's range with 302, 400, 403 or 404."""
    wrong = []
    calls = [(client.get, name, count) for name, count in gets] + [(client.post, name, 1) for name in posts]
    for method, name, count in calls:
        try:
            status = method(reverse(name, args=[huge] * count)).status_code
        except Exception as error:  # noqa: BLE001 - every failure is listed, not the first
            wrong.append(f"{name}: {type(error).__name__}: {error}")
            continue
        if status not in (302, 400, 403, 404):
            wrong.append(f"{name}: {status}")
    return wrong


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_ids_beyond_any_integer_column(client, huge):
    """A URL's ``<int:…>`` takes any number of digits: beyond the column's range it is a
    404, never an overflow."""
    login(client, "nv.reviewer")
    assert _overflowing(client, huge, ID_URLS, POST_ID_URLS) == []


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_dashboard_ids_beyond_any_integer_column(client, huge):
    """The same for the dashboards, which read the plan's periods by the plan's id first (a
    filter on the raw ``plan_id`` column overflowed on SQLite)."""
    login(client, "nv.reviewer")
    assert _overflowing(client, huge, DASHBOARD_ID_URLS) == []
