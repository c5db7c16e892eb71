"""Every URL pattern, every role: another agency's data is never shown or changed, whatever id
is put in the URL. A new URL fails this test until its rules are written here."""

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from agencies.models import Agency, User
from notifications.models import Notification
from plans.models import Plan, PlanArea, ReportingPeriod, Task
from reporting.models import Submission, TaskExtension
from reporting.progress import period_progress_compute
from reporting.services import submissions as services
from targets.models import Target
from tests.conftest import module_rows
from tests.evidence_files import PDF, upload
from tests.factories import stored_report
from tests.scoring.world import scoring_world

pytestmark = pytest.mark.django_db

# hd.reviewer: the Sở Nội vụ of another province (Hải Dương), not a superuser; nv.reviewer is
# Hưng Yên's and a superuser. A rule that does not name hd.reviewer expects 403 for it.
ROLES = ["anonymous", "tp.reporter", "tp.head", "vp.coordinator", "ubnd.leader", "nv.reviewer", "hd.reviewer"]
#: everyone logged in who may not write another agency's figures or use the admin
NOT_THEIRS = [r for r in ROLES if r not in ("anonymous", "nv.reviewer")]


def named_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            if entry.namespace == "admin":
                continue  # Django's admin: covered by test_admin_needs_staff below
            yield from named_patterns(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name


@pytest.fixture(scope="module")
def ids(django_db_setup, django_db_blocker):
    """The objects the URLs name, written once for the module (tests/conftest.py
    ``module_rows``: each test's writes are still rolled back after it)."""
    with module_rows(django_db_blocker, _ids) as objects:
        yield objects


def _ids():
    hy_q1 = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    own = Agency.objects.get(code="hy-stp")
    other = Agency.objects.get(code="hy-snv")
    foreign = Agency.objects.get(code="hd-stp")
    hd_q1 = ReportingPeriod.objects.get(plan__code="hai-duong-2024", kind="q1")
    # The other agency has not started its page; reviews are checked on a third agency's report.
    Submission.objects.filter(period=hy_q1, agency=other).delete()
    other_sub = Submission.objects.filter(period=hy_q1).exclude(agency__in=[own, other]).first()
    reviewer = User.objects.get(username="nv.reviewer")
    User.objects.create_user(
        "hd.reviewer", password="x" * 12, role=User.Role.REVIEWER, agency=Agency.objects.get(code="hd-snv")
    )
    period_progress_compute(period_id=hy_q1.pk)
    files = {
        key: services.evidence_store(
            upload=upload("kiem-chung.pdf", PDF), kind="pdf", agency=agency, user=reviewer
        ).pk
        for key, agency in (("own_file", own), ("other_file", other), ("foreign_file", foreign))
    }
    plan = Plan.objects.get(code="hung-yen-2023")
    tthc = PlanArea.objects.get(plan=plan, lead_agency__code="hy-vp")
    reports = {
        "province_report": stored_report(hy_q1, None, issued=True).pk,
        "own_report": stored_report(hy_q1, own).pk,
        "other_report": stored_report(hy_q1, other).pk,
        "foreign_report": stored_report(hd_q1, None).pk,
    }
    first_task = Task.objects.filter(plan=plan).order_by("position").first()  # Sở Tư pháp leads
    extension = TaskExtension.objects.create(
        task=first_task,
        agency=own,
        original_due_date=date(2023, 6, 30),
        requested_due_date=date(2023, 9, 30),
        reason="Chờ ý kiến thẩm định.",
    )
    notification = Notification.objects.create(
        user=User.objects.get(username="tp.reporter"), kind="period_due", title="Nhắc việc"
    )
    # a plan opened to the public (Hải Dương's), with an issued province report
    Plan.objects.filter(pk=hd_q1.plan_id).update(is_public=True)
    hd_h1 = ReportingPeriod.objects.get(plan=hd_q1.plan, kind="h1")
    public_report = stored_report(hd_h1, None, issued=True, number="77")
    return {
        **reports,
        **scoring_world(),
        "public_plan": hd_q1.plan_id,
        "public_report": public_report.pk,
        "plan": plan.pk,
        "period": hy_q1.pk,
        "hd_plan": hd_q1.plan_id,
        "notification": notification.pk,
        "extension": extension.pk,
        "led_task": first_task.pk,
        "tthc_area": tthc.pk,
        "other_area": PlanArea.objects.filter(plan=plan).exclude(pk=tthc.pk).first().pk,
        "own": own.pk,
        "other": other.pk,
        "foreign": foreign.pk,
        "hd_period": hd_q1.pk,
        "other_submission": other_sub.pk,
        **files,
        "target": Target.objects.filter(statement__plan__code="hung-yen-2023").first().pk,
        "task": Task.objects.filter(plan__code="hung-yen-2023").first().pk,
    }


# url name → list of (kwargs builder, method, {role: expected status})
OK, REDIRECT, FORBIDDEN = 200, 302, 403
LOGIN = "login-redirect"
READ_ALL = {
    "tp.reporter": OK,
    "tp.head": OK,
    "vp.coordinator": OK,
    "ubnd.leader": OK,
    "nv.reviewer": OK,
    "hd.reviewer": OK,
}
HD = {"hd.reviewer": OK}  # Hải Dương's own data: its reviewer reads it
#: a plan and its items: the people of its province (and a superuser); another province: 403
PROVINCE = {**READ_ALL, "hd.reviewer": FORBIDDEN}
OTHER_PROVINCE = {**dict.fromkeys(READ_ALL, FORBIDDEN), "nv.reviewer": OK, **HD}
NOT_FOUND = 404  # ids that do not belong together (a period of one province, an agency of another)
DASHBOARD = {
    "tp.reporter": FORBIDDEN,
    "tp.head": FORBIDDEN,
    "vp.coordinator": FORBIDDEN,
    "ubnd.leader": OK,
    "nv.reviewer": OK,
}
REVIEWER_ONLY = {
    "tp.reporter": FORBIDDEN,
    "tp.head": FORBIDDEN,
    "vp.coordinator": FORBIDDEN,
    "ubnd.leader": FORBIDDEN,
    "nv.reviewer": OK,
}
OWN_REPORT = {**DASHBOARD, "tp.reporter": OK, "tp.head": OK}
OWN_REPORT_WRITE = {**REVIEWER_ONLY, "tp.reporter": REDIRECT, "nv.reviewer": REDIRECT}

RULES = {
    "login": [(lambda i: {}, "get", dict.fromkeys(ROLES, None))],  # anyone; logged-in → redirect
    "logout": [(lambda i: {}, "post", dict.fromkeys(ROLES, None))],
    "health": [(lambda i: {}, "get", dict.fromkeys(ROLES, OK))],
    "set_language": [(lambda i: {}, "post", dict.fromkeys(ROLES, REDIRECT))],
    "home": [(lambda i: {}, "get", READ_ALL)],
    "targets:plan_list": [(lambda i: {}, "get", READ_ALL)],  # each sees their province's plans
    "targets:plan_detail": [
        (lambda i: {"pk": i["plan"]}, "get", PROVINCE),
        (lambda i: {"pk": i["hd_plan"]}, "get", OTHER_PROVINCE),
    ],
    # "Tạo kế hoạch từ văn bản": every reviewer, for their own province (the plan it creates
    # is the issuer's province's; tests/targets/test_plan_from_text.py); nothing read yet, the
    # review page sends the reviewer to the start
    "targets:plan_from_text": [(lambda i: {}, "get", {**REVIEWER_ONLY, **HD})],
    "targets:plan_from_text_review": [
        (lambda i: {}, "get", {**REVIEWER_ONLY, "nv.reviewer": REDIRECT, "hd.reviewer": REDIRECT}),
    ],
    "reporting:submission_entry": [
        # own agency: the reporter writes, the head reads, province roles read
        (
            lambda i: {"period_id": i["period"], "agency_id": i["own"]},
            "get",
            {**READ_ALL, "hd.reviewer": FORBIDDEN},
        ),
        # another agency of the same province: only province-wide roles
        (
            lambda i: {"period_id": i["period"], "agency_id": i["other"]},
            "get",
            {
                "tp.reporter": FORBIDDEN,
                "tp.head": FORBIDDEN,
                "vp.coordinator": OK,
                "ubnd.leader": OK,
                "nv.reviewer": OK,
            },
        ),
        # writing it: only the reviewer may (409 here: the page sent an impossible version,
        # so nothing is written even then)
        (
            lambda i: {"period_id": i["period"], "agency_id": i["other"]},
            "post",
            {
                "tp.reporter": FORBIDDEN,
                "tp.head": FORBIDDEN,
                "vp.coordinator": FORBIDDEN,
                "ubnd.leader": FORBIDDEN,
                "nv.reviewer": 409,
            },
        ),
        # another province: only the reviewer
        (
            lambda i: {"period_id": i["hd_period"], "agency_id": i["foreign"]},
            "get",
            {
                "tp.reporter": FORBIDDEN,
                "tp.head": FORBIDDEN,
                "vp.coordinator": FORBIDDEN,
                "ubnd.leader": FORBIDDEN,
                "nv.reviewer": OK,
                **HD,
            },
        ),
        # a period and an agency of different provinces: no such report, whoever asks
        (
            lambda i: {"period_id": i["hd_period"], "agency_id": i["own"]},
            "get",
            {**dict.fromkeys(READ_ALL, NOT_FOUND), "hd.reviewer": FORBIDDEN},
        ),
        (
            lambda i: {"period_id": i["period"], "agency_id": i["foreign"]},
            "get",
            {
                "tp.reporter": FORBIDDEN,
                "tp.head": FORBIDDEN,
                "vp.coordinator": FORBIDDEN,
                "ubnd.leader": FORBIDDEN,
                "nv.reviewer": NOT_FOUND,
                "hd.reviewer": NOT_FOUND,
            },
        ),
        (
            lambda i: {"period_id": i["hd_period"], "agency_id": i["own"]},
            "post",
            {
                "tp.reporter": NOT_FOUND,
                "tp.head": NOT_FOUND,
                "vp.coordinator": NOT_FOUND,
                "ubnd.leader": NOT_FOUND,
                "nv.reviewer": NOT_FOUND,
            },
        ),
    ],
    "plans:plan_periods": [
        (lambda i: {"pk": i["plan"]}, "get", REVIEWER_ONLY),
        (lambda i: {"pk": i["plan"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": 400}),
    ],  # empty form: refused
    "reporting:period_reopen": [
        (lambda i: {"period_id": i["period"], "agency_id": i["other"]}, "get", REVIEWER_ONLY),
        (
            lambda i: {"period_id": i["period"], "agency_id": i["other"]},
            "post",
            {**REVIEWER_ONLY, "nv.reviewer": 400},
        ),  # no date, no reason
        # an agency of another province: not one to reopen the period for
        (
            lambda i: {"period_id": i["period"], "agency_id": i["foreign"]},
            "get",
            {**REVIEWER_ONLY, "nv.reviewer": NOT_FOUND},
        ),
        (
            lambda i: {"period_id": i["period"], "agency_id": i["foreign"]},
            "post",
            {**REVIEWER_ONLY, "nv.reviewer": NOT_FOUND},
        ),
    ],
    # (a coordinator reads only files backing a task of their areas: see the test below)
    # plan items are public documents: everyone of the province reads them; only the reviewer
    # reassigns (400 here: an empty form is refused before anything is written)
    "reporting:target_detail": [
        (lambda i: {"pk": i["target"]}, "get", PROVINCE),
        (lambda i: {"pk": i["target"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": 400}),
    ],
    "reporting:task_detail": [
        (lambda i: {"pk": i["task"]}, "get", PROVINCE),
        (lambda i: {"pk": i["task"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": 400}),
    ],
    # deadline extensions: a lead agency's reporter or head asks (400 here: an empty form is
    # refused before anything is written), the reviewer decides and reads the plan's queue
    "reporting:extension_request": [
        (
            lambda i: {"pk": i["led_task"]},
            "post",
            {**REVIEWER_ONLY, "tp.reporter": 400, "tp.head": 400, "nv.reviewer": FORBIDDEN},
        ),
    ],
    "reporting:extension_decide": [
        (lambda i: {"pk": i["extension"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": 400})
    ],
    "reporting:plan_extensions": [(lambda i: {"pk": i["plan"]}, "get", REVIEWER_ONLY)],
    "reporting:evidence_download": [
        (
            lambda i: {"pk": i["own_file"]},
            "get",
            {**READ_ALL, "vp.coordinator": FORBIDDEN, "hd.reviewer": FORBIDDEN},
        ),
        (
            lambda i: {"pk": i["other_file"]},
            "get",
            {
                "tp.reporter": FORBIDDEN,
                "tp.head": FORBIDDEN,
                "vp.coordinator": FORBIDDEN,
                "ubnd.leader": OK,
                "nv.reviewer": OK,
            },
        ),
        (
            lambda i: {"pk": i["foreign_file"]},
            "get",
            {
                "tp.reporter": FORBIDDEN,
                "tp.head": FORBIDDEN,
                "vp.coordinator": FORBIDDEN,
                "ubnd.leader": FORBIDDEN,
                "nv.reviewer": OK,
                **HD,
            },
        ),
    ],
    # a province figure lists every agency's lines: province roles only (the coordinator only
    # for targets of their areas; this one is a plan-wide goal); an agency's own figure: those
    # who may read the agency
    "reports:target_explain": [
        (
            lambda i: {"period_id": i["period"], "target_id": i["target"]},
            "get",
            {
                "tp.reporter": FORBIDDEN,
                "tp.head": FORBIDDEN,
                "vp.coordinator": FORBIDDEN,
                "ubnd.leader": OK,
                "nv.reviewer": OK,
            },
        ),
    ],
    # dashboards: every agency's standing, so the reviewer and the province's leadership; a
    # leader of another province is refused (the HD plan); drill-downs follow the figures
    "reports:overview": [
        (lambda i: {"plan_id": i["plan"]}, "get", DASHBOARD),
        (lambda i: {"plan_id": i["hd_plan"]}, "get", {**DASHBOARD, "ubnd.leader": FORBIDDEN, **HD}),
    ],
    "reports:leadership": [
        (lambda i: {"plan_id": i["plan"]}, "get", DASHBOARD),
        (lambda i: {"plan_id": i["hd_plan"]}, "get", {**DASHBOARD, "ubnd.leader": FORBIDDEN, **HD}),
    ],
    "reports:task_results_xlsx": [
        (lambda i: {"plan_id": i["plan"]}, "get", DASHBOARD),
        (lambda i: {"plan_id": i["hd_plan"]}, "get", {**DASHBOARD, "ubnd.leader": FORBIDDEN, **HD}),
    ],
    "reports:target_drill": [  # a plan-wide goal: the coordinator's area scope excludes it
        (lambda i: {"plan_id": i["plan"], "target_id": i["target"]}, "get", DASHBOARD),
    ],
    "reports:area_drill": [  # the TTHC area, which Văn phòng UBND tỉnh leads
        (
            lambda i: {"plan_id": i["plan"], "area_id": i["tthc_area"]},
            "get",
            {**DASHBOARD, "vp.coordinator": OK},
        ),
        (lambda i: {"plan_id": i["plan"], "area_id": i["other_area"]}, "get", DASHBOARD),
    ],
    "reports:agency_drill": [
        (
            lambda i: {"plan_id": i["plan"], "agency_id": i["own"]},
            "get",
            {**READ_ALL, "hd.reviewer": FORBIDDEN},
        ),
        (
            lambda i: {"plan_id": i["plan"], "agency_id": i["other"]},
            "get",
            {
                "tp.reporter": FORBIDDEN,
                "tp.head": FORBIDDEN,
                "vp.coordinator": OK,
                "ubnd.leader": OK,
                "nv.reviewer": OK,
            },
        ),
        (
            lambda i: {"plan_id": i["hd_plan"], "agency_id": i["foreign"]},
            "get",
            {
                "tp.reporter": FORBIDDEN,
                "tp.head": FORBIDDEN,
                "vp.coordinator": FORBIDDEN,
                "ubnd.leader": FORBIDDEN,
                "nv.reviewer": OK,
                **HD,
            },
        ),
        (
            lambda i: {"plan_id": i["hd_plan"], "agency_id": i["own"]},
            "get",  # not together
            {**dict.fromkeys(READ_ALL, NOT_FOUND), "hd.reviewer": FORBIDDEN},
        ),
    ],
    # report documents: the reviewer and the province's leadership read any, an agency's staff
    # their own; the reviewer drafts and issues, an agency's reporter its own report
    "reports:report_list": [
        (lambda i: {"plan_id": i["plan"]}, "get", {**DASHBOARD, "tp.reporter": OK, "tp.head": OK}),
        (lambda i: {"plan_id": i["hd_plan"]}, "get", {**DASHBOARD, "ubnd.leader": FORBIDDEN, **HD}),
    ],
    "reports:report_create": [
        (lambda i: {"period_id": i["period"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": REDIRECT}),
    ],
    "reports:report_detail": [
        (lambda i: {"report_id": i["province_report"]}, "get", DASHBOARD),
        (lambda i: {"report_id": i["own_report"]}, "get", OWN_REPORT),
        (lambda i: {"report_id": i["other_report"]}, "get", DASHBOARD),
        (lambda i: {"report_id": i["foreign_report"]}, "get", {**DASHBOARD, "ubnd.leader": FORBIDDEN, **HD}),
        (lambda i: {"report_id": i["own_report"]}, "post", OWN_REPORT_WRITE),
    ],
    "reports:report_render": [
        (lambda i: {"report_id": i["own_report"]}, "post", OWN_REPORT_WRITE),
        (lambda i: {"report_id": i["other_report"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": REDIRECT}),
    ],
    "reports:report_issue": [  # an empty form: refused with its errors before writing
        (
            lambda i: {"report_id": i["own_report"]},
            "post",
            {**REVIEWER_ONLY, "tp.reporter": 400, "nv.reviewer": 400},
        ),
        (  # the confirmation page ("Phát hành" asks first), asked with no number: its errors
            lambda i: {"report_id": i["own_report"]},
            "get",
            {**REVIEWER_ONLY, "tp.reporter": 400, "nv.reviewer": 400},
        ),
    ],
    "reports:report_new_version": [
        (lambda i: {"report_id": i["province_report"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": REDIRECT}),
    ],
    "reports:report_status": [
        (lambda i: {"report_id": i["own_report"]}, "get", OWN_REPORT),
        (lambda i: {"report_id": i["other_report"]}, "get", DASHBOARD),
    ],
    # a file its role asked to make again above (report_render) is not served while it is made:
    # back to the report's page
    "reports:report_pdf": [
        (lambda i: {"report_id": i["province_report"]}, "get", DASHBOARD),
        (
            lambda i: {"report_id": i["own_report"]},
            "get",
            {**OWN_REPORT, "tp.reporter": REDIRECT, "nv.reviewer": REDIRECT},
        ),
        (lambda i: {"report_id": i["other_report"]}, "get", {**DASHBOARD, "nv.reviewer": REDIRECT}),
    ],
    "reports:report_xlsx": [
        (lambda i: {"report_id": i["own_report"]}, "get", OWN_REPORT),
        (lambda i: {"report_id": i["foreign_report"]}, "get", {**DASHBOARD, "ubnd.leader": FORBIDDEN, **HD}),
    ],
    "plans:appendix_download": [
        (lambda i: {"pk": i["plan"]}, "get", PROVINCE),
        (lambda i: {"pk": i["hd_plan"]}, "get", OTHER_PROVINCE),
    ],
    "plans:appendix_upload": [(lambda i: {"pk": i["plan"]}, "get", REVIEWER_ONLY)],
    "plans:appendix_preview": [  # nothing uploaded: the reviewer is sent to the upload page
        (lambda i: {"pk": i["plan"]}, "get", {**REVIEWER_ONLY, "nv.reviewer": REDIRECT}),
    ],
    "reporting:target_extraction": [(lambda i: {"pk": i["plan"]}, "get", REVIEWER_ONLY)],
    "reporting:target_extraction_review": [  # nothing read yet: the reviewer is sent to the start
        (lambda i: {"pk": i["plan"]}, "get", {**REVIEWER_ONLY, "nv.reviewer": REDIRECT}),
    ],
    "reporting:plan_rollover": [  # a GET never copies (POST only); a POST by others is refused
        (lambda i: {"pk": i["plan"]}, "get", {**dict.fromkeys(READ_ALL, 405)}),
        (
            lambda i: {"pk": i["hd_plan"]},
            "post",
            {**REVIEWER_ONLY, "nv.reviewer": REDIRECT, "hd.reviewer": REDIRECT},
        ),
    ],
    "reporting:restructuring": [(lambda i: {}, "get", {**REVIEWER_ONLY, **HD})],  # own province
    # the year's frozen verdicts: like the dashboards; closing, reopening (an empty reason:
    # refused with a message, nothing written) and the levels that do not apply: the reviewer
    "reporting:plan_year_results": [
        (lambda i: {"pk": i["plan"]}, "get", DASHBOARD),
        (lambda i: {"pk": i["hd_plan"]}, "get", {**DASHBOARD, "ubnd.leader": FORBIDDEN, **HD}),
    ],
    "reporting:plan_year_close": [
        (lambda i: {"pk": i["plan"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": REDIRECT}),
        (
            lambda i: {"pk": i["hd_plan"]},
            "post",
            {**REVIEWER_ONLY, "nv.reviewer": REDIRECT, "hd.reviewer": REDIRECT},
        ),
    ],
    "reporting:plan_year_reopen": [
        (lambda i: {"pk": i["plan"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": REDIRECT}),
    ],
    "reporting:plan_levels": [
        (lambda i: {"pk": i["plan"]}, "get", REVIEWER_ONLY),
        (lambda i: {"pk": i["hd_plan"]}, "get", {**REVIEWER_ONLY, **HD}),
    ],
    "reporting:review_queue": [(lambda i: {"period_id": i["period"]}, "get", REVIEWER_ONLY)],
    # everyone's own notifications and e-mail choice; another's notification does not exist
    "notifications:list": [(lambda i: {}, "get", READ_ALL)],
    "notifications:read": [
        (
            lambda i: {"pk": i["notification"]},
            "post",
            {**dict.fromkeys(READ_ALL, 404), "tp.reporter": REDIRECT},
        )
    ],
    "notifications:read_all": [(lambda i: {}, "post", dict.fromkeys(READ_ALL, REDIRECT))],
    "notifications:preferences": [
        (lambda i: {}, "get", READ_ALL),
        (lambda i: {}, "post", dict.fromkeys(READ_ALL, REDIRECT)),
    ],
    "reporting:submission_withdraw": [
        # rút lại: only the agency's own reporter (a redirect to the page, withdrawn or not);
        # a reviewer returns a report instead, the others only read it
        (
            lambda i: {"period_id": i["period"], "agency_id": i["own"]},
            "post",
            {**dict.fromkeys(READ_ALL, FORBIDDEN), "tp.reporter": REDIRECT},
        ),
        (
            lambda i: {"period_id": i["period"], "agency_id": i["other"]},
            "post",
            dict.fromkeys(READ_ALL, FORBIDDEN),
        ),
    ],
    "reporting:submission_head_decide": [
        # the head's approval (issue 22): only the agency's own head (a redirect to the page,
        # whether or not a report waits for them); nobody decides for another agency
        (
            lambda i: {"period_id": i["period"], "agency_id": i["own"]},
            "post",
            {**dict.fromkeys(READ_ALL, FORBIDDEN), "tp.head": REDIRECT},
        ),
        (
            lambda i: {"period_id": i["period"], "agency_id": i["other"]},
            "post",
            dict.fromkeys(READ_ALL, FORBIDDEN),
        ),
    ],
    "reporting:submission_review": [
        (lambda i: {"submission_id": i["other_submission"]}, "get", REVIEWER_ONLY),
        (
            lambda i: {"submission_id": i["other_submission"]},
            "post",
            {**REVIEWER_ONLY, "nv.reviewer": REDIRECT},
        ),
    ],
}
# the report's history (opened from the entry page, or as a page of its own) is read by whoever
# reads the report, no one else
RULES["reporting:submission_entry_history"] = [
    case for case in RULES["reporting:submission_entry"] if case[1] == "get"
]

# PAR-index scoring (issue 23; scoring/access.py). Hưng Yên's round is open: Sở Tư pháp (the
# reporter's own unit) explaining, Sở Nội vụ self-scoring; Hải Dương's round is the foreign one.
# Before publication a unit's staff read their own unit only; the ranking and dashboards are the
# Sở Nội vụ's and the leadership's; the Sở Nội vụ runs the round (the council member's own rules
# are tested below, test_a_council_member_scores_only_the_units_assigned).
SCORING_PROVINCE = {**READ_ALL, "hd.reviewer": FORBIDDEN}
OWN_UNIT = {
    "tp.reporter": OK,
    "tp.head": OK,
    "vp.coordinator": FORBIDDEN,
    "ubnd.leader": OK,
    "nv.reviewer": OK,
}
OTHER_UNIT = {**DASHBOARD}
REVIEWER_POST = {**REVIEWER_ONLY, "nv.reviewer": REDIRECT}
RULES.update(
    {
        "scoring:index": [(lambda i: {}, "get", READ_ALL)],
        "scoring:set_detail": [
            (lambda i: {"pk": i["sc_set"]}, "get", SCORING_PROVINCE),
            (lambda i: {"pk": i["sc_hd_set"]}, "get", OTHER_PROVINCE),
        ],
        "scoring:set_xlsx": [(lambda i: {"pk": i["sc_set"]}, "get", SCORING_PROVINCE)],
        # an empty copy form, a published set: refused with a message, nothing written
        "scoring:set_copy": [(lambda i: {"pk": i["sc_set"]}, "post", REVIEWER_POST)],
        "scoring:set_publish": [(lambda i: {"pk": i["sc_set"]}, "post", REVIEWER_POST)],
        "scoring:set_import": [
            (lambda i: {"pk": i["sc_draft_set"]}, "get", REVIEWER_ONLY),
            (lambda i: {"pk": i["sc_draft_set"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": 400}),
        ],  # no file
        "scoring:round_detail": [
            (lambda i: {"pk": i["sc_round"]}, "get", SCORING_PROVINCE),
            (lambda i: {"pk": i["sc_hd_round"]}, "get", OTHER_PROVINCE),
        ],
        "scoring:round_windows": [(lambda i: {"pk": i["sc_round"]}, "post", REVIEWER_POST)],
        "scoring:round_recompute": [
            (lambda i: {"pk": i["sc_round"]}, "post", REVIEWER_POST),
            (
                lambda i: {"pk": i["sc_hd_round"]},
                "post",
                {**REVIEWER_ONLY, "nv.reviewer": REDIRECT, "hd.reviewer": REDIRECT},
            ),
        ],
        "scoring:survey": [(lambda i: {"pk": i["sc_round"]}, "get", REVIEWER_ONLY)],
        "scoring:survey_template": [(lambda i: {"pk": i["sc_round"]}, "get", REVIEWER_ONLY)],
        "scoring:survey_import": [
            (lambda i: {"pk": i["sc_round"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": 400})
        ],
        "scoring:round_finalize": [(lambda i: {"pk": i["sc_round"]}, "post", REVIEWER_POST)],
        "scoring:ranking": [
            (lambda i: {"pk": i["sc_round"]}, "get", DASHBOARD),
            (lambda i: {"pk": i["sc_hd_round"]}, "get", {**DASHBOARD, "ubnd.leader": FORBIDDEN, **HD}),
        ],
        "scoring:dashboard": [(lambda i: {"pk": i["sc_round"]}, "get", DASHBOARD)],
        "scoring:projection": [(lambda i: {"pk": i["sc_round"]}, "get", {**OWN_UNIT, "tp.reporter": OK})],
        "scoring:publication_page": [
            (lambda i: {"pk": i["sc_round"]}, "get", DASHBOARD),
            (lambda i: {"pk": i["sc_round"]}, "post", REVIEWER_POST),
        ],
        "scoring:publication_issue": [
            (lambda i: {"pk": i["sc_draft"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": 400})
        ],
        "scoring:publication_status": [(lambda i: {"pk": i["sc_draft"]}, "get", DASHBOARD)],
        "scoring:publication_pdf": [
            (
                lambda i: {"pk": i["sc_draft"]},
                "get",  # not made yet
                {**DASHBOARD, "ubnd.leader": 404, "nv.reviewer": 404},
            )
        ],
        "scoring:publication_xlsx": [(lambda i: {"pk": i["sc_draft"]}, "get", DASHBOARD)],
        "scoring:assessment": [
            (lambda i: {"pk": i["sc_own"]}, "get", OWN_UNIT),
            (lambda i: {"pk": i["sc_other"]}, "get", OTHER_UNIT),
            (
                lambda i: {"pk": i["sc_foreign"]},
                "get",
                {**dict.fromkeys(READ_ALL, FORBIDDEN), "nv.reviewer": OK, **HD},
            ),
        ],
        # the unit's reporter: Sở Tư pháp is past self-scoring, refused (400); Sở Nội vụ is not theirs
        "scoring:self_save": [
            (
                lambda i: {"pk": i["sc_own"]},
                "post",
                {**REVIEWER_ONLY, "tp.reporter": 400, "nv.reviewer": FORBIDDEN},
            ),
            (lambda i: {"pk": i["sc_other"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": FORBIDDEN}),
        ],
        "scoring:assessment_submit": [
            (
                lambda i: {"pk": i["sc_own"]},
                "post",
                {**REVIEWER_ONLY, "tp.reporter": 400, "nv.reviewer": FORBIDDEN},
            )
        ],
        "scoring:assessment_approve": [
            (
                lambda i: {"pk": i["sc_own"]},
                "post",
                {**REVIEWER_ONLY, "tp.head": 400, "nv.reviewer": FORBIDDEN},
            )
        ],
        "scoring:appraise": [
            (lambda i: {"pk": i["sc_own"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": FORBIDDEN})
        ],  # not on the council
        "scoring:explanations_ask": [
            (lambda i: {"pk": i["sc_own"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": 400})
        ],  # nothing chosen
        "scoring:council_decide": [
            (
                lambda i: {"pk": i["sc_other"]},
                "post",  # still self-scoring
                {**REVIEWER_ONLY, "nv.reviewer": 400},
            )
        ],
        "scoring:explanation_answer": [
            (
                lambda i: {"pk": i["sc_explanation"]},
                "post",
                {**REVIEWER_ONLY, "tp.reporter": 400, "nv.reviewer": FORBIDDEN},
            )
        ],
        "scoring:file_download": [
            (lambda i: {"pk": i["sc_own_file"]}, "get", OWN_UNIT),
            (lambda i: {"pk": i["sc_other_file"]}, "get", OTHER_UNIT),
        ],
    }
)

# Issue 24. The one-stop figures: the plan's reviewer imports for every agency of the province,
# an agency's reporter for its own (nothing pending: the preview sends them to the upload page);
# the bindings are the reviewer's; the 766 panel is a dashboard.
IMPORTERS = {**REVIEWER_ONLY, "tp.reporter": OK}
RULES.update(
    {
        "onestop:import_upload": [
            (lambda i: {"pk": i["plan"]}, "get", IMPORTERS),
            (lambda i: {"pk": i["hd_plan"]}, "get", {**REVIEWER_ONLY, **HD}),
            (lambda i: {"pk": i["plan"]}, "post", {**IMPORTERS, "tp.reporter": 400, "nv.reviewer": 400}),
        ],
        "onestop:import_preview": [
            (
                lambda i: {"pk": i["plan"]},
                "get",
                {**IMPORTERS, "tp.reporter": REDIRECT, "nv.reviewer": REDIRECT},
            ),
        ],
        "onestop:bindings": [
            (lambda i: {"pk": i["plan"]}, "get", REVIEWER_ONLY),
            (lambda i: {"pk": i["plan"]}, "post", {**REVIEWER_ONLY, "nv.reviewer": 400}),  # empty form
            (lambda i: {"pk": i["hd_plan"]}, "get", {**REVIEWER_ONLY, **HD}),
        ],
        "onestop:index766": [
            (lambda i: {"pk": i["plan"]}, "get", DASHBOARD),
            (lambda i: {"pk": i["hd_plan"]}, "get", {**DASHBOARD, "ubnd.leader": FORBIDDEN, **HD}),
        ],
        # the JSON twins of the XLSX downloads: the same readers
        "plans:appendix_json": [
            (lambda i: {"pk": i["plan"]}, "get", PROVINCE),
            (lambda i: {"pk": i["hd_plan"]}, "get", OTHER_PROVINCE),
        ],
        "reports:report_json": [
            (lambda i: {"report_id": i["own_report"]}, "get", OWN_REPORT),
            (
                lambda i: {"report_id": i["foreign_report"]},
                "get",
                {**DASHBOARD, "ubnd.leader": FORBIDDEN, **HD},
            ),
        ],
        # the public page: anyone, logged in or not; a plan nobody opened does not exist there,
        # nor do its reports; only the plan's reviewer opens or closes it
        "public:index": [(lambda i: {}, "get", dict.fromkeys(ROLES, OK))],
        "public:plan": [
            (lambda i: {"pk": i["plan"]}, "get", dict.fromkeys(ROLES, NOT_FOUND)),
            (lambda i: {"pk": i["public_plan"]}, "get", dict.fromkeys(ROLES, OK)),
        ],
        "public:report_pdf": [
            (lambda i: {"report_id": i["province_report"]}, "get", dict.fromkeys(ROLES, NOT_FOUND)),
            (lambda i: {"report_id": i["public_report"]}, "get", dict.fromkeys(ROLES, OK)),
        ],
        "public:plan_visibility": [
            (
                lambda i: {"pk": i["plan"]},
                "post",
                {**REVIEWER_ONLY, "anonymous": REDIRECT, "nv.reviewer": REDIRECT},
            ),
        ],
    }
)
# The read API answers only a client system's token: a session (any role) or nothing is 401;
# its schema and documentation are public (they hold no figure). Tokens: tests/api.
API_REFUSED = dict.fromkeys(ROLES, 401)
API_DOCS = dict.fromkeys(ROLES, OK)
RULES.update(
    {
        "api-v1:api-root": [(lambda i: {}, "get", dict.fromkeys(ROLES, 404))],
        "api-v1:openapi-json": [(lambda i: {}, "get", API_DOCS)],
        "api-v1:openapi-view": [(lambda i: {}, "get", API_DOCS)],
        "api-v1:plan_list": [(lambda i: {}, "get", API_REFUSED)],
        "api-v1:plan_detail": [(lambda i: {"plan_id": i["plan"]}, "get", API_REFUSED)],
        "api-v1:plan_periods": [(lambda i: {"plan_id": i["plan"]}, "get", API_REFUSED)],
        "api-v1:period_figures": [(lambda i: {"period_id": i["period"]}, "get", API_REFUSED)],
        "api-v1:period_tasks": [(lambda i: {"period_id": i["period"]}, "get", API_REFUSED)],
        "api-v1:period_compliance": [(lambda i: {"period_id": i["period"]}, "get", API_REFUSED)],
        "api-v1:report_list": [(lambda i: {}, "get", API_REFUSED)],
        "api-v1:report_pdf": [(lambda i: {"report_id": i["province_report"]}, "get", API_REFUSED)],
        "api-v1:report_xlsx": [(lambda i: {"report_id": i["province_report"]}, "get", API_REFUSED)],
        "api-v1:report_json": [(lambda i: {"report_id": i["province_report"]}, "get", API_REFUSED)],
        "api-v1:par_index": [(lambda i: {}, "get", API_REFUSED)],
    }
)

#: every page of these apps needs a login: an anonymous visitor is sent to it
LOGIN_APPS = ("plans", "reports", "notifications", "agencies", "scoring", "onestop")

RULES["logout"] = RULES.pop("logout")  # last: it ends the session the walk runs in


def test_every_url_has_rules():
    assert set(named_patterns()) - set(RULES) == set(), "write the rules of the new URL here"


@pytest.mark.parametrize("role", ROLES)
def test_every_url_for_every_role(client, ids, role):
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    for name, cases in RULES.items():
        for kwargs, method, expected in cases:
            url = reverse(name, kwargs=kwargs(ids))
            if method == "post":
                data = {"version": "-1"} if name == "reporting:submission_entry" else {}
                if name == "reporting:submission_review":
                    data = {"return": "1"}  # a return without reason: refused before writing
                response = client.post(url, data)
            else:
                response = client.get(url)
            want = expected.get(role, FORBIDDEN if role == "hd.reviewer" else None)
            if role == "anonymous" and (name.split(":")[0] in LOGIN_APPS or name == "home"):
                assert response.status_code == 302 and "/dang-nhap/" in response.url, (name, url)
                continue
            if want is None:
                assert response.status_code in (200, 302), (name, url, response.status_code)
            else:
                assert response.status_code == want, (role, name, method, url, response.status_code)


def test_forbidden_posts_write_nothing(client, ids):
    before = Submission.objects.count()
    for role in NOT_THEIRS:
        client.force_login(User.objects.get(username=role))
        client.post(
            reverse(
                "reporting:submission_entry", kwargs={"period_id": ids["period"], "agency_id": ids["other"]}
            ),
            {"version": "0"},
        )
    assert Submission.objects.count() == before
    assert not Submission.objects.filter(period_id=ids["period"], agency_id=ids["other"]).exists()


def test_returning_without_a_reason_writes_nothing(client, ids):
    client.force_login(User.objects.get(username="nv.reviewer"))
    submission = Submission.objects.get(pk=ids["other_submission"])
    before = submission.status
    client.post(reverse("reporting:submission_review", args=[submission.pk]), {"return": "1"})
    submission.refresh_from_db()
    assert submission.status == before


@pytest.mark.parametrize("role", NOT_THEIRS)
def test_admin_needs_staff(client, ids, role):
    client.force_login(User.objects.get(username=role))
    response = client.get("/quan-tri/plans/plan/")
    assert response.status_code == 302 and "login" in response.url


def test_coordinator_sees_only_the_lines_of_the_areas_their_agency_leads(client, ids):
    from plans.models import PlanArea
    from reporting.selectors.entry import entry_sheet

    client.force_login(User.objects.get(username="vp.coordinator"))
    url = reverse(
        "reporting:submission_entry", kwargs={"period_id": ids["period"], "agency_id": ids["other"]}
    )
    text = client.get(url).content.decode()
    period = ReportingPeriod.objects.get(pk=ids["period"])
    full = entry_sheet(period=period, agency=Agency.objects.get(pk=ids["other"]))
    led = set(
        PlanArea.objects.filter(plan=period.plan, lead_agency__code="hy-vp").values_list("pk", flat=True)
    )
    assert led, "Văn phòng UBND tỉnh leads cải cách TTHC in the Hưng Yên plan"
    shown = [line for line in full.target_lines if line.target.statement.plan_area_id in led]
    hidden = [line for line in full.target_lines if line.target.statement.plan_area_id not in led]
    assert shown and hidden
    for line in shown:
        assert f'data-line="{line.target.code}"' in text
    for line in hidden:
        assert f'data-line="{line.target.code}"' not in text
    assert 'data-scope="areas"' in text
    # A plan where the coordinator's agency leads nothing: not even the page.
    PlanArea.objects.filter(plan=period.plan, lead_agency__code="hy-vp").update(lead_agency=None)
    assert client.get(url).status_code == 403


def test_coordinator_downloads_evidence_only_of_their_areas(client, ids):
    from plans.models import Task
    from reporting.models import EvidenceFile, TaskUpdate

    evidence = EvidenceFile.objects.get(pk=ids["other_file"])
    client.force_login(User.objects.get(username="vp.coordinator"))
    url = reverse("reporting:evidence_download", kwargs={"pk": evidence.pk})
    assert client.get(url).status_code == 403  # backs no task of their area yet
    task = Task.objects.filter(plan_area__lead_agency__code="hy-vp").first()
    submission = Submission.objects.filter(agency_id=ids["other"]).first() or Submission.objects.create(
        agency_id=ids["other"], period_id=ids["period"]
    )
    TaskUpdate.objects.update_or_create(
        submission=submission, task=task, defaults={"evidence_file": evidence}
    )
    assert client.get(url).status_code == 200


def test_a_reviewer_is_offered_only_their_province_s_queue(ids):
    from reporting.selectors.home import home_context

    for code in ("hung-yen-2023", "hai-duong-2024"):  # a report waits in each province
        Submission.objects.filter(period__plan__code=code, period__kind="q1").update(status="submitted")
    mine = home_context(User.objects.get(username="hd.reviewer"))["review_periods"]
    every = home_context(User.objects.get(username="nv.reviewer"))["review_periods"]
    assert mine and {p.plan.code for p in mine} == {"hai-duong-2024"}
    assert {p.plan.code for p in every} >= {"hung-yen-2023", "hai-duong-2024"}  # a superuser


def test_a_council_member_scores_only_the_units_assigned(client, ids):
    """council.member (no role of the reporting cycle) sits on Hưng Yên's council for Sở Tư
    pháp only: it reads and scores that unit, and nothing of another."""
    from scoring.models import LeafScore

    client.force_login(User.objects.get(username="council.member"))
    expect = {
        ("scoring:assessment", "sc_own", "get"): OK,
        ("scoring:assessment", "sc_other", "get"): FORBIDDEN,
        ("scoring:assessment", "sc_foreign", "get"): FORBIDDEN,
        ("scoring:appraise", "sc_own", "post"): REDIRECT,  # nothing typed: nothing changes
        ("scoring:appraise", "sc_other", "post"): FORBIDDEN,
        ("scoring:explanations_ask", "sc_other", "post"): FORBIDDEN,
        ("scoring:file_download", "sc_own_file", "get"): OK,
        ("scoring:file_download", "sc_other_file", "get"): FORBIDDEN,
        ("scoring:round_detail", "sc_round", "get"): OK,
        ("scoring:round_detail", "sc_hd_round", "get"): FORBIDDEN,
        ("scoring:projection", "sc_round", "get"): OK,
        ("scoring:ranking", "sc_round", "get"): FORBIDDEN,
        ("scoring:dashboard", "sc_round", "get"): FORBIDDEN,
        ("scoring:survey", "sc_round", "get"): FORBIDDEN,
        ("scoring:council_decide", "sc_own", "post"): FORBIDDEN,
    }
    other = LeafScore.objects.get(assessment_id=ids["sc_other"], node__code="1.1.2")
    for (name, key, method), status in expect.items():
        url = reverse(name, kwargs={"pk": ids[key]})
        data = {f"appraise-{other.pk}": "0", f"comment-{other.pk}": "x"} if key == "sc_other" else {}
        response = client.post(url, data) if method == "post" else client.get(url)
        assert response.status_code == status, (name, key, response.status_code)
    other.refresh_from_db()
    assert other.appraised_points is None
