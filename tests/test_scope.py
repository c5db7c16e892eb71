"""No one reads beyond their scope (SECURITY.md "Access rules"): every named URL, every role,
with objects of the user's own agency, of another agency, of another reform area and of another
province, and no figure, name, file name or history line the role may not see in any answer.

The objects carry markers: distinctive figures, notes, file names and texts, each with the
roles that may read it. Every answer (a page, a JSON status, a download's name, the cells of a
spreadsheet) is searched for the markers its role may not see; and each marker a role may see
must appear in at least one answer to it, so the walk fails if the pages stop showing them
(and with them the chance to catch a leak).

Roles: anonymous; Hưng Yên's reporter and head of Sở Tư pháp, the area coordinator of Văn
phòng UBND tỉnh (leads cải cách TTHC only), its leader, its reviewer (a superuser, as in the
demo) and a reviewer who is not a superuser; Hải Dương's reviewer, a reporter of its Sở Tư pháp
and its leader."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, User
from notifications.models import Notification
from plans.models import Plan, PlanArea, ReportingPeriod, Task
from reporting.models import ReviewStatus, Submission, TargetResult, TaskExtension, TaskUpdate
from reporting.progress import period_progress_compute
from reporting.services import submissions as services
from targets.models import Target, TargetStatement
from tests.evidence_files import PDF, upload
from tests.factories import stored_report
from tests.scoring.world import scoring_world
from tests.test_permissions import named_patterns

pytestmark = pytest.mark.django_db

HY_STP = {"tp.reporter", "tp.head"}  # Sở Tư pháp's own staff
HY_WIDE = {"ubnd.leader", "nv.reviewer", "hy.reviewer"}  # everything of Hưng Yên
COORDINATOR = {"vp.coordinator"}  # Hưng Yên's cải cách TTHC lines only
HD = {"hd.reviewer", "hd.leader", "hd.reporter", "nv.reviewer"}  # Hải Dương (and the superuser)

ROLES = [
    "anonymous",
    "tp.reporter",
    "tp.head",
    "vp.coordinator",
    "ubnd.leader",
    "nv.reviewer",
    "hy.reviewer",
    "hd.reviewer",
    "hd.reporter",
    "hd.leader",
]

#: marker → the roles that may read it. Figures are written as the pages print them.
MARKERS = {
    # Sở Tư pháp (the reporter's own agency), a target of cải cách thể chế (not the
    # coordinator's area): its figure, its note, a figure it had before (history only), the
    # evidence of a task of that area and the document number it had before
    "4.321,7": HY_STP | HY_WIDE,
    "GHICHU-STP-THECHE-BIMAT": HY_STP | HY_WIDE,
    "9.182,3": HY_STP | HY_WIDE,
    "bi-mat-stp-the-che.pdf": HY_STP | HY_WIDE,
    "VB-CU-STP-THECHE-913": HY_STP | HY_WIDE,
    # the reviewer's general reason when it returned the report (it may speak of any line)
    "TRALAI-STP-BIMAT": HY_STP | HY_WIDE,
    # Sở Tư pháp, a plan-wide goal (no area: no coordinator's)
    "3.219,8": HY_STP | HY_WIDE,
    # Sở Tư pháp, cải cách TTHC: the coordinator reads these too
    "6.543,2": HY_STP | HY_WIDE | COORDINATOR,
    "1.357,9": HY_STP | HY_WIDE | COORDINATOR,
    "GHICHU-STP-TTHC-XEMDUOC": HY_STP | HY_WIDE | COORDINATOR,
    "xem-duoc-stp-tthc.pdf": HY_STP | HY_WIDE | COORDINATOR,
    # Sở Nội vụ (another agency of the province): thể chế, and TTHC (the coordinator's)
    "8.765,4": HY_WIDE,
    "GHICHU-SNV-THECHE-BIMAT": HY_WIDE,
    "bi-mat-snv-bo-may.pdf": HY_WIDE,
    "2.468,1": HY_WIDE | COORDINATOR,
    # extension requests: Sở Tư pháp's on a thể chế task (refused, with the reviewer's note),
    # Văn phòng UBND tỉnh's on a TTHC task
    "LYDO-GIAHAN-STP-THECHE": HY_STP | HY_WIDE,
    "YKIEN-SNV-GIAHAN-STP": HY_STP | HY_WIDE,
    "LYDO-GIAHAN-VP-TTHC": HY_WIDE | COORDINATOR,
    "NGUOIHOI-VP-TTHC": HY_WIDE | COORDINATOR,  # who asked
    # a user's own notification
    "THONGBAO-RIENG-TP-REPORTER": {"tp.reporter"},
    # Hải Dương: its plan's title, a target, a task, an agency's name, its people's committee,
    # Sở Tư pháp's note, an extension request, its reporter's notification
    "KH-HAIDUONG-BIMAT": HD,
    "CHITIEU-HAIDUONG-BIMAT": HD,
    "NHIEMVU-HAIDUONG-BIMAT": HD,
    "COQUAN-HAIDUONG-BIMAT": HD,
    "UBND-HAIDUONG-BIMAT": HD,
    "GHICHU-HDSTP-BIMAT": HD,
    "LYDO-GIAHAN-HDSTP": HD,
    "THONGBAO-RIENG-HD-REPORTER": {"hd.reporter"},
    # PAR-index scoring (issue 23), before publication: a unit's scores are its own staff's, the
    # Sở Nội vụ's and the leadership's (and its council member's, not a role walked here)
    "TUCHAM-STP-BIMAT": HY_STP | HY_WIDE,  # Sở Tư pháp's note on a leaf
    "THAMDINH-STP-BIMAT": HY_STP | HY_WIDE,  # the appraisal's comment on it
    "GIAITRINH-STP-BIMAT": HY_STP | HY_WIDE,  # its explanation
    "tu-cham-stp-bimat.pdf": HY_STP | HY_WIDE,  # its evidence file
    "TUCHAM-SNV-BIMAT": HY_WIDE,  # Sở Nội vụ's note
    "tu-cham-snv-bimat.pdf": HY_WIDE,
    "TUCHAM-HDSTP-BIMAT": HD,  # Hải Dương's Sở Tư pháp, its round of 2024
}

#: at least this many (role, URL, objects) combinations are tried per run
FLOOR = 900


def _quantity_target(plan, area, code: str, text: str, agencies) -> Target:
    """A target measured as a quantity with a unit (its figure printed to one decimal: a
    distinctive value stays distinctive), reported by ``agencies``."""
    position = (
        TargetStatement.objects.filter(plan=plan)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
        or 0
    ) + 1
    statement = TargetStatement.objects.create(
        plan=plan, plan_area=area, code=code, position=position, text=text
    )
    target = Target.objects.create(
        statement=statement,
        code=code,
        position=1,
        text=text,
        measure=Target.Measure.QUANTITY,
        comparator=Target.Comparator.LTE,
        direction=Target.Direction.LOWER,
        value=Decimal(30),
        unit="ngày",
        reporting_scope=Target.ReportingScope.NAMED,
    )
    target.reporting_agencies.set(agencies)
    return target


def _approved(period, agency, returned_for: str = "") -> Submission:
    """The agency's approved report of the period; first returned ``returned_for`` (its
    history keeps the reason)."""
    sent = timezone.now() - timedelta(days=1)
    steps = [(Submission.Status.APPROVED, "")]
    if returned_for:
        steps.insert(0, (Submission.Status.RETURNED, returned_for))
    for status, reason in steps:
        submission, _new = Submission.objects.update_or_create(
            period=period,
            agency=agency,
            defaults={"status": status, "return_reason": reason, "submitted_at": sent, "reviewed_at": sent},
        )
    return submission


def _result(submission, target, *values, comment="") -> TargetResult:
    """An approved line whose value was ``values[0]``, then each of the others in turn (each
    change a history record)."""
    result = TargetResult.objects.filter(submission=submission, target=target).first() or TargetResult(
        submission=submission, target=target
    )
    for value in values:
        result.value, result.numerator, result.denominator = Decimal(value), None, None
        result.comment, result.review_status = comment, ReviewStatus.APPROVED
        result.save()
    return result


def _update(submission, task, *, evidence=None, numbers=("",)) -> TaskUpdate:
    update = TaskUpdate.objects.filter(submission=submission, task=task).first() or TaskUpdate(
        submission=submission, task=task
    )
    for number in numbers:
        update.progress, update.percent = TaskUpdate.Progress.IN_PROGRESS, 50
        update.completed_on = None
        update.evidence_number, update.evidence_file = number, evidence
        update.review_status = ReviewStatus.APPROVED
        update.save()
    return update


def _extension(task, agency, reason, **decision) -> TaskExtension:
    TaskExtension.objects.filter(task=task).delete()
    original = task.due_date or date(task.plan.year, 6, 30)
    return TaskExtension.objects.create(
        task=task,
        agency=agency,
        original_due_date=original,
        requested_due_date=original + timedelta(days=90),
        reason=reason,
        **decision,
    )


@pytest.fixture
def world():
    """The marked objects, and the ids the walk puts in URLs."""
    agency = {
        code: Agency.objects.select_related("parent").get(code=code)
        for code in ("hy-stp", "hy-snv", "hy-vp", "hy-ubnd", "hd-stp", "hd-snv", "hd-ubnd", "hd-skhdt")
    }
    stp, snv, vp = agency["hy-stp"], agency["hy-snv"], agency["hy-vp"]
    hd_stp = agency["hd-stp"]
    for username, role, code, superuser in (
        ("hy.reviewer", User.Role.REVIEWER, "hy-snv", False),
        ("hd.reviewer", User.Role.REVIEWER, "hd-snv", False),
        ("hd.reporter", User.Role.REPORTER, "hd-stp", False),
        ("hd.leader", User.Role.LEADERSHIP, "hd-ubnd", False),
    ):
        User.objects.create_user(
            username, password="x" * 12, role=role, agency=agency[code], is_superuser=superuser
        )
    reviewer = User.objects.get(username="nv.reviewer")

    plan = Plan.objects.get(code="hung-yen-2023")
    hd_plan = Plan.objects.get(code="hai-duong-2024")
    q1 = ReportingPeriod.objects.get(plan=plan, kind="q1")
    hd_q1 = ReportingPeriod.objects.get(plan=hd_plan, kind="q1")
    theche = PlanArea.objects.get(plan=plan, lead_agency=stp)  # cải cách thể chế
    tthc = PlanArea.objects.get(plan=plan, lead_agency=vp)  # cải cách TTHC
    bo_may = PlanArea.objects.filter(plan=plan, lead_agency=snv).order_by("position").first()
    assert theche.pk != tthc.pk and bo_may is not None

    # --- Hưng Yên: three targets that Sở Tư pháp and Sở Nội vụ report -----------------------
    t_theche = _quantity_target(plan, theche, "PV.1", "Thời gian thẩm định văn bản", [stp, snv])
    t_tthc = _quantity_target(plan, tthc, "PV.2", "Thời gian giải quyết hồ sơ", [stp, snv])
    t_general = _quantity_target(plan, None, "PV.3", "Thời gian tổng hợp báo cáo", [stp, snv])
    sub_stp, sub_snv = _approved(q1, stp, "TRALAI-STP-BIMAT"), _approved(q1, snv)
    _result(sub_stp, t_theche, "9182.3", "4321.7", comment="GHICHU-STP-THECHE-BIMAT")
    _result(sub_stp, t_tthc, "1357.9", "6543.2", comment="GHICHU-STP-TTHC-XEMDUOC")
    _result(sub_stp, t_general, "3219.8")
    _result(sub_snv, t_theche, "8765.4", comment="GHICHU-SNV-THECHE-BIMAT")
    _result(sub_snv, t_tthc, "2468.1")

    def evidence(name, owner):
        return services.evidence_store(upload=upload(name, PDF), kind="pdf", agency=owner, user=reviewer)

    task_theche = (
        Task.objects.filter(plan=plan, plan_area=theche, lead_agencies=stp).order_by("position").first()
    )
    task_tthc = Task.objects.filter(plan=plan, plan_area=tthc, lead_agencies=vp).order_by("position").first()
    task_tthc.lead_agencies.add(stp)  # Sở Tư pháp reports a TTHC task too
    task_bo_may = (
        Task.objects.filter(plan=plan, plan_area=bo_may, lead_agencies=snv).order_by("position").first()
    )
    files = {
        "file_stp_theche": evidence("bi-mat-stp-the-che.pdf", stp),
        "file_stp_tthc": evidence("xem-duoc-stp-tthc.pdf", stp),
        "file_snv": evidence("bi-mat-snv-bo-may.pdf", snv),
        "file_hd": evidence("bi-mat-hd-stp.pdf", hd_stp),
    }
    _update(
        sub_stp, task_theche, evidence=files["file_stp_theche"], numbers=("VB-CU-STP-THECHE-913", "12/QĐ-STP")
    )
    _update(sub_stp, task_tthc, evidence=files["file_stp_tthc"], numbers=("15/QĐ-STP",))
    _update(sub_snv, task_bo_may, evidence=files["file_snv"], numbers=("20/QĐ-SNV",))
    ext_stp = _extension(
        task_theche,
        stp,
        "LYDO-GIAHAN-STP-THECHE",
        status=TaskExtension.Status.REFUSED,
        decided_at=timezone.now(),
        decided_by=reviewer,
        decision_note="YKIEN-SNV-GIAHAN-STP",
    )
    asker = User.objects.create_user(
        "vp.asker", password="x" * 12, role=User.Role.REPORTER, agency=vp, first_name="NGUOIHOI-VP-TTHC"
    )
    ext_vp = _extension(task_tthc, vp, "LYDO-GIAHAN-VP-TTHC", requested_by=asker)
    Notification.objects.create(
        user=User.objects.get(username="tp.reporter"), kind="period_due", title="THONGBAO-RIENG-TP-REPORTER"
    )

    # --- Hải Dương ------------------------------------------------------------------------
    hd_plan.title = f"{hd_plan.title} KH-HAIDUONG-BIMAT"
    hd_plan.save()
    for code, mark in (("hd-skhdt", "COQUAN-HAIDUONG-BIMAT"), ("hd-ubnd", "UBND-HAIDUONG-BIMAT")):
        Agency.objects.filter(pk=agency[code].pk).update(
            name=f"{agency[code].name} {mark}",
            short_name=f"{agency[code].short_name or agency[code].name} {mark}",
        )
    hd_area = PlanArea.objects.get(plan=hd_plan, lead_agency=hd_stp)
    hd_target = (
        Target.objects.filter(
            statement__plan=hd_plan, statement__plan_area=hd_area, measure=Target.Measure.RATE
        )
        .order_by("pk")
        .first()
    )
    hd_target.text = f"{hd_target.text} CHITIEU-HAIDUONG-BIMAT"
    hd_target.save()
    hd_task = Task.objects.filter(plan=hd_plan, lead_agencies=hd_stp).order_by("position").first()
    hd_task.text = f"{hd_task.text} NHIEMVU-HAIDUONG-BIMAT"
    hd_task.save()
    sub_hd = _approved(hd_q1, hd_stp)
    result = TargetResult.objects.filter(submission=sub_hd, target=hd_target).first() or TargetResult(
        submission=sub_hd, target=hd_target, numerator=90, denominator=100
    )
    result.comment, result.review_status = "GHICHU-HDSTP-BIMAT", ReviewStatus.APPROVED
    result.save()
    _update(sub_hd, hd_task, evidence=files["file_hd"], numbers=("5/QĐ-STP",))
    ext_hd = _extension(hd_task, hd_stp, "LYDO-GIAHAN-HDSTP")
    hd_reporter = User.objects.get(username="hd.reporter")
    notifications = {
        "own_notification": Notification.objects.create(
            user=hd_reporter, kind="period_due", title="THONGBAO-RIENG-HD-REPORTER"
        ).pk,
        "tp_notification": Notification.objects.filter(user__username="tp.reporter")
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first(),
    }

    for period in (q1, hd_q1):
        period_progress_compute(period_id=period.pk)
    reports = {
        "province_report": stored_report(q1, None, issued=True, number="7", name="scope.pdf").pk,
        "own_report": stored_report(q1, stp, number="7", name="scope.pdf").pk,
        "other_report": stored_report(q1, snv, number="7", name="scope.pdf").pk,
        "foreign_report": stored_report(hd_q1, None, number="7", name="scope.pdf").pk,
        "foreign_agency_report": stored_report(hd_q1, hd_stp, number="7", name="scope.pdf").pk,
    }
    scoring = scoring_world(
        {
            "stp_note": "TUCHAM-STP-BIMAT",
            "stp_comment": "THAMDINH-STP-BIMAT",
            "stp_answer": "GIAITRINH-STP-BIMAT",
            "stp_file": "tu-cham-stp-bimat.pdf",
            "snv_note": "TUCHAM-SNV-BIMAT",
            "snv_file": "tu-cham-snv-bimat.pdf",
            "hd_note": "TUCHAM-HDSTP-BIMAT",
        }
    )
    return {
        **scoring,
        "plan": plan.pk,
        "hd_plan": hd_plan.pk,
        "q1": q1.pk,
        "hd_q1": hd_q1.pk,
        "stp": stp.pk,
        "snv": snv.pk,
        "vp": vp.pk,
        "hd_stp": hd_stp.pk,
        "theche": theche.pk,
        "tthc": tthc.pk,
        "hd_area": hd_area.pk,
        "t_theche": t_theche.pk,
        "t_tthc": t_tthc.pk,
        "t_general": t_general.pk,
        "hd_target": hd_target.pk,
        "task_theche": task_theche.pk,
        "task_tthc": task_tthc.pk,
        "hd_task": hd_task.pk,
        "ext_stp": ext_stp.pk,
        "ext_vp": ext_vp.pk,
        "ext_hd": ext_hd.pk,
        "sub_stp": sub_stp.pk,
        "sub_snv": sub_snv.pk,
        "sub_hd": sub_hd.pk,
        **{key: f.pk for key, f in files.items()},
        **notifications,
        **reports,
    }


@dataclass
class Case:
    """One request: the URL's arguments from the world's ids, the method, a query string, the
    data posted (a POST is one the app refuses or that writes nothing of the markers)."""

    args: dict
    method: str = "get"
    query: str = ""
    data: dict = field(default_factory=dict)


def cases(*variants, method="get", data=None):
    """``variants``: the URL arguments, each name → a key of the world."""
    return [
        Case(v, method, data=data or {})
        if isinstance(v, dict)
        else Case(v[0], method, query=v[1], data=data or {})
        for v in variants
    ]


def in_period(variants):
    """The dashboard ``variants`` in Quý I of their plan (``?ky=``), where the marks are."""
    return [(v, "ky={hd_q1}" if v.get("plan_id") == "hd_plan" else "ky={q1}") for v in variants]


PLANS = ({"pk": "plan"}, {"pk": "hd_plan"})
PLAN_IDS = ({"plan_id": "plan"}, {"plan_id": "hd_plan"})
ENTRY = (
    {"period_id": "q1", "agency_id": "stp"},
    {"period_id": "q1", "agency_id": "snv"},
    {"period_id": "q1", "agency_id": "vp"},
    {"period_id": "hd_q1", "agency_id": "hd_stp"},
    {"period_id": "hd_q1", "agency_id": "stp"},
    {"period_id": "q1", "agency_id": "hd_stp"},
)
REPORTS = [
    {"report_id": key}
    for key in ("province_report", "own_report", "other_report", "foreign_report", "foreign_agency_report")
]
EXPLAIN = [
    ({"period_id": period, "target_id": target}, f"pham-vi={scope}")
    for period, target, scope in (
        ("q1", "t_theche", "province"),
        ("q1", "t_theche", "agency:{stp}"),
        ("q1", "t_theche", "agency:{snv}"),
        ("q1", "t_theche", "agency:{hd_stp}"),
        ("q1", "t_tthc", "province"),
        ("q1", "t_tthc", "agency:{stp}"),
        ("q1", "t_tthc", "agency:{snv}"),
        ("q1", "t_general", "province"),
        ("q1", "t_general", "agency:{stp}"),
        ("hd_q1", "hd_target", "province"),
        ("hd_q1", "hd_target", "agency:{hd_stp}"),
        ("hd_q1", "hd_target", "agency:{stp}"),
    )
]

#: url name → the requests made to it. A new URL fails ``test_every_url_is_walked``.
CASES = {
    "login": cases({}),
    "health": cases({}),
    "home": cases({}),
    "targets:plan_list": cases({}, ({}, "year=2024"), ({}, "issuer={hd_ubnd}")),
    "targets:plan_detail": cases(*PLANS),
    "targets:plan_from_text": cases({}),
    "targets:plan_from_text_review": cases({}),
    "reporting:submission_entry": [
        *cases(*ENTRY),
        # a save from an outdated page (version -1) writes nothing, whoever may write
        *cases(*ENTRY[:1], ENTRY[3], ENTRY[4], method="post", data={"version": "-1"}),
    ],
    # the report's history, as a page and as the list the entry page puts in place
    "reporting:submission_entry_history": cases(*ENTRY, *((e, "phan=1") for e in ENTRY)),
    # rút lại: refused to all but the agency's reporter, and it writes none of the markers
    "reporting:submission_withdraw": cases(*ENTRY, method="post"),
    # the head's approval: refused to all but the agency's head, and it writes none of the markers
    "reporting:submission_head_decide": cases(*ENTRY, method="post"),
    "plans:plan_periods": cases(*PLANS),
    "reporting:period_reopen": [
        *cases(
            {"period_id": "q1", "agency_id": "stp"},
            {"period_id": "q1", "agency_id": "hd_stp"},
            {"period_id": "hd_q1", "agency_id": "hd_stp"},
        ),
        *cases({"period_id": "q1", "agency_id": "stp"}, method="post"),  # no date: refused
    ],
    "reporting:target_detail": [
        *cases(*({"pk": t} for t in ("t_theche", "t_tthc", "t_general", "hd_target"))),
        *cases({"pk": "t_theche"}, {"pk": "hd_target"}, method="post"),  # empty form: refused
    ],
    "reporting:task_detail": cases(*({"pk": t} for t in ("task_theche", "task_tthc", "hd_task"))),
    # an empty request or decision: refused with the task's page again
    "reporting:extension_request": cases(
        *({"pk": t} for t in ("task_theche", "task_tthc", "hd_task")), method="post"
    ),
    "reporting:extension_decide": cases(*({"pk": x} for x in ("ext_stp", "ext_vp", "ext_hd")), method="post"),
    "reporting:plan_extensions": cases(*PLANS),
    "reporting:evidence_download": cases(
        *({"pk": f} for f in ("file_stp_theche", "file_stp_tthc", "file_snv", "file_hd"))
    ),
    "reporting:review_queue": cases({"period_id": "q1"}, {"period_id": "hd_q1"}),
    "reporting:submission_review": [
        *cases(*({"submission_id": s} for s in ("sub_stp", "sub_snv", "sub_hd"))),
        *cases({"submission_id": "sub_stp"}, method="post", data={"return": "1"}),
    ],
    "plans:appendix_download": cases(*PLANS),
    "plans:appendix_upload": cases(*PLANS),
    "plans:appendix_preview": cases(*PLANS),
    "reporting:target_extraction": cases(*PLANS),
    "reporting:target_extraction_review": cases(*PLANS),
    "reporting:plan_rollover": [*cases(*PLANS), *cases({"pk": "hd_plan"}, method="post")],
    "reporting:restructuring": cases({}),
    # the year's verdicts (none frozen: nothing to leak but the plan's own page); closing and
    # reopening without a reason are refused; the levels that do not apply
    "reporting:plan_year_results": cases(*PLANS),
    "reporting:plan_year_close": cases(*PLANS, method="post"),
    "reporting:plan_year_reopen": cases(*PLANS, method="post"),
    "reporting:plan_levels": cases(*PLANS),
    "reports:target_explain": cases(*EXPLAIN),
    # the dashboards in the period of the marked figures (?ky=), and in their default one
    "reports:overview": cases(*PLAN_IDS, *in_period(PLAN_IDS)),
    "reports:leadership": cases(*PLAN_IDS, *in_period(PLAN_IDS)),
    "reports:task_results_xlsx": cases(*PLAN_IDS),
    "reports:target_drill": cases(
        *in_period(
            {"plan_id": p, "target_id": t}
            for p, t in (
                ("plan", "t_theche"),
                ("plan", "t_tthc"),
                ("plan", "t_general"),
                ("hd_plan", "hd_target"),
                ("hd_plan", "t_theche"),
            )
        ),
        {"plan_id": "plan", "target_id": "t_tthc"},
    ),
    "reports:agency_drill": cases(
        *in_period(
            {"plan_id": p, "agency_id": a}
            for p, a in (
                ("plan", "stp"),
                ("plan", "snv"),
                ("plan", "vp"),
                ("hd_plan", "hd_stp"),
                ("hd_plan", "stp"),
                ("plan", "hd_stp"),
            )
        ),
        {"plan_id": "plan", "agency_id": "stp"},
    ),
    "reports:area_drill": cases(
        *in_period(
            {"plan_id": p, "area_id": a}
            for p, a in (("plan", "theche"), ("plan", "tthc"), ("hd_plan", "hd_area"), ("hd_plan", "tthc"))
        ),
        {"plan_id": "plan", "area_id": "tthc"},
    ),
    "reports:report_list": cases(*PLAN_IDS),
    "reports:report_create": [
        *cases({"period_id": "q1"}, {"period_id": "hd_q1"}, method="post"),
        *cases({"period_id": "q1"}, method="post", data={"co_quan": "{hd_stp}"}),
    ],
    "reports:report_detail": cases(*REPORTS),
    "reports:report_render": cases(*REPORTS, method="post"),
    "reports:report_issue": [  # no number: refused; GET is the confirmation page
        *cases(*REPORTS, method="post"),
        *cases(*REPORTS),
    ],
    "reports:report_new_version": cases(*REPORTS, method="post"),
    "reports:report_status": cases(*REPORTS),
    "reports:report_pdf": cases(*REPORTS),
    "reports:report_xlsx": cases(*REPORTS),
    "notifications:list": cases({}),
    "notifications:read": cases({"pk": "own_notification"}, {"pk": "tp_notification"}, method="post"),
    "notifications:read_all": cases({}, method="post", data={"next": "/thong-bao/"}),
    "notifications:preferences": cases({}),
    # PAR-index scoring: every page with Hưng Yên's and Hải Dương's objects; POSTs the app
    # refuses or that write none of the markers
    "scoring:index": cases({}),
    "scoring:set_detail": cases({"pk": "sc_set"}, {"pk": "sc_hd_set"}),
    "scoring:set_xlsx": cases({"pk": "sc_set"}, {"pk": "sc_hd_set"}),
    "scoring:set_copy": cases({"pk": "sc_set"}, method="post"),
    "scoring:set_publish": cases({"pk": "sc_set"}, method="post"),
    "scoring:set_import": [*cases({"pk": "sc_draft_set"}), *cases({"pk": "sc_draft_set"}, method="post")],
    "scoring:round_detail": cases({"pk": "sc_round"}, {"pk": "sc_hd_round"}),
    "scoring:round_windows": cases({"pk": "sc_hd_round"}, method="post"),
    "scoring:round_recompute": cases({"pk": "sc_round"}, method="post"),
    "scoring:survey": cases({"pk": "sc_round"}, {"pk": "sc_hd_round"}),
    "scoring:survey_template": cases({"pk": "sc_round"}, {"pk": "sc_hd_round"}),
    "scoring:survey_import": cases({"pk": "sc_round"}, method="post"),
    "scoring:round_finalize": cases({"pk": "sc_round"}, method="post"),
    "scoring:ranking": cases({"pk": "sc_round"}, {"pk": "sc_hd_round"}),
    "scoring:dashboard": cases({"pk": "sc_round"}, {"pk": "sc_hd_round"}),
    "scoring:projection": cases(
        {"pk": "sc_round"},
        ({"pk": "sc_round"}, "don-vi={stp}"),
        ({"pk": "sc_round"}, "don-vi={snv}"),
        {"pk": "sc_hd_round"},
    ),
    "scoring:publication_page": [
        *cases({"pk": "sc_round"}, {"pk": "sc_hd_round"}),
        *cases({"pk": "sc_round"}, method="post"),
    ],
    "scoring:publication_issue": cases({"pk": "sc_draft"}, method="post"),
    "scoring:publication_status": cases({"pk": "sc_draft"}),
    "scoring:publication_pdf": cases({"pk": "sc_draft"}),
    "scoring:publication_xlsx": cases({"pk": "sc_draft"}),
    "scoring:assessment": cases({"pk": "sc_own"}, {"pk": "sc_other"}, {"pk": "sc_foreign"}),
    "scoring:self_save": cases({"pk": "sc_own"}, {"pk": "sc_other"}, method="post"),
    "scoring:assessment_submit": cases({"pk": "sc_own"}, method="post"),
    "scoring:assessment_approve": cases({"pk": "sc_own"}, method="post"),
    "scoring:appraise": cases({"pk": "sc_own"}, {"pk": "sc_foreign"}, method="post"),
    "scoring:explanations_ask": cases({"pk": "sc_own"}, method="post"),
    "scoring:council_decide": cases({"pk": "sc_other"}, method="post"),
    "scoring:explanation_answer": cases({"pk": "sc_explanation"}, method="post"),
    "scoring:file_download": cases({"pk": "sc_own_file"}, {"pk": "sc_other_file"}),
    # issue 24: the one-stop figures (an empty upload: refused), the JSON twins of the XLSX
    # downloads, the public page (no plan of the world is opened: a plan and its reports are
    # not there), the read API (a session is no token: 401; its schema and documentation)
    "onestop:import_upload": [*cases(*PLANS), *cases({"pk": "plan"}, method="post")],
    "onestop:import_preview": cases(*PLANS),
    "onestop:bindings": [*cases(*PLANS), *cases({"pk": "hd_plan"}, method="post")],
    "onestop:index766": cases(*PLANS),
    "plans:appendix_json": cases(*PLANS),
    "reports:report_json": cases(*REPORTS),
    "public:index": cases({}),
    "public:plan": cases(*PLANS),
    "public:report_pdf": cases(*REPORTS),
    "public:plan_visibility": cases({"pk": "hd_plan"}, method="post", data={"public": "0"}),
    "api-v1:api-root": cases({}),
    "api-v1:openapi-json": cases({}),
    "api-v1:openapi-view": cases({}),
    "api-v1:plan_list": cases({}),
    "api-v1:plan_detail": cases({"plan_id": "plan"}, {"plan_id": "hd_plan"}),
    "api-v1:plan_periods": cases({"plan_id": "plan"}, {"plan_id": "hd_plan"}),
    "api-v1:period_figures": cases(
        {"period_id": "q1"}, ({"period_id": "q1"}, "scope=agency"), {"period_id": "hd_q1"}
    ),
    "api-v1:period_tasks": cases({"period_id": "q1"}, {"period_id": "hd_q1"}),
    "api-v1:period_compliance": cases({"period_id": "q1"}, {"period_id": "hd_q1"}),
    "api-v1:report_list": cases({}),
    "api-v1:report_pdf": cases(*REPORTS),
    "api-v1:report_xlsx": cases(*REPORTS),
    "api-v1:report_json": cases(*REPORTS),
    "api-v1:par_index": cases({}),
    # last: Vietnamese again (the figures' separators follow the language), then the end of
    # the session the walk runs in
    "set_language": cases({}, method="post", data={"language": "vi", "next": "/"}),
    "logout": cases({}, method="post"),
}


def test_every_url_is_walked():
    assert set(named_patterns()) - set(CASES) == set(), "walk the new URL here"


def _fill(template: str, ids: dict) -> str:
    return template.format(**ids) if "{" in template else template


def _answer_text(response) -> str:
    """What the user receives: the body (each part of a spreadsheet unpacked), the name of a
    download, where a redirect goes."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    parts = [response.get("Content-Disposition", ""), response.get("Location", "")]
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            parts += [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    else:
        parts.append(body.decode("utf-8", "replace"))
    return "\n".join(parts)


#: The GETs that write: the API logs each call (api.models.ApiCall), a reviewer opening a sent
#: report marks it opened. Any other GET that writes fails the walk (``_writes_of``).
WRITING_GETS = ("api-v1:", "reporting:submission_review")


def _requests(ids, *, writes_only=False):
    """Each case of every URL, in the walk's order: (method, URL name, URL, data); with
    ``writes_only``, the POSTs and the GETs that write."""
    for name, requests in CASES.items():
        for case in requests:
            if writes_only and case.method != "post" and not name.startswith(WRITING_GETS):
                continue
            url = reverse(name, kwargs={k: ids[v] for k, v in case.args.items()})
            if case.query:
                url += "?" + _fill(case.query, ids)
            yield case.method, name, url, {k: _fill(v, ids) for k, v in case.data.items()}


def _writes_of(written: list):
    """Notes each statement that writes (to a table other than the sessions') in ``written``."""

    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) and "django_session" not in sql:
            written.append(sql[:120])
        return execute(sql, params, many, context)

    return wrapper


