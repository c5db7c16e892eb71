"""A small province of its own for the reminder tests: a plan in force for 2025 with one
period (Quý I, deadline 20/03/2025, a Thursday) and agencies that must report it (each leads a
recurring task, which the review queue counts and which gets no task reminder), each with a
reporter and a head; a reviewer. The plans already in force (the seed plans loaded for every
test are) are closed first, so only this world's plan reminds anyone; the demo reviewer
``nv.reviewer`` still receives the digests."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from agencies.models import Agency, User
from plans.models import Plan, PlanArea, ReformArea, ReportingPeriod, Task
from reporting.models import Submission
from tests.factories import AgencyFactory, PlanFactory, UserFactory

DEADLINE = date(2025, 3, 20)


@pytest.fixture
def period():
    """Hưng Yên 2023's Quý I, the seed period the entry and head-approval tests work on."""
    return ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")


@pytest.fixture
def stp():
    """Hưng Yên's Sở Tư pháp, the demo reporter's and head's agency."""
    return Agency.objects.get(code="hy-stp")


@dataclass
class World:
    plan: Plan
    area: PlanArea
    period: ReportingPeriod
    agencies: list[Agency]
    reporters: dict[int, User] = field(default_factory=dict)  # agency id → reporter
    heads: dict[int, User] = field(default_factory=dict)
    reviewer: User | None = None

    def submit(self, agency, status=Submission.Status.SUBMITTED, on=DEADLINE):
        sent = (
            None
            if status == Submission.Status.DRAFT
            else timezone.make_aware(datetime.combine(on, time(9, 0)))
        )
        return Submission.objects.create(agency=agency, period=self.period, status=status, submitted_at=sent)

    def task(self, code, due, leads, **extra):
        position = self.plan.tasks.count() + 1
        task = Task.objects.create(
            plan=self.plan,
            plan_area=self.area,
            code=code,
            position=position,
            text=f"Nhiệm vụ thử {code}",
            due_date=due,
            **extra,
        )
        task.lead_agencies.set(leads)
        return task


def build_world(n_agencies=2, deadline=DEADLINE, grace_days=0) -> World:
    Plan.objects.filter(status=Plan.Status.IN_FORCE).update(status=Plan.Status.CLOSED)
    province = AgencyFactory(kind=Agency.Kind.UBND_TINH)
    agencies = [AgencyFactory(parent=province) for _ in range(n_agencies)]
    plan = PlanFactory(issuer=province, year=2025, status=Plan.Status.IN_FORCE)
    area = PlanArea.objects.create(
        plan=plan,
        area=ReformArea.objects.get(code="tthc"),
        code="1",
        title="Cải cách thủ tục hành chính",
        position=1,
    )
    period = ReportingPeriod.objects.create(
        plan=plan,
        kind="q1",
        position=1,
        window_start=date(2024, 12, 15),
        window_end=date(2025, 3, 14),
        deadline=deadline,
        grace_days=grace_days,
    )
    world = World(plan, area, period, agencies)
    world.task("1.a", None, agencies, recurring=True, due_text="Thường xuyên")
    for i, agency in enumerate(agencies):
        world.reporters[agency.pk] = UserFactory(
            role=User.Role.REPORTER, agency=agency, email=f"reporter{i}-{agency.pk}@so.example.vn"
        )
        world.heads[agency.pk] = UserFactory(
            role=User.Role.AGENCY_HEAD, agency=agency, email=f"head{i}-{agency.pk}@so.example.vn"
        )
    snv = AgencyFactory(parent=province, name="Sở Nội vụ thử")
    world.reviewer = UserFactory(role=User.Role.REVIEWER, agency=snv, email="reviewer@snv.example.vn")
    return world


@pytest.fixture
def world(db):
    return build_world()
