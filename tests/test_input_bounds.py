"""Issue 19 (items 4, 5 and 10): every typed value is checked where it is read, and every
refusal a service makes is shown on the form. What used to be a 500 (or a silently stored
absurd value) is now a Vietnamese message beside what was typed, and nothing is written.

- decimals beyond the four places a result column stores ("33,333333", "12,34567",
  "0,00001") were a 500 at the save: the model's own check raised;
- digits other than 0-9 ("٣٣", "３３") were read as 33 and stored;
- 01/01/0001 and 31/12/9999 were stored as a task's completion or evidence date;
- the reopen page was a 500 for a reopening whose creator account is gone, and so was every
  refused POST to it;
- a period formset with a row added, repeated or lost was a 500 (or saved one period's dates
  on another);
- two clicks at once on "Sắp xếp cơ quan" with a new name: IntegrityError, a 500.

The property test over the whole entry page is in ``tests/test_hostile_input.py``
(``test_entry_page_any_typing``)."""

import contextlib
import threading
from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.db import IntegrityError, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from agencies.models import Agency, AgencySuccession, User
from plans.models import Plan, ReportingPeriod
from reporting.models import PeriodReopening, TargetResult, TaskUpdate
from reporting.services import submissions as plan_services
from tests.test_hostile_input import entry_page

pytestmark = pytest.mark.django_db

ENTRY_REFUSED = "ô nhập chưa đúng"  # "Chưa lưu N dòng có ô nhập chưa đúng (tô đỏ bên dưới)"


@pytest.fixture
def snv():
    """Sở Nội vụ's Quý I page of Hưng Yên 2023 (a percent, a rank, a score, a count and rates),
    with no submission yet, as its reviewer fills it."""
    return entry_page("hy-snv", "nv.reviewer")


def post_entry(client, entry, **fields):
    client.force_login(User.objects.get(username=entry.username))
    return client.post(entry.url, {**entry.data, **fields})


def line_not_saved(entry, name: str) -> bool:
    """The line of the field ``name`` ("t<target id>-…", "k<task id>-…") has no row: a draft
    saves the lines that read well and leaves a refused one unwritten, kept as typed on the page
    (issue 22)."""
    kind, pk = name[0], int(name[1:].split("-")[0])
    rows = TargetResult.objects.filter(target_id=pk) if kind == "t" else TaskUpdate.objects.filter(task_id=pk)
    return not rows.filter(submission__period=entry.period, submission__agency=entry.agency).exists()


def page(response) -> str:
    return response.content.decode()


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["33,333333", "12,34567", "0,00001"])
def test_more_decimal_places_than_stored_are_refused_beside_what_was_typed(client, snv, typed):
    """Was a 500 (``plans/services.py`` ran the model's check, nothing caught it) and the
    typing was lost."""
    name = f"t{snv.by_measure['percent'].pk}-value"
    response = post_entry(client, snv, **{name: typed})
    assert response.status_code == 200
    text = page(response)
    assert ENTRY_REFUSED in text
    assert "Tối đa 4 chữ số thập phân." in text
    assert f'name="{name}" value="{escape(typed)}"' in text
    assert line_not_saved(snv, name)


def test_four_places_and_trailing_zeros_are_stored(client, snv):
    percent, score = snv.by_measure["percent"], snv.by_measure["score"]
    response = post_entry(client, snv, **{f"t{percent.pk}-value": "33,3333", f"t{score.pk}-value": "2,50000"})
    assert response.status_code == 302
    stored = {
        r.target_id: r.value
        for r in TargetResult.objects.filter(submission__period=snv.period, submission__agency=snv.agency)
    }
    assert stored[percent.pk] == Decimal("33.3333")
    assert stored[score.pk] == Decimal("2.5")