def _log_in(client, role):
    client.logout()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))


#: Django's empty choice, which says nothing: a select's empty option names what it means
#: ("Mọi trạng thái", "— Chọn kỳ báo cáo —")
BLANK_DASHES = ">---------<"


def _walk(client, ids, role) -> tuple[int, list, set[str], list, list]:
    """Every case of every URL as ``role``: how many requests, the leaks found (the markers
    the role may not read, with where), the markers it may read that it was shown, the
    GETs outside ``WRITING_GETS`` that wrote, and the pages with Django's blank "---------"."""
    _log_in(client, role)
    forbidden = [m for m, readers in MARKERS.items() if role not in readers]
    allowed = {m for m, readers in MARKERS.items() if role in readers}
    seen: set[str] = set()
    leaks, combinations, get_writes, dashes = [], 0, [], []
    for method, name, url, data in _requests(ids):
        written: list[str] = []
        with connection.execute_wrapper(_writes_of(written)):
            response = client.post(url, data) if method == "post" else client.get(url)
        if method == "get" and written and not name.startswith(WRITING_GETS):
            get_writes.append((role, url, written))
        combinations += 1
        assert response.status_code < 500, (role, method, url)
        text = _answer_text(response)
        leaks += [(role, method.upper(), url, response.status_code, m) for m in forbidden if m in text]
        seen |= {m for m in allowed if m in text}
        if BLANK_DASHES in text:
            dashes.append((role, method.upper(), url))
    return combinations, leaks, seen, get_writes, dashes


