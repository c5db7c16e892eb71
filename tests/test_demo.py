from collections import Counter

import pytest

from agencies.models import User
from demo.data import demo_baselines_set, demo_data_load
from plans.models import Plan
from reporting.models import Submission, TargetResult
from targets.models import Target
from targets.seeds import seed_plans_load

pytestmark = pytest.mark.django_db


def test_one_demo_user_per_role():
    """One account per role of the reporting cycle (the scoring demo adds a council member, who
    has none of them)."""
    demo = User.objects.filter(email__endswith="@demo.cchc.local").exclude(role="")
    roles = Counter(demo.values_list("role", flat=True))
    assert set(roles) == set(User.Role.values) - {""}
    assert all(n == 1 for n in roles.values())


def test_every_period_of_both_plans_has_demo_results():
    for plan in Plan.objects.filter(code__in=["hung-yen-2023", "hai-duong-2024"]):
        for period in plan.periods.all():
            results = TargetResult.objects.filter(submission__period=period)
            assert results.exists(), (plan.code, period.kind)
            assert results.filter(review_status="approved").exists()
    assert not Submission.objects.filter(is_demo=False).exists()


def test_demo_rates_are_consistent():
    # a line answered "không phát sinh" has no figures (the demo has some: DOMAIN.md "Judgements")
    rates = TargetResult.objects.filter(target__measure="rate", not_applicable=False)
    assert rates.exists()
    for line in rates:
        assert line.denominator > 0 and 0 <= line.numerator <= line.denominator
    # Six months contain Quý I: the same agency reports at least as many files by 14/6.
    for q1 in rates.filter(submission__period__kind="q1")[:50]:
        h1 = rates.filter(
            target=q1.target, submission__agency=q1.submission.agency, submission__period__kind="h1"
        ).first()
        if h1:
            assert h1.denominator >= q1.denominator


def test_demo_data_is_reproducible():
    def fingerprint():
        return sorted(
            TargetResult.objects.values_list(
                "target_id",
                "submission__agency_id",
                "submission__period__kind",
                "numerator",
                "denominator",
                "value",
                "done",
            )
        )

    before = fingerprint()
    demo_data_load()
    assert fingerprint() == before


def test_baselines_the_plans_do_not_print_are_filled_as_demo_and_survive_a_seed_reload():
    # "giảm tối thiểu 2,5% (tương ứng 15 đơn vị)": 15 / 2,5% = 600 units in 2021
    units = Target.objects.get(statement__plan__code="hung-yen-2023", note="tương ứng 15 đơn vị")
    assert (units.baseline_value, units.baseline_is_demo) == (600, True)
    entered = Target.objects.get(statement__plan__code="hung-yen-2023", note="tương ứng 23 biên chế")
    entered.baseline_value, entered.baseline_is_demo = 1700, False  # Sở Nội vụ enters it
    entered.save()
    seed_plans_load()
    assert demo_baselines_set() == 0  # nothing to fill; the entered value is not touched
    units.refresh_from_db()
    entered.refresh_from_db()
    assert (units.baseline_value, units.baseline_is_demo) == (600, True)
    assert (entered.baseline_value, entered.baseline_is_demo) == (1700, False)


@pytest.mark.parametrize("code", ["hung-yen-2023", "hai-duong-2024"])
def test_the_demo_shows_every_judgement(code):
    """DOMAIN.md "Judgements", in each seed plan's demo: an overdue task, a report first sent
    after its deadline then approved, one sent on time then resent late (still on time), a
    "không phát sinh" line, a report awaiting review, evidence on every completed task,
    cumulative values that grow, and the year closed with its verdicts."""
    from cchc.clock import local_date
    from plans.models import YearClose
    from reporting.models import TaskProgress, TaskUpdate, TaskVerdict
    from reporting.rules import sent_on_time

    plan = Plan.objects.get(code=code)
    assert TaskProgress.objects.filter(period__plan=plan, status="overdue").exists()
    sent = (
        Submission.objects.filter(period__plan=plan).exclude(first_submitted_at=None).select_related("period")
    )
    late = [
        s
        for s in sent
        if s.status == "approved" and not sent_on_time(s.first_submitted_at, s.period.deadline)
    ]
    assert late
    kept = [
        s
        for s in sent
        if sent_on_time(s.first_submitted_at, s.period.deadline)
        and local_date(s.submitted_at) > s.period.deadline
    ]
    assert kept  # returned and resent after the deadline, still on time by the first sending
    assert (
        TargetResult.objects.filter(submission__period__plan=plan, not_applicable=True)
        .exclude(not_applicable_reason="")
        .exists()
    )
    assert Submission.objects.filter(period__plan=plan, status="submitted").exists()
    done = TaskUpdate.objects.filter(submission__period__plan=plan, progress="done")
    assert done.exists()
    assert not done.filter(evidence_file=None).exists()
    assert not done.filter(evidence_number="").exists() and not done.filter(evidence_date=None).exists()
    cumulative = Target.objects.filter(statement__plan=plan, cumulative=True, measure="percent").first()
    if cumulative is not None:
        by_kind = {}
        for r in TargetResult.objects.filter(target=cumulative, not_applicable=False).select_related(
            "submission__period"
        ):
            by_kind.setdefault(r.submission.agency_id, {})[r.submission.period.kind] = r.value
        grows = [v for v in by_kind.values() if {"h1", "q3"} <= set(v)]
        assert grows and all(v["q3"] >= v["h1"] for v in grows)
    close = YearClose.objects.get(plan=plan, reopened_at=None)
    assert close.automatic and TaskVerdict.objects.filter(year_close=close, verdict="not_done").exists()