@pytest.mark.parametrize("typed", ["٣٣", "３３", "३३", "𝟑𝟑", "3٣", "1.２50"])
def test_digits_other_than_0_to_9_are_refused_not_read(client, snv, typed):
    """Were read as 33 (Python's ``Decimal`` takes any Unicode digit) and stored."""
    name = f"t{snv.by_measure['percent'].pk}-value"
    response = post_entry(client, snv, **{name: typed})
    assert response.status_code == 200
    text = page(response)
    assert "có chữ số lạ, không phải 0–9" in text
    assert f'value="{escape(typed)}"' in text
    assert line_not_saved(snv, name)


def test_a_percent_sign_is_allowed_on_a_percent(client, snv):
    percent, task = snv.by_measure["percent"], snv.task
    response = post_entry(client, snv, **{f"t{percent.pk}-value": "84,5%", f"k{task.pk}-percent": "60 %"})
    assert response.status_code == 302
    assert TargetResult.objects.get(
        submission__agency=snv.agency, submission__period=snv.period, target=percent
    ).value == Decimal("84.5")
    assert (
        TaskUpdate.objects.get(
            submission__agency=snv.agency, submission__period=snv.period, task=task
        ).percent
        == 60
    )


def test_a_percent_sign_is_not_a_number_elsewhere(client, snv):
    rank = snv.by_measure["rank"]
    response = post_entry(client, snv, **{f"t{rank.pk}-value": "5%"})
    assert response.status_code == 200
    assert "không phải là một số" in page(response)
    assert line_not_saved(snv, f"t{rank.pk}-value")


def test_a_model_refusal_the_form_missed_is_shown_on_its_line(client, snv):
    """The safety net: were a form ever to let through a value its column refuses, the line
    says so and the typing stays (simulated: the form's place check switched off)."""
    from reporting.forms import TargetLineForm

    name = f"t{snv.by_measure['percent'].pk}-value"
    field = TargetLineForm.base_fields["value"]
    with mock.patch.object(field, "decimal_places", 12), mock.patch.object(field, "max_digits", 24):
        response = post_entry(client, snv, **{name: "33,333333"})
    assert response.status_code == 200
    text = page(response)
    assert ENTRY_REFUSED in text and "không có nhiều hơn 4 chữ số thập phân" in text
    assert 'value="33,333333"' in text
    assert line_not_saved(snv, name)


def test_the_same_page_sent_twice_at_once_is_not_a_500(client, snv):
    """The second copy of a double submit meets the first one's rows (simulated: the save
    raises the database's refusal)."""
    name = f"t{snv.by_measure['percent'].pk}-value"
    with mock.patch.object(plan_services, "submission_save", side_effect=IntegrityError("duplicate key")):
        response = post_entry(client, snv, **{name: "84,5"})
    assert response.status_code == 409
    text = page(response)
    assert "Số liệu bạn nhập vẫn còn trên trang" in text and 'value="84,5"' in text


def test_a_year_or_grace_days_in_other_digits_are_refused(client):
    """Django's IntegerField reads "٢٠٢١" as 2021: a baseline year and a period's grace days
    were stored from them."""
    from targets.models import Target

    target = Target.objects.get(statement__plan__code="hung-yen-2023", note="tương ứng 15 đơn vị")
    client.force_login(User.objects.get(username="nv.reviewer"))
    response = client.post(
        reverse("reporting:target_detail", args=[target.pk]),
        {
            "reporting_scope": "responsible",
            "responsible_agency": target.responsible_agency_id,
            "baseline_year": "٢٠٢١",
            "baseline_value": "620",
        },
    )
    assert response.status_code == 400
    assert "“٢٠٢١” có chữ số lạ" in page(response)
    assert Target.objects.get(pk=target.pk).baseline_value != 620

    plan = Plan.objects.get(code="hung-yen-2023")
    _periods, data = _periods_post(plan)
    data["form-0-grace_days"] = "１０"
    response = client.post(reverse("plans:plan_periods", args=[plan.pk]), data)
    assert response.status_code == 400 and "“１０” có chữ số lạ" in page(response)
    assert not plan.periods.filter(grace_days=10).exists()


