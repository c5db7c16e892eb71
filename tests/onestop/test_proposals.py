"""A bound target's figure is proposed on the agency's entry page from the imported counts,
marked with its source; the agency confirms it or corrects it with a reason."""

import re
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, User
from onestop import services
from onestop.models import DossierCounts, ImportBatch, Index766, TargetBinding
from onestop.rules import FORMULAS, formula_apply
from plans.models import ReportingPeriod
from reporting.models import Submission, TargetResult
from reporting.selectors.entry import entry_sheet
from targets.models import Target

pytestmark = pytest.mark.django_db

COUNTS = dict(
    received_total=200,
    received_online=120,
    received_in_person=60,
    received_carried_over=20,
    resolved_total=180,
    resolved_early=90,
    resolved_on_time=85,
    resolved_late=5,
    pending_total=20,
    pending_in_time=15,
    pending_overdue=5,
)


@pytest.fixture
def setting():
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    stp = Agency.objects.get(code="hy-stp")
    Submission.objects.filter(period=period, agency=stp).delete()
    on_time = Target.objects.get(statement__plan=period.plan, statement__code="2.a", position=1)
    early = Target.objects.get(statement__plan=period.plan, statement__code="2.a", position=2)
    reviewer = User.objects.get(username="nv.reviewer")
    services.binding_set(target=on_time, source="bieu06", formula="on_time_rate", user=reviewer)
    services.binding_set(target=early, source="bieu06", formula="early_rate", user=reviewer)
    batch = ImportBatch.objects.create(
        province=Agency.objects.get(code="hy-ubnd"),
        kind="bieu06",
        period=period,
        file_name="b06.xlsx",
        imported_by=reviewer,
    )
    DossierCounts.objects.create(batch=batch, period=period, agency=stp, **COUNTS)
    return period, stp, on_time, early, batch


def test_the_proposed_value_is_the_hand_computed_formula(setting):
    period, stp, on_time, online, batch = setting
    sheet = entry_sheet(period=period, agency=stp)
    lines = {line.target.pk: line for line in sheet.target_lines}
    # on-time rate = (early + on time) / resolved, computed here by hand: (90 + 85) / 180
    by_hand = (COUNTS["resolved_early"] + COUNTS["resolved_on_time"], COUNTS["resolved_total"])
    assert by_hand == (175, 180)
    assert (lines[on_time.pk].proposal.numerator, lines[on_time.pk].proposal.denominator) == tuple(
        map(D, by_hand)
    )
    # early rate ("phấn đấu 80% … trước hạn") = early / resolved = 90 / 180
    assert (lines[online.pk].proposal.numerator, lines[online.pk].proposal.denominator) == (D(90), D(180))
    # online rate = online / newly received (online + in person, not carried over) = 120 / (120 + 60)
    assert formula_apply("online_rate", COUNTS) == (120, 180)
    # late rate over resolved dossiers, not over all received: 5 / 180
    assert formula_apply("late_rate", COUNTS) == (5, 180)
    # nothing resolved: no rate to propose
    assert formula_apply("on_time_rate", {**COUNTS, "resolved_total": 0}) is None
    day = timezone.localtime(batch.imported_at).strftime("%d/%m/%Y")
    assert lines[on_time.pk].proposal.source == f"Hệ thống một cửa, nhập ngày {day}"
    assert str(FORMULAS["on_time_rate"].definition) in lines[on_time.pk].proposal.definition


def _fields(page, target):
    return {
        name: value for name, value in re.findall(rf'name="t{target.pk}-(\w+)"[^>]*?value="([^"]*)"', page)
    }