# issue 22, item 17: a newcomer's first ten minutes. Each demo role logs in and finds on its home
# page something to do, in words (the page's text, not only its links).


def _home_text(client, username: str) -> str:
    import re

    from django.urls import reverse

    client.force_login(User.objects.get(username=username))
    html = client.get(reverse("home")).content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _section(text: str, heading: str) -> str:
    assert heading in text, heading
    return text.split(heading, 1)[1]


@pytest.mark.parametrize("username", ["tp.reporter", "tp.head"])
def test_the_demo_agency_has_a_return_to_answer_and_a_draft_to_send(client, username):
    """Sở Tư pháp: Quý III returned with the reviewer's reason, 6 tháng a draft in a period
    reopened for it; the return comes first."""
    todo = _section(_home_text(client, username), "Việc cần làm").split("Kết quả duyệt gần đây")[0]
    assert "Quý III năm 2023" in todo and "Bị trả lại" in todo
    assert "Đề nghị rà soát lại số liệu mức độ hài lòng (mục 2.c)" in todo
    assert "6 tháng năm 2023" in todo and "Đang nhập" in todo and "được mở lại đến hết ngày" in todo
    assert todo.index("Quý III năm 2023") < todo.index("6 tháng năm 2023")


def test_the_demo_reporter_types_a_plain_figure_and_answers_a_marked_line():
    """A line of Sở Tư pháp that is a plain number (not a rate), empty in the draft; the returned
    report marks that line with the reviewer's note and approves the others."""
    stp = User.objects.get(username="tp.reporter").agency
    plain = TargetResult.objects.filter(
        submission__agency=stp, submission__period__plan__code="hung-yen-2023"
    ).exclude(target__measure__in=["rate", "milestone"])
    assert plain.filter(submission__period__kind="q3").exclude(value=None).exists()
    draft = plain.get(submission__period__kind="h1")
    assert draft.submission.status == "draft" and draft.value is None
    returned = Submission.objects.get(agency=stp, period__plan__code="hung-yen-2023", period__kind="q3")
    marked = returned.target_results.filter(review_status="returned")
    assert [line.target_id for line in marked] == [draft.target_id]
    assert "Cổng dịch vụ công" in marked.get().review_note
    assert not returned.target_results.filter(review_status="pending").exists()


def test_the_demo_reviewer_has_a_queue(client):
    text = _section(_home_text(client, "nv.reviewer"), "Kỳ báo cáo cần theo dõi")
    waiting = Submission.objects.filter(status="submitted", period__plan__code="hung-yen-2023")
    assert waiting.count() >= 3
    row = text.split("Năm 2023", 1)[1]
    assert row.split("Năm", 1)[0].strip().split()[-1] == str(waiting.filter(period__kind="year").count())


def test_the_demo_leader_has_a_draft_report_to_read_before_it_is_issued(client):
    """What ``start.sh`` leaves: the province report of each past period drafted (the beat job,
    ``draft_reports``), none issued; the leader's home lists them as drafts."""
    from plans.models import ReportingPeriod
    from reports.services import report_draft_get_or_create

    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q3")
    report_draft_get_or_create(period=period, automatic=True)
    text = _section(_home_text(client, "ubnd.leader"), "Báo cáo chờ phát hành")
    assert "Báo cáo Quý III năm 2023 — UBND tỉnh" in text.split("Kế hoạch của tỉnh")[0]
    assert "Dự thảo" in text.split("Kế hoạch của tỉnh")[0]
    reviewer = _section(_home_text(client, "nv.reviewer"), "Báo cáo chờ phát hành")
    assert "Báo cáo Quý III năm 2023 — UBND tỉnh" in reviewer


def test_the_demo_area_coordinator_sees_what_awaits_them(client):
    text = _home_text(client, "vp.coordinator")
    waiting = _section(text, "Việc đang chờ")
    assert "báo cáo đang chờ Sở Nội vụ duyệt" in waiting
    assert "Năm 2023 (hạn gửi" in waiting
    assert _section(text, "Chỉ tiêu trong lĩnh vực cần chú ý").split("Kế hoạch của tỉnh")[0].strip()