def test_an_id_in_other_digits_is_no_id():
    from cchc.fields import parse_id

    assert [parse_id(raw) for raw in ("12", "١٢", "１２", "²", "")] == [12, None, None, None, None]


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("completed_on", "01/01/0001"),
        ("completed_on", "31/12/9999"),
        ("evidence_date", "01/01/0001"),
        ("evidence_date", "31/12/9999"),
        ("completed_on", "31/12/2021"),
        ("evidence_date", "01/01/2025"),
    ],
)
def test_a_task_date_far_from_the_plan_year_is_refused(client, snv, field, typed):
    """The 2023 plan's dates run from 01/01/2022 to 31/12/2024. 01/01/0001 and 31/12/9999
    were stored."""
    name = f"k{snv.task.pk}-{field}"
    response = post_entry(client, snv, **{name: typed})
    assert response.status_code == 200
    text = page(response)
    assert "Ngày phải trong khoảng 01/01/2022 – 31/12/2024." in text
    assert f'name="{name}" value="{typed}"' in text
    assert line_not_saved(snv, name)


def test_task_dates_near_the_plan_year_are_stored(client, snv):
    response = post_entry(
        client,
        snv,
        **{f"k{snv.task.pk}-completed_on": "01/01/2022", f"k{snv.task.pk}-evidence_date": "31/12/2024"},
    )
    assert response.status_code == 302
    update = TaskUpdate.objects.get(
        submission__agency=snv.agency, task=snv.task, submission__period=snv.period
    )
    assert (update.completed_on, update.evidence_date) == (date(2022, 1, 1), date(2024, 12, 31))


@pytest.fixture
def extension_task():
    from plans.models import Task
    from reporting.models import TaskExtension

    task = Task.objects.filter(plan__code="hung-yen-2023").order_by("position").first()
    task.lead_agencies.set([Agency.objects.get(code="hy-stp")])
    TaskUpdate.objects.filter(task=task).delete()
    Task.objects.filter(pk=task.pk).update(
        due_date=date(2023, 6, 30), recurring=False, extended_due_date=None
    )
    TaskExtension.objects.filter(task=task).delete()
    return task


def test_an_extension_beyond_the_years_of_the_plan_is_refused(client, extension_task):
    from reporting.models import TaskExtension

    client.force_login(User.objects.get(username="tp.reporter"))
    response = client.post(
        reverse("reporting:extension_request", args=[extension_task.pk]),
        {"requested_due_date": "31/12/9999", "reason": "Chờ"},
    )
    assert response.status_code == 400
    assert "Ngày phải trong khoảng 01/01/2022 – 31/12/2024." in page(response)
    assert not TaskExtension.objects.filter(task=extension_task).exists()


def test_a_model_refusal_of_an_extension_is_shown_not_a_500(client, extension_task):
    """A service error keyed by a model field the form lacks was ``form.add_error``'s
    ValueError (a 500)."""
    from django.core.exceptions import ValidationError

    client.force_login(User.objects.get(username="tp.reporter"))
    refusal = ValidationError({"original_due_date": ["Hạn ban đầu không hợp lệ."]})
    with mock.patch("reporting.services.extensions.extension_request", side_effect=refusal):
        response = client.post(
            reverse("reporting:extension_request", args=[extension_task.pk]),
            {"requested_due_date": "30/09/2023", "reason": "Chờ"},
        )
    assert response.status_code == 400
    assert "Hạn ban đầu không hợp lệ." in page(response)


# --- the reopen page ---------------------------------------------------------------------------


@pytest.fixture
def reopen(client):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    stp = Agency.objects.get(code="hy-stp")
    reviewer = User.objects.create(
        username="nv.gone", role=User.Role.REVIEWER, agency=User.objects.get(username="nv.reviewer").agency
    )
    PeriodReopening.objects.create(
        period=period,
        agency=stp,
        reason="Bổ sung số liệu quý I",
        until=timezone.localdate() + timedelta(days=5),
        created_by=reviewer,
    )
    reviewer.delete()  # the account is gone, its reopening stays
    client.force_login(User.objects.get(username="nv.reviewer"))
    return reverse("reporting:period_reopen", args=[period.pk, stp.pk])