def test_the_entry_page_proposes_confirms_and_asks_a_reason_for_a_correction(client, setting):
    period, stp, on_time, online, batch = setting
    client.force_login(User.objects.get(username="tp.reporter"))
    url = reverse("reporting:submission_entry", args=[period.pk, stp.pk])
    page = client.get(url).content.decode()
    day = timezone.localtime(batch.imported_at).strftime("%d/%m/%Y")
    assert f"Hệ thống một cửa, nhập ngày {day}" in page
    fields = _fields(page, on_time)
    assert (fields["numerator"], fields["denominator"]) == ("175", "180")

    data = {"version": "0", f"t{on_time.pk}-numerator": "175", f"t{on_time.pk}-denominator": "180"}
    data |= {f"t{online.pk}-numerator": "80", f"t{online.pk}-denominator": "180"}  # corrected, no reason
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Số liệu khác số của hệ thống một cửa: ghi lý do sửa." in response.content.decode()
    # the draft keeps the lines that read well; the corrected one without its reason is not written
    assert not TargetResult.objects.filter(
        submission__period=period, submission__agency=stp, target=online
    ).exists()

    data["version"] = re.search(r'name="version" value="(\d+)"', response.content.decode()).group(1)
    data[f"t{online.pk}-correction_reason"] = "10 hồ sơ trước hạn bị trả lại, không tính"
    assert client.post(url, data).status_code == 302
    kept = TargetResult.objects.get(submission__period=period, submission__agency=stp, target=on_time)
    assert (kept.numerator, kept.denominator, kept.source) == (D(175), D(180), "onestop")
    assert kept.source_label == f"Hệ thống một cửa, nhập ngày {day}"
    fixed = TargetResult.objects.get(submission__period=period, submission__agency=stp, target=online)
    assert (fixed.numerator, fixed.source, fixed.correction_reason) == (
        D(80),
        "corrected",
        "10 hồ sơ trước hạn bị trả lại, không tính",
    )
    assert fixed.review_status == "pending"  # the review rules are unchanged
    page = client.get(url).content.decode()
    assert "Cơ quan đã xác nhận số liệu này." in page and "Cơ quan đã sửa số liệu đề xuất." in page


def test_a_766_value_is_proposed_from_the_latest_month_of_the_window(setting):
    from datetime import date

    period, stp, _on_time, _online, batch = setting
    target = Target.objects.filter(statement__plan=period.plan, measure=Target.Measure.PERCENT).first() or (
        Target.objects.filter(statement__plan=period.plan).exclude(measure__in=["rate", "milestone"]).first()
    )
    TargetBinding.objects.create(target=target, source="qd766", index_field="total")
    for month, total in (
        (date(2023, 1, 1), "80.00"),
        (date(2023, 3, 1), "84.00"),
        (date(2023, 4, 1), "99.00"),
    ):
        Index766.objects.create(
            batch=batch,
            agency=stp,
            month=month,
            transparency=0,
            timeliness=0,
            online_services=0,
            online_payment=0,
            satisfaction=0,
            digitisation=D(total),
            total=D(total),
            band="Tốt",
        )
    from onestop.selectors import proposals_for

    proposal = proposals_for(period=period, agency=stp, target_ids=[target.pk])[target.pk]
    assert proposal.value == D("84.00")  # March: the window ends on 14/3; April is outside
    assert "tháng 03/2023" in proposal.source


def test_the_reviewer_sees_where_a_line_came_from(client, setting):
    period, stp, on_time, early, batch = setting
    client.force_login(User.objects.get(username="tp.reporter"))
    url = reverse("reporting:submission_entry", args=[period.pk, stp.pk])
    data = {"version": "0", f"t{on_time.pk}-numerator": "175", f"t{on_time.pk}-denominator": "180"}
    data |= {f"t{early.pk}-numerator": "80", f"t{early.pk}-denominator": "180"}
    data[f"t{early.pk}-correction_reason"] = "LYDO-SUA-MOTCUA"
    assert client.post(url, data).status_code == 302
    submission = Submission.objects.get(period=period, agency=stp)
    Submission.objects.filter(pk=submission.pk).update(status="submitted", submitted_at=timezone.now())
    client.force_login(User.objects.get(username="nv.reviewer"))
    page = client.get(reverse("reporting:submission_review", args=[submission.pk])).content.decode()
    assert "Hệ thống một cửa, cơ quan xác nhận" in page
    assert "Hệ thống một cửa, cơ quan sửa" in page and "LYDO-SUA-MOTCUA" in page
