"""Demo data: one user per role and plausible synthetic results for every period of the seed
plans. Every submission it writes has ``is_demo=True`` and the pages say so; loading again
replaces the demo submissions with the same numbers (the generator is seeded).

The data follows the judgements of DOMAIN.md, and shows each of them: cumulative percentages
("hoàn thành 100% kế hoạch đào tạo", "giải ngân 100% vốn") grow over the periods, year to date;
every task marked done has its evidence (a document number, a date and a small file); a task
given a date by the Sở Nội vụ is left unfinished past it (quá hạn); a report is first sent after
its deadline and then approved (gửi muộn), another sent on time, returned and sent again (still
on time); some lines answer "không phát sinh"; a report of the year waits for review; average
waiting times carry their number of transactions; and the years of both plans are closed (chốt
năm), their verdicts frozen, as the daily job would have done after 31/12."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from agencies.access import province_of
from agencies.models import Agency, AgencySuccession, User
from cchc import clock
from cchc.history import history_attribute
from plans.models import Plan, ReportingPeriod, Task, YearClose
from reporting.evidence import sha256_of
from reporting.models import (
    EvidenceFile,
    PeriodReopening,
    ReviewStatus,
    Submission,
    TargetResult,
    TaskUpdate,
)
from reporting.progress import period_progress_compute
from reporting.services.restructuring import restructure
from reporting.services.year_close import year_close
from targets import rules
from targets.models import Target
from targets.selectors import plan_target_assignments, with_level_thresholds

DEMO_PASSWORD = "demo-cchc-2026"

#: (username, role, agency code, full name, is_staff)
DEMO_USERS = [
    ("nv.reviewer", User.Role.REVIEWER, "hy-snv", "Nguyễn Thị Hòa", True),
    ("tp.reporter", User.Role.REPORTER, "hy-stp", "Trần Văn Bình", False),
    ("tp.head", User.Role.AGENCY_HEAD, "hy-stp", "Lê Minh Đức", False),
    ("vp.coordinator", User.Role.COORDINATOR, "hy-vp", "Phạm Thu Trang", False),
    ("ubnd.leader", User.Role.LEADERSHIP, "hy-ubnd", "Đỗ Quang Huy", False),
]

# Share of a year's volume in each quarter, and which quarters each period's window covers
# (DOMAIN.md: Quý I and 6 tháng start on 15/12 of the previous year; Quý III is one quarter).
QUARTERS_IN_PERIOD = {"q1": (0,), "h1": (0, 1), "q3": (2,), "year": (0, 1, 2, 3)}
YEARLY_ONLY = {rules.Measure.RANK, rules.Measure.SCORE}

#: tasks the Sở Nội vụ gives a date the plan does not print, and that their lead leaves
#: unfinished past it, so that "quá hạn" shows (plan code → [(task code, due date)])
DEMO_DUE_DATES = {
    "hung-yen-2023": [("1.b", date(2023, 6, 30))],
    "hai-duong-2024": [("3.2", date(2024, 6, 30))],
}
DEMO_DUE_REASON = "Dữ liệu mẫu: Sở Nội vụ giao hạn hoàn thành."
#: lines answered "không phát sinh": (plan code, target code, agency kinds) → the reason
DEMO_NOT_APPLICABLE = {
    ("hung-yen-2023", "5.b", "ubnd_huyen"): (
        "Không có đơn vị sự nghiệp kinh tế đủ điều kiện chuyển đổi (dữ liệu mẫu)."
    ),
    ("hai-duong-2024", "2.2", "so"): (
        "Kỳ này không phát hiện văn bản trái pháp luật, mâu thuẫn, chồng chéo (dữ liệu mẫu)."
    ),
}
#: targets the demo has one more agency report, as the reviewer would on the target's page, so
#: that the demo reporter (Sở Tư pháp, whose plan lines are all rates) has a plain figure to type:
#: (plan code, target code) → the agencies added to the one responsible
DEMO_EXTRA_REPORTERS = {
    ("hung-yen-2023", "2.c.1"): ["hy-stp"],
}
DEMO_EXTRA_REPORTERS_REASON = (
    "Dữ liệu mẫu: Sở Tư pháp báo cáo mức độ hài lòng về giải quyết TTHC của đơn vị mình."
)
#: a small PDF: the evidence file of the demo's completed tasks
DEMO_EVIDENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
DEMO_EVIDENCE_PREFIX = "minh-chung-mau-"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    agency: str


def demo_users_create() -> list[DemoUser]:
    created = []
    for username, role, agency_code, full_name, is_staff in DEMO_USERS:
        agency = Agency.objects.get(code=agency_code)
        first, _sep, last = full_name.rpartition(" ")
        user, _new = User.objects.update_or_create(
            username=username,
            defaults={
                "role": role,
                "agency": agency,
                "first_name": last,
                "last_name": first,
                "is_staff": is_staff,
                "is_superuser": is_staff,
                "email": f"{username}@demo.cchc.local",
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        province = agency.place_name or ""
        created.append(
            DemoUser(
                username,
                user.get_role_display(),
                f"{agency.name}{f' ({province})' if province not in agency.name else ''}",
            )
        )
    return created


class _PlanDemo:
    def __init__(self, plan: Plan, reviewer: User | None):
        self.plan = plan
        self.reviewer = reviewer
        self.rng = random.Random(f"cchc-demo-{plan.code}")
        # a second stream for what the judgements need (resendings, transactions), so that the
        # first draws the same numbers as before them
        self.judgements = random.Random(f"cchc-demo-judgements-{plan.code}")
        # a third for the lines of DEMO_EXTRA_REPORTERS, so that adding them draws nothing
        # from the first two (every other figure stays as it was)
        self.extra_rng = random.Random(f"cchc-demo-extra-{plan.code}")
        self.extra_lines = {
            (t.pk, a.pk)
            for (code, target_code), agencies in DEMO_EXTRA_REPORTERS.items()
            if code == plan.code
            for t in Target.objects.filter(statement__plan=plan, code=target_code)
            for a in Agency.objects.filter(code__in=agencies)
        }
        self.evidence: dict[int, EvidenceFile] = {}
        self.unfinished = {
            t.pk
            for t in Task.objects.filter(
                plan=plan, code__in=[c for c, _d in DEMO_DUE_DATES.get(plan.code, [])]
            )
        }
        self.periods = list(plan.periods.order_by("position"))
        self.assignments = plan_target_assignments(plan)
        self.targets = {
            t.pk: t
            for t in Target.objects.filter(statement__plan=plan).prefetch_related(with_level_thresholds())
        }
        self.agencies = {
            a.pk: a for a in Agency.objects.filter(parent=plan.issuer_id).select_related("level")
        }
        self.compilers = set(
            Agency.objects.filter(parent=plan.issuer_id, code__endswith="-snv").values_list("pk", flat=True)
        )
        self.tasks = list(Task.objects.filter(plan=plan).prefetch_related("lead_agencies"))
        # the demo's reporters, who the history says typed their agency's figures
        self.reporters = {
            user.agency_id: user
            for user in User.objects.filter(role=User.Role.REPORTER, username__in=[u[0] for u in DEMO_USERS])
        }
        # Per (target, agency): the yearly volume split into quarters, and the hit rate.
        self.profiles: dict[tuple[int, int], dict] = {}
        # Per (task, agency): the quarter it is completed in (None: not this year).
        self.finish_quarter: dict[tuple[int, int], int | None] = {}

    def reporting(self) -> tuple[dict[int, list[Task]], set[int]]:
        """The tasks each agency leads, and every agency that reports: a lead of some task or
        assigned some target."""
        task_leads: dict[int, list[Task]] = {}
        for task in self.tasks:
            for agency in task.lead_agencies.all():
                task_leads.setdefault(agency.pk, []).append(task)
        reporting = set(task_leads)
        for agency_ids in self.assignments.values():
            reporting |= agency_ids
        return task_leads, reporting

    def run(self) -> tuple[int, int, int]:
        counts = [0, 0, 0]
        task_leads, reporting = self.reporting()
        for period in self.periods:
            for agency_id in sorted(reporting):
                status = self._status(period)
                if agency_id in self.compilers:
                    # Sở Nội vụ compiles the plan-wide figures (indices, satisfaction, staff
                    # cuts); the demo keeps them approved so the plan's headline has data.
                    status = Submission.Status.APPROVED
                if status is None:
                    continue  # this agency has not reported this period: shows as missing
                submission = self._submission(agency_id, period, status)
                results = self._results(submission, agency_id, period)
                updates = self._task_updates(submission, task_leads.get(agency_id, []), period)
                self._lines_save(submission, results, updates)
                counts[0] += 1
                counts[1] += len(results)
                counts[2] += len(updates)
        self._judgements_shown()
        return tuple(counts)

    def _judgements_shown(self) -> None:
        """Make sure the demo shows each judgement at least once (deterministically: the first
        report in the plan's order that fits): a report first sent after its deadline then
        approved; one sent on time, returned and sent again; one of the year awaiting review."""
        submissions = list(
            Submission.objects.filter(period__plan=self.plan, is_demo=True)
            .select_related("period", "agency")
            .order_by("period__position", "agency__code")
        )
        approved = [
            s for s in submissions if s.status == Submission.Status.APPROVED and s.period.kind != "year"
        ]
        on_time = [s for s in approved if clock.local_date(s.first_submitted_at) <= s.period.deadline]
        if on_time:  # gửi muộn: first sent two days after the deadline, then approved
            late = on_time[0]
            late.first_submitted_at = late.submitted_at = datetime.combine(
                late.period.deadline + timedelta(days=2), time(9, 15), tzinfo=timezone.get_current_timezone()
            )
            late.reviewed_at = late.submitted_at + timedelta(days=3)
            late.save(update_fields=["first_submitted_at", "submitted_at", "reviewed_at"])
        if len(on_time) > 1:  # sent on time, returned, sent again after the deadline: on time
            resent = on_time[1]
            resent.submitted_at = datetime.combine(
                resent.period.deadline + timedelta(days=4),
                time(10, 0),
                tzinfo=timezone.get_current_timezone(),
            )
            resent.reviewed_at = resent.submitted_at + timedelta(days=1)
            resent.save(update_fields=["submitted_at", "reviewed_at"])
        year = [s for s in submissions if s.period.kind == "year" and s.agency_id not in self.compilers]
        if year and not any(s.status == Submission.Status.SUBMITTED for s in year):
            waiting = next((s for s in year if s.status == Submission.Status.APPROVED), None)
            if waiting is not None:  # chờ duyệt: not the agency's doing
                waiting.status, waiting.reviewed_at, waiting.reviewed_by = (
                    Submission.Status.SUBMITTED,
                    None,
                    None,
                )
                waiting.save(update_fields=["status", "reviewed_at", "reviewed_by"])
                for model in (TargetResult, TaskUpdate):
                    model.objects.filter(submission=waiting).update(review_status=ReviewStatus.PENDING)

    def _lines_save(self, submission, results, updates) -> None:
        """The lines with their history as it would have happened: typed by the agency's reporter
        when the report was sent, judged by the reviewer when it was reviewed (a history page
        credits each step to whom it belongs, not every figure to the reviewer)."""
        reporter = self.reporters.get(submission.agency_id)
        typed = submission.submitted_at or datetime.combine(
            submission.period.deadline, time(9), tzinfo=timezone.get_current_timezone()
        )
        submission.history.update(history_user=reporter, history_date=typed)
        judged = [(line, line.review_status, line.review_note) for line in [*results, *updates]]
        for line, _status, _note in judged:
            line.review_status, line.review_note = ReviewStatus.PENDING, ""
        for model, lines in ((TargetResult, results), (TaskUpdate, updates)):
            bulk_create_with_history(lines, model, default_user=reporter, default_date=typed)
        if submission.reviewed_at is None:
            return
        for line, status, note in judged:
            line.review_status, line.review_note = status, note
        for model, lines in ((TargetResult, results), (TaskUpdate, updates)):
            reviewed = [line for line in lines if line.review_status != ReviewStatus.PENDING]
            bulk_update_with_history(
                reviewed,
                model,
                ["review_status", "review_note"],
                default_user=self.reviewer,
                default_date=submission.reviewed_at,
            )

    def _status(self, period: ReportingPeriod) -> str | None:
        roll = self.rng.random()
        if roll < 0.06:
            return None
        if roll < 0.10:
            return Submission.Status.DRAFT
        if roll < 0.15:
            return Submission.Status.RETURNED
        if roll < 0.25 and period.kind == "year":
            return Submission.Status.SUBMITTED
        return Submission.Status.APPROVED

    def _submission(self, agency_id, period, status) -> Submission:
        deadline = datetime.combine(period.deadline, time(16, 30), tzinfo=timezone.get_current_timezone())
        first = sent = None
        if status != Submission.Status.DRAFT:
            first = sent = deadline - timedelta(days=self.rng.randint(-4, 9), hours=self.rng.randint(0, 6))
            if status == Submission.Status.APPROVED and self.judgements.random() < 0.1:
                sent = first + timedelta(days=self.judgements.randint(2, 6))  # returned, sent again
        reviewed = status in (Submission.Status.APPROVED, Submission.Status.RETURNED)
        return Submission.objects.create(
            agency_id=agency_id,
            period=period,
            status=status,
            submitted_at=sent,
            first_submitted_at=first,
            reviewed_at=sent + timedelta(days=self.rng.randint(1, 5)) if reviewed else None,
            reviewed_by=self.reviewer if reviewed else None,
            return_reason=(
                "Đề nghị bổ sung số liệu và tài liệu kiểm chứng (dữ liệu mẫu)."
                if status == Submission.Status.RETURNED
                else ""
            ),
            is_demo=True,
        )

    def _line_review(self, submission) -> tuple[str, str]:
        if submission.status == Submission.Status.APPROVED:
            return ReviewStatus.APPROVED, ""
        if submission.status == Submission.Status.RETURNED and self.rng.random() < 0.5:
            return ReviewStatus.RETURNED, "Số liệu chưa khớp với hệ thống một cửa (dữ liệu mẫu)."
        return ReviewStatus.PENDING, ""

    def _results(self, submission, agency_id, period) -> list[TargetResult]:
        results = []
        for target_id, agency_ids in self.assignments.items():
            if agency_id not in agency_ids:
                continue
            target = self.targets[target_id]
            if target.measure in YEARLY_ONLY and period.kind != "year":
                continue
            line = TargetResult(submission=submission, target=target, comment="Dữ liệu mẫu, sinh tự động.")
            main = self.rng
            if (target_id, agency_id) in self.extra_lines:
                self.rng = self.extra_rng
            try:
                self._fill(line, target, agency_id, period)
                self._not_applicable(line, target, agency_id)
                if rules.is_time_unit(target.unit) and line.value is not None:
                    line.transactions = self.judgements.randint(300, 6000)  # lượt giao dịch
                line.review_status, line.review_note = self._line_review(submission)
            finally:
                self.rng = main
            results.append(line)
        return results

    def _not_applicable(self, line: TargetResult, target: Target, agency_id: int) -> None:
        """ "Không phát sinh", with its reason, where nothing arose (``DEMO_NOT_APPLICABLE``)."""
        agency = self.agencies.get(agency_id)
        reason = DEMO_NOT_APPLICABLE.get((self.plan.code, target.code, agency.kind if agency else ""))
        if reason is None:
            return
        line.numerator = line.denominator = line.value = line.done = None
        line.not_applicable, line.not_applicable_reason = True, reason

    def _profile(self, target: Target, agency_id: int) -> dict:
        key = (target.pk, agency_id)
        if key not in self.profiles:
            rng = self.rng
            goal = self._goal(target, agency_id)
            yearly = rng.randint(60, 3200)
            spread = [rng.uniform(0.8, 1.2) for _ in range(4)]
            total = sum(spread)
            self.profiles[key] = {
                "goal": goal,
                "quarters": [max(1, round(yearly * s / total)) for s in spread],
                # Most agencies land near the goal; a few fall clearly short.
                "hit": rng.choice([0.0, 0.01, 0.02, 0.03, -0.02, -0.06, -0.12]),
                "finish_quarter": rng.choice([0, 1, 1, 2, 2, 3, 3, None]),
            }
        return self.profiles[key]

    def _goal(self, target: Target, agency_id: int) -> Decimal | None:
        if target.value is not None:
            return target.value
        agency = self.agencies.get(agency_id)
        for threshold in target.level_thresholds.all():
            if agency is not None and threshold.level_id == agency.level_id:
                return threshold.value
        thresholds = list(target.level_thresholds.all())
        return thresholds[0].value if thresholds else None

    def _fill(self, line: TargetResult, target: Target, agency_id: int, period) -> None:
        profile = self._profile(target, agency_id)
        quarters = QUARTERS_IN_PERIOD[period.kind]
        goal = profile["goal"]
        measure = target.measure
        if measure == rules.Measure.MILESTONE:
            finish = profile["finish_quarter"]
            line.done = finish is not None and finish <= max(quarters)
            return
        if target.comparator in rules.BASELINE_COMPARATORS:
            line.value = self._against_baseline(target, max(quarters), profile["hit"])
            return
        if measure == rules.Measure.RATE:
            denominator = sum(profile["quarters"][q] for q in quarters)
            share = float(goal or 90) / 100 + profile["hit"]
            if target.comparator in (rules.Comparator.EQ,) and profile["hit"] >= 0:
                share = 1.0
            share = min(1.0, max(0.3, share + self.rng.uniform(-0.015, 0.015)))
            line.denominator = Decimal(denominator)
            line.numerator = Decimal(min(denominator, round(denominator * share)))
            return
        if measure == rules.Measure.RANK:
            line.value = Decimal(self.rng.randint(9, 34))
            return
        if measure == rules.Measure.SCORE:
            line.value = Decimal(str(round(self.rng.uniform(80, 92), 2)))
            return
        if measure == rules.Measure.COUNT:
            total = float(goal or 4)
            per_quarter = total / 4 * (1 + profile["hit"] * 4)
            line.value = Decimal(round(per_quarter * len(quarters)))
            return
        if measure == rules.Measure.QUANTITY:
            base = float(goal or 15)
            lower = target.direction == rules.Direction.LOWER
            line.value = Decimal(str(round(base * (0.7 if lower else 1.1) - profile["hit"] * base, 1)))
            return
        # percent entered directly (surveys, disbursement): a cumulative one ("giải ngân 100% vốn")
        # is reported year to date, so it grows with the periods' cut-offs
        base = float(goal if goal is not None else 88)
        progress = (max(quarters) + 1) / 4 if target.cumulative else 1
        value = min(100.0, max(0.0, base * progress + profile["hit"] * 100 + self.rng.uniform(-1.5, 1.5)))
        line.value = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def _against_baseline(self, target: Target, last_quarter: int, hit: float) -> Decimal | None:
        """The level reached at the end of the window, judged against the baseline: the
        number of units now, this year's score or rank, this year's satisfaction."""
        base = target.baseline_value
        if base is None:
            return None
        share_of_year = (last_quarter + 1) / 4
        if target.measure == rules.Measure.RANK:
            return max(Decimal(1), base - self.rng.randint(-1, 6))
        if target.measure == rules.Measure.COUNT:
            # A reduction (đơn vị, biên chế) carried out through the year.
            required = float(target.value) / 100 if target.unit == "%" and target.value else 0.02
            cut = float(base) * required * share_of_year * (1 + hit * 8)
            return Decimal(max(0, round(float(base) - cut)))
        step = Decimal(str(round(self.rng.uniform(-1.5, 3.0) + hit * 20, 2)))
        value = base + step
        return min(value, Decimal(100)) if target.unit == "%" else value

    def _task_updates(self, submission, tasks: list[Task], period) -> list[TaskUpdate]:
        updates = []
        last_quarter = max(QUARTERS_IN_PERIOD[period.kind])
        for task in tasks:
            key = (task.pk, submission.agency_id)
            if key not in self.finish_quarter:
                self.finish_quarter[key] = self.rng.choice([0, 1, 1, 2, 2, 3, 3, 3, None])
            finish = self.finish_quarter[key]
            update = TaskUpdate(submission=submission, task=task, note="Dữ liệu mẫu, sinh tự động.")
            if task.recurring or (finish is not None and finish <= last_quarter):
                update.progress = TaskUpdate.Progress.DONE
                update.percent = 100
                done_on = period.window_end - timedelta(days=self.rng.randint(3, 60))
                update.completed_on = done_on
                update.evidence_number = f"{self.rng.randint(12, 480)}/KH-{self._symbol(submission)}"
                update.evidence_date = done_on
                update.evidence_file = self._evidence_file(submission.agency_id)
            elif last_quarter == 0 and self.rng.random() < 0.3:
                update.progress = TaskUpdate.Progress.NOT_STARTED
            else:
                update.progress = TaskUpdate.Progress.IN_PROGRESS
                update.percent = min(90, 20 + 20 * last_quarter + self.rng.randint(0, 15))
            if task.pk in self.unfinished and update.progress == TaskUpdate.Progress.DONE:
                # given a date by the Sở Nội vụ and left unfinished past it: quá hạn
                update.progress, update.percent, update.completed_on = (
                    TaskUpdate.Progress.IN_PROGRESS,
                    60,
                    None,
                )
                update.evidence_number, update.evidence_date, update.evidence_file = "", None, None
            update.review_status, update.review_note = self._line_review(submission)
            updates.append(update)
        return updates

    def _evidence_file(self, agency_id: int) -> EvidenceFile:
        """The agency's evidence file for the tasks it completed (one small PDF per agency)."""
        if agency_id not in self.evidence:
            agency = self.agencies.get(agency_id)
            name = (
                f"{DEMO_EVIDENCE_PREFIX}{(agency.symbol if agency and agency.symbol else 'UBND').lower()}.pdf"
            )
            evidence = EvidenceFile(
                agency_id=agency_id,
                name=name,
                kind="pdf",
                size=len(DEMO_EVIDENCE_PDF),
                sha256=sha256_of(ContentFile(DEMO_EVIDENCE_PDF)),
            )
            evidence.file.save("upload", ContentFile(DEMO_EVIDENCE_PDF), save=False)
            evidence.save()
            self.evidence[agency_id] = evidence
        return self.evidence[agency_id]

    def _symbol(self, submission) -> str:
        agency = self.agencies.get(submission.agency_id)
        return agency.symbol if agency and agency.symbol else "UBND"


#: Baselines for targets judged against a year whose figure the plan does not print.
DEMO_BASELINES = {
    rules.Measure.SCORE: Decimal("84.50"),
    rules.Measure.RANK: Decimal(21),
    rules.Measure.PERCENT: Decimal(85),
    rules.Measure.COUNT: Decimal(1200),
}


def demo_baseline(target: Target) -> Decimal | None:
    """A plausible baseline for a demo. "Giảm tối thiểu 2,5% (tương ứng 15 đơn vị)" gives it
    exactly: 15 / 2,5% = 600 units."""
    if target.measure == rules.Measure.COUNT and target.unit == "%" and target.value:
        found = re.search(r"\d+(?:,\d+)?", target.note or "")
        if found:
            corresponding = rules.parse_vn_number(found.group())
            return (corresponding * 100 / target.value).quantize(Decimal(1), ROUND_HALF_UP)
    return DEMO_BASELINES.get(target.measure)


def demo_baselines_set() -> int:
    """Fill the baselines the seed plans leave blank, marked as demo; a baseline somebody
    entered is never touched. Returns how many were set."""
    changed = 0
    for target in Target.objects.filter(
        comparator__in=rules.BASELINE_COMPARATORS, statement__plan__source_note="seed"
    ):
        if target.baseline_value is not None and not target.baseline_is_demo:
            continue
        value = demo_baseline(target)
        if value is not None and target.baseline_value != value:
            target.baseline_value, target.baseline_is_demo = value, True
            target.save(update_fields=["baseline_value", "baseline_is_demo"])
            changed += 1
    return changed


@transaction.atomic
def demo_data_load() -> dict:
    """Create the demo users and replace all demo submissions of the seed plans."""
    users = demo_users_create()
    reviewer = User.objects.filter(role=User.Role.REVIEWER, username="nv.reviewer").first()
    YearClose.objects.filter(is_demo=True).delete()  # their frozen verdicts go with them
    Submission.objects.filter(is_demo=True).delete()
    demo_evidence_delete()
    demo_due_dates_set(reviewer)
    demo_extra_reporters_set(reviewer)
    totals = {
        "submissions": 0,
        "results": 0,
        "task_updates": 0,
        "plans": [],
        "baselines": demo_baselines_set(),
    }
    for plan in Plan.objects.filter(end_year__isnull=True, source_note="seed").order_by("year"):
        submissions, results, updates = _PlanDemo(plan, reviewer).run()
        totals["submissions"] += submissions
        totals["results"] += results
        totals["task_updates"] += updates
        totals["plans"].append(plan.code)
    totals["reopenings"] = demo_reopenings_create(reviewer)
    totals["restructurings"] = demo_restructurings_create(reviewer)
    demo_newcomer_todo(reviewer)
    # Dashboards read stored progress: compute it now rather than wait for the nightly job.
    for period in ReportingPeriod.objects.filter(plan__code__in=totals["plans"]):
        period_progress_compute(period_id=period.pk)
    totals["year_closes"] = demo_years_close(totals["plans"])
    totals["users"] = users
    return totals


def demo_evidence_delete() -> int:
    """The demo's evidence files of an earlier load that no task update points at any more."""
    deleted = 0
    for evidence in EvidenceFile.objects.filter(
        name__startswith=DEMO_EVIDENCE_PREFIX, uploaded_by=None, task_updates__isnull=True
    ):
        evidence.file.delete(save=False)
        evidence.delete()
        deleted += 1
    return deleted


def demo_due_dates_set(reviewer=None) -> int:
    """Give the tasks of ``DEMO_DUE_DATES`` their date (the seed plans print none); a seed
    reload keeps a date set later (``targets.seeds``)."""
    changed = 0
    for plan_code, dated in DEMO_DUE_DATES.items():
        for code, due in dated:
            for task in Task.objects.filter(plan__code=plan_code, code=code).exclude(due_date=due):
                task.due_date = due
                history_attribute(task, user=reviewer, reason=DEMO_DUE_REASON)
                task.save(update_fields=["due_date", "updated_at"])
                changed += 1
    return changed


def demo_extra_reporters_set(reviewer=None) -> int:
    """Name the agencies of ``DEMO_EXTRA_REPORTERS`` among those who report the target (beside
    the one responsible), recorded as the reviewer's change: a seed reload keeps it
    (``targets.seeds``). Returns how many targets changed."""
    changed = 0
    for (plan_code, code), extra in DEMO_EXTRA_REPORTERS.items():
        for target in Target.objects.filter(statement__plan__code=plan_code, code=code):
            wanted = {
                target.responsible_agency_id,
                *Agency.objects.filter(code__in=extra).values_list("pk", flat=True),
            }
            named = set(target.reporting_agencies.values_list("pk", flat=True))
            if target.reporting_scope == Target.ReportingScope.NAMED and named == wanted:
                continue
            target.reporting_scope = Target.ReportingScope.NAMED
            history_attribute(target, user=reviewer, reason=DEMO_EXTRA_REPORTERS_REASON)
            target.save(update_fields=["reporting_scope", "updated_at"])
            target.reporting_agencies.set(wanted)
            changed += 1
    return changed


#: what the demo leaves the demo reporter's agency to do (issue 22, item 17): in the plan of its
#: province, Quý III returned by the Sở Nội vụ with a reason and a line to correct, and the report
#: of 6 tháng a draft in a period reopened for it, its plain figure still to type (its year report
#: stays sent, awaiting review)
DEMO_TODO_PLAN = "hung-yen-2023"
DEMO_TODO_RETURNED = "q3"
DEMO_TODO_DRAFT = "h1"
DEMO_TODO_RETURN_REASON = (
    "Đề nghị rà soát lại số liệu mức độ hài lòng (mục 2.c) và gửi lại báo cáo (dữ liệu mẫu)."
)
DEMO_TODO_LINE_NOTE = "Số liệu chưa khớp với kết quả khảo sát trên Cổng dịch vụ công (dữ liệu mẫu)."


def demo_newcomer_todo(reviewer=None) -> None:
    """Leave the demo reporter something to do on its home page: a report returned with the
    reviewer's reason (one line marked, the others approved) and a draft to finish and send."""
    reporters = User.objects.filter(username__in=[u[0] for u in DEMO_USERS], role=User.Role.REPORTER)
    for reporter in reporters:
        submissions = {
            s.period.kind: s
            for s in Submission.objects.filter(
                agency_id=reporter.agency_id, period__plan__code=DEMO_TODO_PLAN, is_demo=True
            ).select_related("period")
        }
        returned = submissions.get(DEMO_TODO_RETURNED)
        if returned is not None and returned.submitted_at is not None:
            returned.status, returned.return_reason = Submission.Status.RETURNED, DEMO_TODO_RETURN_REASON
            returned.reviewed_by = reviewer
            returned.reviewed_at = returned.reviewed_at or returned.submitted_at + timedelta(days=2)
            returned.save(update_fields=["status", "return_reason", "reviewed_by", "reviewed_at"])
            results = list(
                returned.target_results.select_related("target").order_by("target__position", "pk")
            )
            # the plain figure the reason names (DEMO_EXTRA_REPORTERS), else the first line
            marked = next((r for r in results if r.value is not None), results[0] if results else None)
            for line in results:
                line.review_status, line.review_note = ReviewStatus.APPROVED, ""
            if marked is not None:
                marked.review_status, marked.review_note = ReviewStatus.RETURNED, DEMO_TODO_LINE_NOTE
            updates = list(returned.task_updates.all())
            for update in updates:
                update.review_status, update.review_note = ReviewStatus.APPROVED, ""
            for model, lines in ((TargetResult, results), (TaskUpdate, updates)):
                bulk_update_with_history(
                    lines,
                    model,
                    ["review_status", "review_note"],
                    default_user=reviewer,
                    default_date=returned.reviewed_at,
                )
        draft = submissions.get(DEMO_TODO_DRAFT)
        if draft is not None:
            draft.status = Submission.Status.DRAFT
            draft.submitted_at = draft.first_submitted_at = draft.reviewed_at = draft.reviewed_by = None
            draft.return_reason = ""
            draft.save(
                update_fields=["status", "submitted_at", "first_submitted_at", "reviewed_at", "reviewed_by"]
                + ["return_reason"]
            )
            results = list(draft.target_results.select_related("target"))
            for line in results:
                line.review_status, line.review_note = ReviewStatus.PENDING, ""
                if line.target.measure not in (rules.Measure.RATE, rules.Measure.MILESTONE):
                    line.value = None  # the plain figure, still to type
            updates = list(draft.task_updates.all())
            for update in updates:
                update.review_status, update.review_note = ReviewStatus.PENDING, ""
            bulk_update_with_history(
                results, TargetResult, ["review_status", "review_note", "value"], default_user=reporter
            )
            bulk_update_with_history(
                updates, TaskUpdate, ["review_status", "review_note"], default_user=reporter
            )


def demo_years_close(plan_codes) -> int:
    """Close the year of each demo plan whose year has ended, as the daily job would have."""
    closed = 0
    today = clock.today()
    for plan in Plan.objects.filter(code__in=plan_codes).order_by("year"):
        if date(plan.year, 12, 31) >= today or YearClose.objects.filter(plan=plan, reopened_at=None).exists():
            continue
        year_close(
            plan=plan,
            user=None,
            reason=f"Tự động chốt năm sau ngày 31/12/{plan.year} (dữ liệu mẫu).",
            automatic=True,
            is_demo=True,
        )
        closed += 1
    return closed


#: Every seed period is past, so all are locked; the demo reporter's agency gets them reopened
#: for a while so that entering and sending can be tried.
DEMO_REOPEN_DAYS = 60
DEMO_REOPEN_REASON = "Dữ liệu mẫu: mở lại để thử nhập và gửi báo cáo."


def demo_reopenings_create(reviewer=None) -> int:
    PeriodReopening.objects.filter(is_demo=True).delete()
    until = clock.today() + timedelta(days=DEMO_REOPEN_DAYS)
    reporters = User.objects.filter(
        username__in=[u[0] for u in DEMO_USERS], role=User.Role.REPORTER
    ).values_list("agency_id", flat=True)
    rows = [
        PeriodReopening(
            period=period,
            agency_id=agency_id,
            until=until,
            reason=DEMO_REOPEN_REASON,
            created_by=reviewer,
            is_demo=True,
        )
        for agency_id in reporters
        for period in ReportingPeriod.objects.filter(
            plan__source_note="seed", plan__issuer__children=agency_id
        )
    ]
    PeriodReopening.objects.bulk_create(rows)
    return len(rows)


#: The 2025 changes applied to the seed provinces, so restructuring shows in the demo:
#: (kind, predecessor codes, successor code, a body to create or None, effective date,
#: decision). The seed lists neither Sở KH&CN of Hưng Yên nor Hải Phòng: they are created,
#: in force from the change, so the 2023–2024 plans' figures are unchanged.
DEMO_RESTRUCTURINGS = [
    (
        "merge",
        ["hy-stttt"],
        "hy-skhcn",
        {"name": "Sở Khoa học và Công nghệ", "short_name": "Sở KH&CN", "symbol": "SKHCN", "like": "hy-stttt"},
        date(2025, 3, 1),
        "Dữ liệu mẫu: hợp nhất Sở TT&TT vào Sở KH&CN từ 01/3/2025",
    ),
    (
        "merge",
        ["hy-skhdt"],
        "hy-stc",
        None,
        date(2025, 3, 1),
        "Dữ liệu mẫu: hợp nhất Sở KH&ĐT vào Sở Tài chính từ 01/3/2025",
    ),
    (
        "merge",
        ["hd-ubnd"],
        "hp-ubnd",
        {
            "name": "Ủy ban nhân dân thành phố Hải Phòng",
            "short_name": "UBND TP. Hải Phòng",
            "symbol": "UBND",
            "like": "hd-ubnd",
            "place_name": "Hải Phòng",
            "governing_body": "",
        },
        date(2025, 7, 1),
        "Dữ liệu mẫu: hợp nhất tỉnh Hải Dương vào thành phố Hải Phòng từ 01/7/2025",
    ),
]


def demo_restructurings_create(reviewer=None) -> int:
    """Record the demo's restructurings once (loading again changes nothing)."""
    made = 0
    for kind, before, after, create, effective, decision in DEMO_RESTRUCTURINGS:
        predecessors = list(Agency.objects.filter(code__in=before))
        if (
            len(predecessors) != len(before)
            or AgencySuccession.objects.filter(
                predecessor__in=predecessors, effective_date=effective
            ).exists()
        ):
            continue
        successor = Agency.objects.filter(code=after).first()
        if successor is None and create:
            like = Agency.objects.get(code=create["like"])
            successor = Agency.objects.create(
                code=after,
                name=create["name"],
                short_name=create["short_name"],
                symbol=create["symbol"],
                kind=like.kind,
                level=like.level,
                parent=like.parent,
                valid_from=effective,
                place_name=create.get("place_name", like.place_name),
                governing_body=create.get("governing_body", like.governing_body),
                signer_authority=like.signer_authority,
                signer_title=like.signer_title,
            )
        if successor is None:
            continue
        restructure(
            kind=kind,
            predecessors=predecessors,
            successors=[successor],
            effective_date=effective,
            user=reviewer,
            decision=decision,
            move_users=False,
        )
        made += 1
    return made


# --- the agency head's approval (issue 22 item 5) -------------------------------------------

#: the demo's waiting report: taken from these states of the head's agency, in this order (a
#: report awaiting review first; never a draft or a return, which are the reporter's to-do)
DEMO_HEAD_FROM = (Submission.Status.SUBMITTED, Submission.Status.APPROVED)


def demo_head_approval_create() -> Submission | None:
    """Turn on "Thủ trưởng cơ quan duyệt báo cáo trước khi gửi Sở Nội vụ" for the one demo
    province that has a demo head (``tp.head``, Hưng Yên) and leave one of the head's agency's
    reports waiting for them, so that the head's home has something to do. Run by ``load_demo``
    after the demo data, not by ``demo_data_load`` (the tests' data keeps the setting off).
    Returns the report left waiting, or None when the demo has no head."""
    head = User.objects.filter(
        username__in=[u[0] for u in DEMO_USERS], role=User.Role.AGENCY_HEAD, agency__isnull=False
    ).first()
    province = province_of(head.agency) if head else None
    if head is None or province is None:
        return None
    Agency.objects.filter(pk=province.pk).update(head_approval_required=True)
    candidates = Submission.objects.filter(
        agency_id=head.agency_id, period__plan__issuer=province, period__plan__source_note="seed"
    ).order_by("period__plan__year", "period__position")
    waiting = next((s for status in DEMO_HEAD_FROM for s in candidates if s.status == status), None)
    if waiting is None:
        return None
    for model in (TargetResult, TaskUpdate):
        model.objects.filter(submission=waiting).update(review_status=ReviewStatus.PENDING, review_note="")
    reporter = User.objects.filter(agency_id=head.agency_id, role=User.Role.REPORTER).first()
    waiting.status, waiting.head_from_status = Submission.Status.AWAITING_HEAD, Submission.Status.DRAFT
    waiting.submitted_at = waiting.first_submitted_at = waiting.opened_at = None
    waiting.reviewed_at, waiting.reviewed_by, waiting.return_reason = None, None, ""
    waiting.submitted_by = reporter
    history_attribute(waiting, user=reporter)
    waiting.save()
    period_progress_compute(period_id=waiting.period_id)
    return waiting