def test_the_reopen_page_shows_a_reopening_whose_creator_is_gone(client, reopen):
    """Was a 500 (the template read ``created_by.username`` of None)."""
    response = client.get(reopen)
    assert response.status_code == 200
    text = page(response)
    assert "Bổ sung số liệu quý I" in text and "(tài khoản đã xóa)" in text


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({}, "bắt buộc"),
        ({"until": "hôm nay", "reason": "x"}, "ngày hợp lệ"),
        ({"until": "31/12/9999", "reason": "Bổ sung"}, "Mở lại tối đa một năm"),
    ],
)
def test_a_refused_reopening_shows_its_errors_not_a_500(client, reopen, data, says):
    """Every refused POST rendered the same list of reopenings: a 500 too."""
    before = PeriodReopening.objects.count()
    response = client.post(reopen, data)
    assert response.status_code == 400
    text = page(response)
    assert says in text and "(tài khoản đã xóa)" in text
    assert PeriodReopening.objects.count() == before


def test_a_service_refusal_of_a_reopening_is_shown_on_the_form(client, reopen):
    from django.core.exceptions import ValidationError

    refusal = ValidationError({"period": ["Kỳ báo cáo không còn."], "reason": ["Quá dài."]})
    with mock.patch.object(plan_services, "period_reopen", side_effect=refusal):
        response = client.post(
            reopen, {"until": timezone.localdate().strftime("%d/%m/%Y"), "reason": "Bổ sung"}
        )
    assert response.status_code == 400
    assert "Kỳ báo cáo không còn." in page(response) and "Quá dài." in page(response)


# --- the period formset ------------------------------------------------------------------------


