"""Demo data of the scoring (marked ``is_demo``): the example set applied to the Hưng Yên
sở/ban/ngành for 2023 with a full cycle (self-scores proposed from the plan's data, the head's
approval, the council's appraisal, explanations, the council's decision, survey points, the fixed
result and an issued Quyết định công bố), and a 2022 round on a copy of the set so that the
projection and the year-on-year view have last year's points. Seeded: a second load rebuilds the
same numbers."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, User

from . import documents, services
from .models import (
    Assessment,
    CriteriaSet,
    ExplanationRequest,
    LeafScore,
    Publication,
    ScoringRound,
)
from .rules import RuleKind, State, to_decimal
from .seeds import criteria_sets_load

PROVINCE = "hy-ubnd"
YEAR = 2023
DEMO_PASSWORD = "demo-cchc-2026"
COUNCIL_USER = (
    "council.member",
    "Vũ Thị Thẩm",
    "hy-snv",
    "Phó Giám đốc Sở Nội vụ, thành viên Hội đồng thẩm định",
)
#: the council member's units; the reviewer (also on the council) takes the others
MEMBER_UNITS = ["hy-stp", "hy-stc", "hy-stttt", "hy-sgddt"]
WINDOWS = {
    "self_start": date(2024, 1, 2),
    "self_end": date(2024, 1, 12),
    "appraisal_start": date(2024, 1, 15),
    "appraisal_end": date(2024, 1, 22),
    "explanation_start": date(2024, 1, 23),
    "explanation_end": date(2024, 1, 26),
}
DECISION = ("25", date(2024, 2, 5))
DEMO_REASON = "Dữ liệu mẫu"


@dataclass
class DemoSummary:
    rounds: int = 0
    assessments: int = 0
    leaves: int = 0
    explanations: int = 0
    publication: str = ""


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _outcomes(node) -> list[Decimal]:
    """The points a leaf's rule can give, best first."""
    params, maximum = node.rule_params, node.max_points
    if node.rule_kind == RuleKind.TIERED:
        values = [to_decimal(t.get("points")) for t in params.get("tiers", [])]
    elif node.rule_kind == RuleKind.BANDS:
        values = [to_decimal(b.get("points")) for b in params.get("bands", [])]
    elif node.rule_kind == RuleKind.YES_NO:
        values = [to_decimal(params.get("yes")) or maximum, to_decimal(params.get("no")) or 0]
    elif node.rule_kind == RuleKind.DEDUCTION:
        per = to_decimal(params.get("per")) or Decimal("0.5")
        values = [maximum, max(maximum - per, Decimal(0)), max(maximum - 2 * per, Decimal(0))]
    else:
        values = [
            maximum,
            (maximum * Decimal("0.75")).quantize(Decimal("0.01")),
            (maximum / 2).quantize(Decimal("0.01")),
        ]
    return sorted({v for v in values if v is not None}, reverse=True)


