"""The year's process through the services (issue 23, "Build" 3): who may act at which step and
window, overrides of computed points only with a reason kept beside them, every change in the
history with who and why, explanations by their deadline, the council's decision, survey points,
fixing the result, the recompute job, the published decision frozen."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agencies.models import Agency, User
from plans.models import ReportingPeriod
from reporting.models import ReviewStatus, Submission, TargetResult
from reporting.progress import period_progress_compute
from reporting.services.year_close import year_reopen
from scoring import documents, jobs, selectors, services
from scoring.models import (
    Assessment,
    CriteriaSet,
    LeafScore,
    Publication,
    RecomputeRequest,
    ScoringRound,
)
from scoring.rules import State
from scoring.services import Entry
from scoring.tasks import scores_recompute

pytestmark = pytest.mark.django_db


def _user(name):
    return User.objects.get(username=name)


def _stp(round_) -> Assessment:
    return round_.assessments.select_related("unit", "round__province").get(unit__code="hy-stp")


def _leaf(assessment, code) -> LeafScore:
    return assessment.scores.select_related("node").get(node__code=code)


def test_opening_a_round_gives_each_unit_of_the_group_every_leaf(open_round):
    units = set(open_round.assessments.values_list("unit__code", flat=True))
    assert units == {
        "hy-snv",
        "hy-vp",
        "hy-stp",
        "hy-stc",
        "hy-stttt",
        "hy-sgddt",
        "hy-syt",
        "hy-skhdt",
    }  # the sở and Văn phòng UBND: group "so"
    leaves = open_round.assessments.first().criteria_set.nodes.filter(children__isnull=True)
    assert LeafScore.objects.filter(assessment__round=open_round).count() == 8 * leaves.count()
    # a second call adds nothing
    services.scoring_round_open(province=open_round.province, year=2023)
    assert open_round.assessments.count() == 8


def test_computed_points_are_proposed_with_their_evidence(open_round):
    leaf = _leaf(_stp(open_round), "1.2.1")  # reports on time: the demo's STP reports
    assert leaf.computed_points is not None and leaf.self_points == leaf.computed_points
    assert leaf.computed_evidence["period"] == "Năm 2023"
    assert leaf.computed_evidence["records"][0]["url"].startswith("/ke-hoach/ky/")
    manual = _leaf(_stp(open_round), "1.1.2")
    assert manual.computed_points is None and manual.self_points is None


def test_overriding_computed_points_needs_a_reason_kept_beside_them(open_round):
    assessment = _stp(open_round)
    leaf = _leaf(assessment, "1.2.1")
    computed = leaf.computed_points
    other = D(1) - computed  # 1.2.1 is worth 1: the other outcome
    with pytest.raises(ValidationError) as refused:
        services.self_scores_save(
            assessment=assessment, user=_user("tp.reporter"), entries={leaf.pk: Entry(points=other)}
        )
    assert "cần ghi lý do" in refused.value.message_dict[f"self-{leaf.pk}"][0]
    leaf.refresh_from_db()
    assert leaf.self_points == computed  # nothing written
    services.self_scores_save(
        assessment=assessment,
        user=_user("tp.reporter"),
        entries={leaf.pk: Entry(points=other, reason="Gửi qua văn thư đúng hạn.")},
    )
    leaf.refresh_from_db()
    assert (leaf.self_points, leaf.computed_points) == (other, computed)
    assert leaf.self_reason == "Gửi qua văn thư đúng hạn."
    last = leaf.history.first()
    assert last.history_user.username == "tp.reporter"
    assert last.history_change_reason == "Gửi qua văn thư đúng hạn."


def test_points_above_the_maximum_are_refused(open_round):
    assessment = _stp(open_round)
    leaf = _leaf(assessment, "1.1.2")
    with pytest.raises(ValidationError) as refused:
        services.self_scores_save(
            assessment=assessment, user=_user("tp.reporter"), entries={leaf.pk: Entry(points=D("1.5"))}
        )
    assert refused.value.message_dict[f"self-{leaf.pk}"] == ["Điểm phải từ 0 đến 1."]


def test_only_the_unit_s_reporter_self_scores_and_within_the_window(open_round):
    assessment = _stp(open_round)
    leaf = _leaf(assessment, "1.1.2")
    for name in ("tp.head", "nv.reviewer", "council.member", "ubnd.leader"):
        with pytest.raises(PermissionDenied):
            services.self_scores_save(
                assessment=assessment, user=_user(name), entries={leaf.pk: Entry(points=D(1))}
            )
    services.round_windows_set(
        round_=open_round, user=_user("nv.reviewer"), self_start=date(2024, 1, 2), self_end=date(2024, 1, 12)
    )
    assessment.round.refresh_from_db()
    with pytest.raises(ValidationError, match="Ngoài thời hạn tự chấm điểm"):
        services.self_scores_save(
            assessment=assessment,
            user=_user("tp.reporter"),
            entries={leaf.pk: Entry(points=D(1))},
            on=date(2024, 1, 13),
        )
    services.self_scores_save(
        assessment=assessment,
        user=_user("tp.reporter"),
        entries={leaf.pk: Entry(points=D(1))},
        on=date(2024, 1, 12),
    )


def _self_score_everything(assessment):
    entries = {}
    for leaf in assessment.scores.select_related("node"):
        if leaf.node.rule_kind == "survey":
            continue
        entries[leaf.pk] = Entry(
            points=leaf.computed_points if leaf.computed_points is not None else leaf.node.max_points
        )
    services.self_scores_save(assessment=assessment, user=_user("tp.reporter"), entries=entries)


def _sent(round_):
    assessment = _stp(round_)
    _self_score_everything(assessment)
    services.assessment_submit(assessment=assessment, user=_user("tp.reporter"))
    services.assessment_approve(assessment=assessment, user=_user("tp.head"))
    return Assessment.objects.select_related("round__province", "unit").get(pk=assessment.pk)


def test_submit_needs_every_leaf_then_the_head_approves_or_returns(open_round):
    assessment = _stp(open_round)
    with pytest.raises(ValidationError, match="Chưa tự chấm các tiêu chí: 1.1.1"):
        services.assessment_submit(assessment=assessment, user=_user("tp.reporter"))
    _self_score_everything(assessment)
    services.assessment_submit(assessment=assessment, user=_user("tp.reporter"))
    with pytest.raises(PermissionDenied):
        services.assessment_approve(assessment=assessment, user=_user("tp.reporter"))
    with pytest.raises(ValidationError):
        services.assessment_return(assessment=assessment, user=_user("tp.head"), note=" ")
    services.assessment_return(assessment=assessment, user=_user("tp.head"), note="Bổ sung tài liệu 1.3.1.")
    assessment.refresh_from_db()
    assert assessment.state == State.SELF and assessment.return_note == "Bổ sung tài liệu 1.3.1."
    services.assessment_submit(assessment=assessment, user=_user("tp.reporter"))
    services.assessment_approve(assessment=assessment, user=_user("tp.head"))
    assessment.refresh_from_db()
    assert assessment.state == State.SENT and assessment.approved_by.username == "tp.head"
    with pytest.raises(ValidationError, match="đã gửi kết quả tự chấm"):
        services.self_scores_save(
            assessment=assessment,
            user=_user("tp.reporter"),
            entries={_leaf(assessment, "1.1.2").pk: Entry(points=D(0))},
        )


def test_a_council_member_scores_only_the_units_assigned(open_round):
    assessment = _sent(open_round)
    leaf = _leaf(assessment, "1.1.3")
    services.appraisal_save(
        assessment=assessment,
        user=_user("council.member"),
        entries={leaf.pk: Entry(points=D(0), reason="Chưa phân công rõ.")},
    )
    leaf.refresh_from_db()
    assert (leaf.appraised_points, leaf.appraisal_comment) == (D(0), "Chưa phân công rõ.")
    assert leaf.appraised_by.username == "council.member"
    assert Assessment.objects.get(pk=assessment.pk).state == State.APPRAISAL
    other = open_round.assessments.get(unit__code="hy-snv")
    other.state = State.SENT
    other.save()
    with pytest.raises(PermissionDenied):
        services.appraisal_save(
            assessment=other,
            user=_user("council.member"),
            entries={_leaf(other, "1.1.3").pk: Entry(points=D(0), reason="x")},
        )
    assert _leaf(other, "1.1.3").appraised_points is None


def test_an_appraisal_below_the_unit_s_score_needs_a_comment(open_round):
    assessment = _sent(open_round)
    leaf = _leaf(assessment, "1.1.3")
    with pytest.raises(ValidationError) as refused:
        services.appraisal_save(
            assessment=assessment, user=_user("council.member"), entries={leaf.pk: Entry(points=D(0))}
        )
    assert "cần ghi nhận xét" in refused.value.message_dict[f"appraise-{leaf.pk}"][0]


def test_explanations_by_the_deadline_then_the_council_decides(open_round):
    assessment = _sent(open_round)
    leaf = _leaf(assessment, "1.3.1")
    services.appraisal_save(
        assessment=assessment,
        user=_user("council.member"),
        entries={leaf.pk: Entry(points=D(0), reason="Không có kế hoạch.")},
    )
    services.round_windows_set(
        round_=open_round, user=_user("nv.reviewer"), explanation_end=date(2024, 1, 26)
    )
    assessment = Assessment.objects.select_related("round__province", "unit").get(pk=assessment.pk)
    services.explanations_request(
        assessment=assessment,
        user=_user("council.member"),
        questions={leaf.pk: "Đề nghị gửi kế hoạch kiểm tra."},
    )
    request = leaf.explanation
    assert request.due_on == date(2024, 1, 26)
    with pytest.raises(ValidationError, match="quá hạn giải trình"):
        services.explanation_answer(
            request=request, user=_user("tp.reporter"), text="Đã có.", on=date(2024, 1, 27)
        )
    with pytest.raises(PermissionDenied):
        services.explanation_answer(
            request=request, user=_user("tp.head"), text="Đã có.", on=date(2024, 1, 26)
        )
    services.explanation_answer(
        request=request, user=_user("tp.reporter"), text="Kế hoạch số 12/KH-STP.", on=date(2024, 1, 26)
    )
    with pytest.raises(ValidationError, match="Ghi lý do"):
        services.council_decide(
            assessment=assessment, user=_user("nv.reviewer"), entries={leaf.pk: Entry(points=D(1))}
        )
    with pytest.raises(PermissionDenied):
        services.council_decide(
            assessment=assessment,
            user=_user("council.member"),
            entries={leaf.pk: Entry(points=D(1), reason="x")},
        )
    services.council_decide(
        assessment=assessment,
        user=_user("nv.reviewer"),
        entries={leaf.pk: Entry(points=D(1), reason="Chấp nhận giải trình.")},
    )
    leaf.refresh_from_db()
    assert (leaf.appraised_points, leaf.council_points) == (D(0), D(1))
    sheet = selectors.assessment_sheet(Assessment.objects.get(pk=assessment.pk))
    row = next(r for r in sheet.rows if r.row.node.code == "1.3.1")
    assert (row.final, row.final_source) == (D(1), "council")
    lines = [h for h in sheet.history if h.code == "1.3.1"]
    assert [(h.who, h.why) for h in lines[:2]] == [
        ("Nguyễn Thị Hòa", "Chấp nhận giải trình."),
        ("Vũ Thị Thẩm", "Không có kế hoạch."),
    ]


def test_fixing_the_result_needs_every_decision_and_every_survey_point(open_round):
    reviewer = _user("nv.reviewer")
    with pytest.raises(ValidationError, match="Hội đồng chưa quyết định"):
        services.round_finalize(round_=open_round, user=reviewer)
    open_round.assessments.update(state=State.COUNCIL)
    with pytest.raises(ValidationError, match="Chưa có điểm điều tra xã hội học"):
        services.round_finalize(round_=open_round, user=reviewer)
    survey = LeafScore.objects.filter(assessment__round=open_round, node__rule_kind="survey")
    services.survey_points_set(
        round_=open_round,
        user=reviewer,
        points={(s.assessment_id, s.node_id): s.node.max_points / 2 for s in survey.select_related("node")},
    )
    services.round_finalize(round_=open_round, user=reviewer)
    assert set(open_round.assessments.values_list("state", flat=True)) == {State.FINAL}
    with pytest.raises(ValidationError, match="đã chốt"):
        services.survey_points_set(
            round_=ScoringRound.objects.get(pk=open_round.pk), user=reviewer, points={}
        )


def test_the_recompute_job_is_idempotent_and_follows_the_data(open_round):
    """After a change of the plan's figures the job recomputes the whole province; a second run
    changes nothing; an untouched proposal follows the new points."""
    reviewer = _user("nv.reviewer")
    jobs.recompute_request(open_round.pk)
    assert RecomputeRequest.objects.filter(round=open_round).exists()
    result = scores_recompute.apply(args=[open_round.pk]).get()
    assert result["changed"] >= 0 and result["leaves"] == 8 * 8
    assert not RecomputeRequest.objects.filter(round=open_round).exists()
    assert scores_recompute.apply(args=[open_round.pk]).get()["changed"] == 0
    # the year open again (the demo closes it: a closed year is scored on its frozen verdicts);
    # Sở Tư pháp's year report only submitted (awaiting review): nothing to score from it
    stp = Agency.objects.get(code="hy-stp")
    year = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    year_reopen(plan=year.plan, user=None, reason="Kiểm thử: đọc số liệu chưa chốt")
    Submission.objects.filter(period=year, agency=stp).update(status="submitted")
    TargetResult.objects.filter(submission__period=year, submission__agency=stp).update(
        review_status=ReviewStatus.PENDING
    )
    period_progress_compute(period_id=year.pk)
    services.round_scores_compute(round_id=open_round.pk, as_of=date(2024, 1, 5))
    # approve it, recompute the plan, then the round
    Submission.objects.filter(period=year, agency=stp).update(status="approved")
    TargetResult.objects.filter(submission__period=year, submission__agency=stp).update(
        review_status=ReviewStatus.APPROVED
    )
    period_progress_compute(period_id=year.pk)
    assert jobs.rounds_to_refresh() == [open_round.pk]
    before = _leaf(_stp(open_round), "1.4.1")
    assert before.computed_points is None
    services.round_scores_compute(round_id=open_round.pk, as_of=date(2024, 1, 5))
    after = _leaf(_stp(open_round), "1.4.1")
    assert after.computed_points is not None and after.self_points == after.computed_points
    assert after.history.first().history_change_reason == "Tính lại từ dữ liệu kế hoạch"
    assert reviewer  # the job needs no user


def test_the_demo_round_is_ranked_in_bands_and_published(django_assert_max_num_queries):
    round_ = ScoringRound.objects.get(province__code="hy-ubnd", year=2023)
    results = selectors.round_results(round_)
    assert len(results.units) == 8 and all(u.assessment.state == State.FINAL for u in results.units)
    ranks = sorted(u.rank for u in results.units)
    assert ranks[0] == 1 and all(u.band in {"Tốt", "Khá", "Trung bình", "Yếu"} for u in results.units)
    for unit in results.units:  # the index is points over the maximum, two decimals
        assert unit.index == (unit.points / unit.max_points * 100).quantize(D("0.01"))
    publication = round_.publications.get()
    assert publication.is_issued and publication.number == "25"
    frozen = publication.data["groups"][0]["rows"]
    assert [r["unit"] for r in frozen] == [
        u.assessment.unit.name for _c, _l, us in results.by_group() for u in us
    ]


def test_an_issued_decision_keeps_its_ranking_when_scores_change():
    round_ = ScoringRound.objects.get(province__code="hy-ubnd", year=2023)
    publication = round_.publications.get()
    before = publication.data
    LeafScore.objects.filter(assessment__round=round_, node__code="3.4.1").update(survey_points=0)
    assert Publication.objects.get(pk=publication.pk).data == before
    assert documents.publication_data(round_) != before  # the live result moved


def test_publishing_a_set_freezes_it_and_a_copy_makes_next_year_s_draft():
    source = CriteriaSet.objects.get(province__code="hy-ubnd", year=2023, version=1)
    assert source.is_published
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.criteria_nodes_replace(criteria_set=source, specs=[])
    copy = services.criteria_set_copy(source=source, year=2024, user=_user("nv.reviewer"))
    assert (copy.year, copy.version, copy.status) == (2024, 1, "draft")
    assert copy.title == source.title.replace("2023", "2024")
    assert list(copy.nodes.values_list("code", "max_points", "rule_kind", "measure")) == list(
        source.nodes.values_list("code", "max_points", "rule_kind", "measure")
    )
    version = services.criteria_set_copy(source=source, year=2023, user=_user("nv.reviewer"))
    assert version.version == 2 and version.copied_from == source
    with pytest.raises(PermissionDenied):
        services.criteria_set_copy(source=source, year=2025, user=_user("tp.reporter"))
    services.criteria_set_publish(criteria_set=copy, user=_user("nv.reviewer"))
    assert CriteriaSet.objects.get(pk=copy.pk).is_published


def test_a_set_with_problems_is_not_published():
    source = CriteriaSet.objects.get(province__code="hy-ubnd", year=2023, version=1)
    copy = services.criteria_set_copy(source=source, year=2024, user=None)
    copy.nodes.filter(code="1.1.1").update(max_points=D(3))
    problems = services.criteria_set_problems(criteria_set=copy)
    assert "1.1: điểm tối đa 5 nhưng các tiêu chí bên dưới cộng lại 7." in problems
    with pytest.raises(ValidationError):
        services.criteria_set_publish(criteria_set=copy, user=_user("nv.reviewer"))
    assert not CriteriaSet.objects.get(pk=copy.pk).is_published