def _periods_post(plan):
    periods = list(plan.periods.order_by("position"))
    data = {
        "form-TOTAL_FORMS": str(len(periods)),
        "form-INITIAL_FORMS": str(len(periods)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, p in enumerate(periods):
        data.update(
            {
                f"form-{i}-id": str(p.pk),
                f"form-{i}-window_start": p.window_start.strftime("%d/%m/%Y"),
                f"form-{i}-window_end": p.window_end.strftime("%d/%m/%Y"),
                f"form-{i}-deadline": p.deadline.strftime("%d/%m/%Y"),
                f"form-{i}-grace_days": "3",
            }
        )
    return periods, data


def _row(data, i, j):
    """Row ``j``'s fields copied as row ``i``."""
    return {
        f"form-{i}-{name}": data[f"form-{j}-{name}"]
        for name in ("id", "window_start", "window_end", "deadline", "grace_days")
    }


def _forged(kind, plan):
    periods, data = _periods_post(plan)
    n = len(periods)
    other = ReportingPeriod.objects.filter(plan__code="hai-duong-2024").first()
    if kind == "an added row":  # was a 500: a period with no plan
        data.update(_row(data, n, 0), **{"form-TOTAL_FORMS": str(n + 1)})
        del data[f"form-{n}-id"]
    elif kind == "every row new":  # was a 500: four periods with no plan
        data["form-INITIAL_FORMS"] = "0"
    elif kind == "a repeated row":  # saved row 1's dates on period 0
        data.update(_row(data, 1, 0))
    elif kind == "another plan's period":
        data["form-1-id"] = str(other.pk)
    elif kind == "a missing id":
        del data["form-1-id"]
    elif kind == "a row left out":
        data["form-TOTAL_FORMS"] = data["form-INITIAL_FORMS"] = str(n - 1)
    elif kind == "no management form":
        del data["form-TOTAL_FORMS"], data["form-INITIAL_FORMS"]
    elif kind == "a huge id":
        data["form-1-id"] = str(10**20)
    return data


@pytest.mark.parametrize(
    "kind",
    [
        "an added row",
        "every row new",
        "a repeated row",
        "another plan's period",
        "a missing id",
        "a row left out",
        "no management form",
        "a huge id",
    ],
)
def test_a_forged_period_formset_is_refused_with_a_message(client, kind):
    plan = Plan.objects.get(code="hung-yen-2023")
    before = list(
        ReportingPeriod.objects.order_by("pk").values_list(
            "pk", "plan_id", "window_start", "window_end", "deadline", "grace_days"
        )
    )
    client.force_login(User.objects.get(username="nv.reviewer"))
    response = client.post(reverse("plans:plan_periods", args=[plan.pk]), _forged(kind, plan))
    assert response.status_code == 400
    text = page(response)
    assert "Chưa lưu" in text and "Trang gửi lên không khớp với các kỳ báo cáo" in text
    assert (
        list(
            ReportingPeriod.objects.order_by("pk").values_list(
                "pk", "plan_id", "window_start", "window_end", "deadline", "grace_days"
            )
        )
        == before
    )


def test_the_period_formset_as_the_page_sends_it_is_saved(client):
    plan = Plan.objects.get(code="hung-yen-2023")
    periods, data = _periods_post(plan)
    client.force_login(User.objects.get(username="nv.reviewer"))
    assert client.post(reverse("plans:plan_periods", args=[plan.pk]), data).status_code == 302
    assert set(plan.periods.values_list("grace_days", flat=True)) == {3}


# --- restructuring: two clicks at once ---------------------------------------------------------

RENAME = {
    "kind": "rename",
    "new_name": "Sở Tư pháp và Pháp chế",
    "new_short_name": "",
    "effective_date": "01/07/2025",
    "decision": "",
    "note": "",
    "move_users": "on",
}


def test_a_restructuring_the_database_refuses_as_recorded_is_a_message(client):
    """The second of two clicks meets the first one's rows (simulated: the write raises the
    database's refusal). Was a 500."""
    old = Agency.objects.get(code="hy-stp")
    client.force_login(User.objects.get(username="nv.reviewer"))
    with mock.patch(
        "reporting.services.restructuring.restructure", side_effect=IntegrityError("agency_succession_unique")
    ):
        response = client.post(reverse("reporting:restructuring"), {**RENAME, "predecessors": [old.pk]})
    assert response.status_code == 400
    assert "vừa được ghi nhận (có thể do bấm hai lần)" in page(response)
    assert not Agency.objects.filter(name=RENAME["new_name"]).exists()


def test_a_new_body_created_meanwhile_is_a_message(client):
    """The other click created the body between this click's check and its write
    (simulated: the create raises the database's refusal of the code)."""
    old = Agency.objects.get(code="hy-stp")
    client.force_login(User.objects.get(username="nv.reviewer"))
    with mock.patch(
        "agencies.services.Agency.objects.create", side_effect=IntegrityError("agencies_agency_code_key")
    ):
        response = client.post(reverse("reporting:restructuring"), {**RENAME, "predecessors": [old.pk]})
    assert response.status_code == 400
    assert "vừa được tạo (có thể do bấm hai lần)" in page(response)
    assert Agency.objects.get(pk=old.pk).valid_to == old.valid_to
    assert not AgencySuccession.objects.filter(predecessor=old).exists()


@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_with_a_new_name_make_one_body(seeded_transactional):
    """For real, on PostgreSQL: two requests with the same new name, both past the name check
    before either writes (before the fix the second's insert met the first's code: a 500)."""
    from tests.workers import needs_postgresql

    needs_postgresql()
    old = Agency.objects.get(code="hy-stp")
    reviewer = User.objects.get(username="nv.reviewer")
    both_checked = threading.Barrier(2, timeout=3)
    statuses, texts = [], []

    from django.utils import text as text_utils

    real_slugify = text_utils.slugify

    def slugify_after_the_other_checked(value, allow_unicode=False):
        """Called after the name check: wait (a while) for the other click to get there."""
        with contextlib.suppress(threading.BrokenBarrierError):
            both_checked.wait()  # broken: the other click waits for this one's lock
        return real_slugify(value, allow_unicode)

    def click():
        client = Client(raise_request_exception=False)
        client.force_login(reviewer)
        try:
            response = client.post(reverse("reporting:restructuring"), {**RENAME, "predecessors": [old.pk]})
            statuses.append(response.status_code)
            texts.append(response.content.decode())
        finally:
            connections.close_all()

    with mock.patch("agencies.services.slugify", slugify_after_the_other_checked):
        clicks = [threading.Thread(target=click) for _ in range(2)]
        for thread in clicks:
            thread.start()
        for thread in clicks:
            thread.join(timeout=60)
    assert sorted(statuses) == [302, 400], statuses
    refused = texts[statuses.index(400)]
    assert Agency.objects.filter(name=RENAME["new_name"]).count() == 1
    assert AgencySuccession.objects.filter(predecessor=old).count() == 1
    assert "bấm hai lần" in refused or "Đã có cơ quan “Sở Tư pháp và Pháp chế”" in refused


# --- report texts ------------------------------------------------------------------------------


def test_report_texts_saved_after_the_report_was_issued_are_a_message(client):
    """The page's copy says draft, the stored report was issued meanwhile: the texts are
    refused with a message (the service reads the stored state; was a 500 in the view)."""
    from reports import services as report_services
    from reports.models import Report

    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    Report.objects.filter(period=period).delete()
    report, _created = report_services.report_draft_get_or_create(period=period, agency=None)
    client.force_login(User.objects.get(username="nv.reviewer"))
    real = report_services.report_texts_save

    def issued_meanwhile(*, report, texts):
        Report.objects.filter(pk=report.pk).update(
            state=Report.State.ISSUED,
            number="12",
            issued_on=date(2023, 3, 20),
            issuer=period.plan.issuer,
            series="BC-UBND",
            issued_year=2023,
        )
        return real(report=report, texts=texts)

    with mock.patch.object(report_services, "report_texts_save", issued_meanwhile):
        response = client.post(
            reverse("reports:report_detail", args=[report.pk]), {"ket_qua": "Đoạn viết thêm"}
        )
    assert response.status_code == 400
    assert "Báo cáo đã phát hành không sửa được" in page(response)
    assert Report.objects.get(pk=report.pk).texts == {}


def test_a_report_issue_date_far_from_the_plan_year_is_refused(client):
    from reports import services as report_services
    from reports.models import Report

    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    Report.objects.filter(period=period).delete()
    report, _created = report_services.report_draft_get_or_create(period=period, agency=None)
    Report.objects.filter(pk=report.pk).update(
        data=report_services.report_snapshot(report), render_status=Report.Render.DONE
    )
    client.force_login(User.objects.get(username="nv.reviewer"))
    for typed in ("01/01/0001", "31/12/9999", "01/01/2030"):
        response = client.post(
            reverse("reports:report_issue", args=[report.pk]), {"number": "12", "issued_on": typed}
        )
        assert response.status_code == 400
        assert "Ngày phải trong khoảng 01/01/2022 – 31/12/2024." in page(response)
    assert Report.objects.get(pk=report.pk).state == "draft"


# --- login -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_a_username_longer_than_any_account_is_refused_before_logging_in(client, url_name):
    """Django's login form never checked the username's length; a failed login with a name
    longer than the login records hold (255) was a 500 on PostgreSQL when axes wrote it."""
    from axes.models import AccessAttempt

    response = client.post(reverse(url_name), {"username": "x" * 10_000, "password": "sai"})
    assert response.status_code == 200
    assert "tối đa 150 kí tự (hiện có 10000)" in page(response)
    assert not AccessAttempt.objects.exists()