def _writes_replay(client, ids, roles) -> None:
    """The requests of ``roles``' walks that write (``_requests(writes_only=True)``), in the
    same order, their answers not searched: the world as those roles' walks leave it."""
    for role in roles:
        _log_in(client, role)
        for method, _name, url, data in _requests(ids, writes_only=True):
            response = client.post(url, data) if method == "post" else client.get(url)
            assert response.status_code < 500, (role, method, url)


#: The roles walk in two parts, one test each, so that pytest-xdist runs them side by side
#: (issue 26: the whole walk was one test of 140 s). The second part starts from the world the
#: first part's writes leave (those requests replayed), as when one test walked every role in
#: turn.
PARTS = {"first": ROLES[:5], "second": ROLES[5:]}


@pytest.mark.parametrize("part", PARTS)
def test_no_role_reads_beyond_its_scope(client, world, part):
    """Each role of the part in turn walks every case; the writes a case may make (a reviewer's
    new draft, next year's plan, a notification read) stay in the world for the roles after
    it, so their pages are searched too."""
    ids = {**world, "hd_ubnd": Agency.objects.get(code="hd-ubnd").pk}
    roles = PARTS[part]
    _writes_replay(client, ids, ROLES[: ROLES.index(roles[0])])
    n, leaks, unseen, get_writes, dashes = 0, [], {}, [], []
    for role in roles:
        combinations, found, seen, wrote, blank = _walk(client, ids, role)
        n += combinations
        leaks += found
        get_writes += wrote
        dashes += blank
        missing = {m for m, readers in MARKERS.items() if role in readers} - seen
        if missing:
            unseen[role] = sorted(missing)
    print(f"scope: {n} combinations for {len(roles)} roles")
    assert leaks == [], "read beyond scope:\n" + "\n".join(map(str, leaks))
    assert unseen == {}, f"never shown what the role may read (markers not rendered?): {unseen}"
    assert n // len(roles) * len(ROLES) >= FLOOR  # every role walks every case
    assert get_writes == [], f"GETs that write, not replayed for the roles after (WRITING_GETS): {get_writes}"
    assert dashes == [], "a select's empty option left as Django's '---------':\n" + "\n".join(
        map(str, dashes)
    )


def test_parts_walk_every_role_once():
    assert [role for roles in PARTS.values() for role in roles] == ROLES
