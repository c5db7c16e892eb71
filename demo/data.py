"""Demo data: one user per role and plausible synthetic results for every period of the seed
plans. Every submission it writes has ``is_demo=True`` and the pages say so; loading again
replaces the demo submissions with the same numbers (the generator is seeded)."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from agencies.models import Agency, AgencySuccession, User
from cchc import clock
from plans.models import Plan, ReportingPeriod, Task
from reporting.models import PeriodReopening, ReviewStatus, Submission, TargetResult, TaskUpdate
from reporting.progress import period_progress_compute
from reporting.services.restructuring import restructure
from targets import rules
from targets.models import Target
from targets.selectors import plan_target_assignments

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
        self.periods = list(plan.periods.order_by("position"))
        self.assignments = plan_target_assignments(plan)
        self.targets = {
            t.pk: t
            for t in Target.objects.filter(statement__plan=plan).prefetch_related("level_thresholds__level")
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
        return tuple(counts)

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
        sent = None
        if status != Submission.Status.DRAFT:
            sent = deadline - timedelta(days=self.rng.randint(-4, 9), hours=self.rng.randint(0, 6))
        reviewed = status in (Submission.Status.APPROVED, Submission.Status.RETURNED)
        return Submission.objects.create(
            agency_id=agency_id,
            period=period,
            status=status,
            submitted_at=sent,
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
            self._fill(line, target, agency_id, period)
            line.review_status, line.review_note = self._line_review(submission)
            results.append(line)
        return results

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
        # percent entered directly (surveys, disbursement)
        base = float(goal if goal is not None else 88)
        progress = len(quarters) / 4 if target.comparator == rules.Comparator.EQ else 1
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
            elif last_quarter == 0 and self.rng.random() < 0.3:
                update.progress = TaskUpdate.Progress.NOT_STARTED
            else:
                update.progress = TaskUpdate.Progress.IN_PROGRESS
                update.percent = min(90, 20 + 20 * last_quarter + self.rng.randint(0, 15))
            update.review_status, update.review_note = self._line_review(submission)
            updates.append(update)
        return updates

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
    Submission.objects.filter(is_demo=True).delete()
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
    # Dashboards read stored progress: compute it now rather than wait for the nightly job.
    for period in ReportingPeriod.objects.filter(plan__code__in=totals["plans"]):
        period_progress_compute(period_id=period.pk)
    totals["users"] = users
    return totals


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