def demo_users_create() -> User:
    username, full_name, agency_code, _title = COUNCIL_USER
    family, _sep, given = full_name.rpartition(" ")
    user, _new = User.objects.update_or_create(
        username=username,
        defaults={
            "agency": Agency.objects.get(code=agency_code),
            "role": "",
            "first_name": given,
            "last_name": family,
            "email": f"{username}@demo.cchc.local",
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


def _demo_round_delete(province: Agency, year: int) -> None:
    round_ = ScoringRound.objects.filter(province=province, year=year, is_demo=True).first()
    if round_ is None:
        return
    for publication in round_.publications.all():
        if publication.file:
            publication.file.delete(save=False)
    round_.publications.all().delete()
    round_.delete()


class _Cycle:
    def __init__(self, round_: ScoringRound, rng: random.Random, users: dict[str, User | None]):
        self.round = round_
        self.rng = rng
        self.users = users

    def _save(self, item, reason: str, user: User | None = None, when: datetime | None = None):
        item._change_reason = reason
        item._history_user = user
        if when is not None:
            item._history_date = when
        item.save()

    def self_assess(self, assessment: Assessment, skill: float) -> None:
        reporter = self.users.get(f"{assessment.unit.code}:reporter")
        when = _at(WINDOWS["self_end"] - (WINDOWS["self_end"] - WINDOWS["self_start"]) / 2)
        for score in assessment.scores.select_related("node").order_by("node__position"):
            node = score.node
            if node.rule_kind == RuleKind.SURVEY:
                continue
            options = _outcomes(node)
            if node.measure and score.computed_points is not None:
                points, reason = score.computed_points, ""
                if self.rng.random() < 0.15 and points < node.max_points:
                    points = options[0]
                    reason = (
                        "Đơn vị đã hoàn thành nhưng báo cáo kỳ năm chưa được duyệt kịp; "
                        "kèm văn bản chứng minh."
                    )
            else:
                points = options[0] if self.rng.random() < skill else options[min(1, len(options) - 1)]
                reason = ""
            score.self_points, score.self_reason = points, reason
            if not node.measure and points == node.max_points and self.rng.random() < 0.2:
                score.self_note = "Đơn vị đã thực hiện đầy đủ; tài liệu kiểm chứng lưu tại văn thư."
            self._save(score, reason or DEMO_REASON, reporter, when)
        assessment.state = State.SENT
        assessment.submitted_at = when
        assessment.approved_at = _at(WINDOWS["self_end"])
        assessment.submitted_by = reporter
        assessment.approved_by = self.users.get(f"{assessment.unit.code}:head")
        self._save(
            assessment,
            "Thủ trưởng duyệt, gửi Sở Nội vụ (dữ liệu mẫu)",
            assessment.approved_by,
            assessment.approved_at,
        )

    def appraise(self, assessment: Assessment, member: User) -> list[LeafScore]:
        """Appraisal: bound leaves at the data's points, others mostly as self-scored; a few cut
        with a comment. Returns the leaves cut (candidates for an explanation)."""
        when = _at(WINDOWS["appraisal_start"])
        cut = []
        for score in assessment.scores.select_related("node").order_by("node__position"):
            node = score.node
            if node.rule_kind == RuleKind.SURVEY:
                continue
            points, comment = score.self_points, ""
            if node.measure and score.computed_points is not None:
                points = score.computed_points
                if points != score.self_points:
                    comment = "Theo số liệu đã duyệt của kế hoạch; lý do đơn vị nêu chưa đủ căn cứ."
            elif self.rng.random() < 0.12:
                lower = [o for o in _outcomes(node) if o < (score.self_points or 0)]
                if lower:
                    points = lower[0]
                    comment = "Tài liệu kiểm chứng chưa thể hiện đầy đủ kết quả đơn vị tự chấm."
            score.appraised_points, score.appraisal_comment = points, comment
            score.appraised_by, score.appraised_at = member, when
            self._save(score, comment or "Thẩm định (dữ liệu mẫu)", member, when)
            if points is not None and score.self_points is not None and points < score.self_points:
                cut.append(score)
        return cut

    def explain_and_decide(self, assessment: Assessment, cut: list[LeafScore], reviewer: User | None) -> int:
        asked = cut[:2]
        for score in asked:
            ExplanationRequest.objects.create(
                score=score,
                question="Đề nghị đơn vị giải trình, bổ sung tài liệu kiểm chứng.",
                requested_by=reviewer,
                due_on=WINDOWS["explanation_end"],
                answer=(
                    "Đơn vị bổ sung văn bản đã ban hành và báo cáo kết quả thực hiện; đề nghị "
                    "Hội đồng xem xét giữ điểm tự chấm."
                ),
                answered_by=self.users.get(f"{assessment.unit.code}:reporter"),
                answered_at=_at(WINDOWS["explanation_end"], 15),
            )
        for index, score in enumerate(asked):
            if index == 0 and not score.node.measure:
                score.council_points = score.self_points
                score.council_reason = "Hội đồng chấp nhận giải trình và tài liệu bổ sung."
                self._save(score, score.council_reason, reviewer, _at(date(2024, 1, 29)))
        assessment.state = State.COUNCIL
        self._save(
            assessment, "Hội đồng thẩm định quyết định (dữ liệu mẫu)", reviewer, _at(date(2024, 1, 29))
        )
        return len(asked)

    def survey(self, assessment: Assessment, level: float) -> None:
        for score in assessment.scores.select_related("node").filter(node__rule_kind=RuleKind.SURVEY):
            share = Decimal(str(min(0.98, max(0.55, self.rng.gauss(level, 0.06)))))
            score.survey_points = (score.node.max_points * share).quantize(Decimal("0.01"))
            self._save(
                score,
                "Kết quả điều tra xã hội học (dữ liệu mẫu)",
                self.users.get("reviewer"),
                _at(date(2024, 1, 25)),
            )


def _users() -> dict[str, User | None]:
    users = {"reviewer": User.objects.filter(username="nv.reviewer").first()}
    for user in User.objects.filter(username__in=["tp.reporter", "tp.head"]).select_related("agency"):
        users[f"{user.agency.code}:{'reporter' if user.role == 'reporter' else 'head'}"] = user
    return users


def _finalize(round_: ScoringRound, reviewer: User | None, day: date) -> None:
    for assessment in round_.assessments.all():
        assessment.state = State.FINAL
        assessment._change_reason = "Chốt kết quả (dữ liệu mẫu)"
        assessment.save()
    round_.finalized_at, round_.finalized_by = _at(day), reviewer
    round_.save()


def _cycle(
    round_: ScoringRound, rng: random.Random, users, member: User, *, explanations: bool
) -> tuple[int, int]:
    cycle = _Cycle(round_, rng, users)
    reviewer = users.get("reviewer")
    explained = 0
    assessments = list(round_.assessments.select_related("unit").order_by("unit__code"))
    for assessment in assessments:
        skill = rng.uniform(0.72, 0.99)
        cycle.self_assess(assessment, skill)
        appraiser = member if assessment.unit.code in MEMBER_UNITS else (reviewer or member)
        cut = cycle.appraise(assessment, appraiser)
        if explanations:
            explained += cycle.explain_and_decide(assessment, cut, reviewer)
        else:
            assessment.state = State.COUNCIL
            assessment.save()
        cycle.survey(assessment, skill - 0.03)
    return len(assessments), explained


@transaction.atomic
def scoring_demo_load(*, render: bool = True) -> DemoSummary:
    """Build the demo (replacing the previous demo rounds of Hưng Yên 2022 and 2023)."""
    criteria_sets_load()
    province = Agency.objects.get(code=PROVINCE)
    member = demo_users_create()
    users = _users()
    summary = DemoSummary()
    for year in (YEAR - 1, YEAR):
        if ScoringRound.objects.filter(province=province, year=year, is_demo=False).exists():
            return summary  # a real round of these years: leave it alone
        _demo_round_delete(province, year)

    # 2022: a copy of the example set, scored by hand (no 2022 plan in the seeds), fixed
    source = CriteriaSet.objects.get(province=province, year=YEAR, code="so-ban-nganh-vi-du", version=1)
    last_year = (
        CriteriaSet.objects.filter(province=province, year=YEAR - 1, code=source.code)
        .order_by("-version")
        .first()
    )
    if last_year is None:
        last_year = services.criteria_set_copy(source=source, year=YEAR - 1, user=None)
        last_year.status, last_year.published_at = CriteriaSet.Status.PUBLISHED, _at(date(2022, 3, 1))
        last_year.save()
    rng = random.Random("cchc-scoring-demo-2022")
    round_2022 = services.scoring_round_open(province=province, year=YEAR - 1, is_demo=True)
    services.council_member_set(
        round_=round_2022, member=member, units=Agency.objects.filter(code__in=MEMBER_UNITS)
    )
    count, _explained = _cycle(round_2022, rng, users, member, explanations=False)
    _finalize(round_2022, users.get("reviewer"), date(2023, 1, 30))
    summary.rounds += 1
    summary.assessments += count

    # 2023: the full cycle on the plan's data
    rng = random.Random("cchc-scoring-demo-2023")
    round_ = services.scoring_round_open(province=province, year=YEAR, is_demo=True, windows=WINDOWS)
    services.council_member_set(
        round_=round_,
        member=member,
        title=COUNCIL_USER[3],
        units=Agency.objects.filter(code__in=MEMBER_UNITS),
    )
    if users.get("reviewer") is not None:
        services.council_member_set(
            round_=round_,
            member=users["reviewer"],
            title="Chuyên viên Sở Nội vụ, thư ký Hội đồng",
            units=Agency.objects.filter(
                code__in=set(round_.assessments.values_list("unit__code", flat=True)) - set(MEMBER_UNITS)
            ),
        )
    services.round_scores_compute(round_id=round_.pk, as_of=WINDOWS["self_start"])
    count, explained = _cycle(round_, rng, users, member, explanations=True)
    _finalize(round_, users.get("reviewer"), date(2024, 1, 30))
    summary.rounds += 1
    summary.assessments += count
    summary.explanations = explained
    summary.leaves = LeafScore.objects.filter(assessment__round__in=[round_, round_2022]).count()

    number, issued_on = DECISION
    publication = Publication.objects.create(
        round=round_,
        data=documents.publication_data(round_),
        data_taken_at=_at(date(2024, 2, 1)),
        state=Publication.State.ISSUED,
        number=number,
        issued_on=issued_on,
        issuer=province,
        series=f"QĐ-{province.symbol or 'UBND'}",
        issued_year=issued_on.year,
        issued_by=users.get("reviewer"),
        issued_at=_at(issued_on),
        is_demo=True,
        render_status=Publication.Render.QUEUED,
    )
    summary.publication = f"{number}/QĐ-{province.symbol or 'UBND'}"
    if render:
        transaction.on_commit(lambda: services.publication_render(publication_id=publication.pk))
    return summary
