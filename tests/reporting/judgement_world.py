"""A small province of its own for the judgement scenarios (tests/reporting/test_judgements.py):
a plan for 2024 with the national periods (10 grace days each), one reform area, agencies with a
reporter each and a Sở Nội vụ reviewer. Reports go through the services as people send them
(``submission_enter`` by the agency's reporter at a chosen moment, ``submission_approve`` /
``submission_return`` by the reviewer), then the stored progress is recomputed; the results are
read where people read them: the dashboards, the explanation page, the PDF and the XLSX."""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from agencies.models import AdministrativeLevel, Agency, User
from plans.models import PlanArea, ReformArea, ReportingPeriod, Task
from plans.services import plan_periods_create_defaults
from reporting.models import Submission
from reporting.progress import period_progress_compute
from reporting.selectors.entry import entry_sheet
from reporting.services.submissions import (
    evidence_store,
    submission_approve,
    submission_enter,
    submission_return,
)
from reports.documents import province_report_data, render_pdf
from reports.spreadsheets import report_workbook
from targets.models import Target, TargetStatement
from tests.evidence_files import PDF, upload
from tests.factories import AgencyFactory, PlanFactory, UserFactory

YEAR = 2024
NOT_APPLICABLE = {"not_applicable": True, "not_applicable_reason": "Không có hồ sơ trong kỳ."}


def local(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A moment in Hà Nội."""
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def rate(numerator, denominator) -> dict:
    return {"numerator": Decimal(numerator), "denominator": Decimal(denominator)}


def value(number, **extra) -> dict:
    return {"value": Decimal(str(number)), **extra}


def task_line(progress="in_progress", percent=50, completed_on=None) -> dict:
    values = {"progress": progress, "percent": percent, "completed_on": completed_on}
    if progress == "done":
        values.update(evidence_number="12/KH-TEST", evidence_date=completed_on, percent=100)
    return values


@dataclass
class World:
    province: Agency
    plan: object
    area: PlanArea
    periods: dict[str, ReportingPeriod]
    agencies: list[Agency]
    reviewer: User
    reporters: dict[int, User] = field(default_factory=dict)
    statements: int = 0

    # --- the plan's lines ---------------------------------------------------------------------
    def target(self, code, text, measure="rate", comparator=">=", value=None, unit="%", agencies=None, **kw):
        """A target reported by ``agencies`` (default: every agency of the world)."""
        self.statements += 1
        statement = TargetStatement.objects.create(
            plan=self.plan,
            plan_area=kw.pop("area", self.area),
            code=code,
            position=self.statements,
            text=text,
        )
        direction = kw.pop("direction", "lower" if comparator in ("<=", "<") else "higher")
        target = Target.objects.create(
            statement=statement,
            code=code,
            position=1,
            text=text,
            measure=measure,
            comparator=comparator,
            direction=direction,
            value=None if value is None else Decimal(str(value)),
            unit=unit,
            responsible_agency=(agencies or self.agencies)[0],
            reporting_scope=Target.ReportingScope.NAMED,
            **kw,
        )
        target.reporting_agencies.set(agencies or self.agencies)
        return target

    def task(self, code, text, leads, due_date=None, parent=None, **kw):
        task = Task.objects.create(
            plan=self.plan,
            plan_area=self.area,
            code=code,
            position=self.plan.tasks.count() + 1,
            text=text,
            due_date=due_date,
            parent=parent,
            **kw,
        )
        task.lead_agencies.set(leads)
        return task

    # --- reporting ------------------------------------------------------------------------------
    def send(self, kind, agency, *, at=None, targets=None, tasks=None, send=True) -> Submission:
        """The agency's reporter fills its page for the period and sends it at ``at`` (local
        time, default the day before the deadline): the lines given, every other target line
        "không phát sinh", every other task "chưa triển khai"."""
        period = self.periods[kind]
        at = at or local(period.deadline.replace(day=period.deadline.day - 1))
        targets, tasks = targets or {}, tasks or {}
        with time_machine.travel(at, tick=False):
            sheet = entry_sheet(period=period, agency=agency)
            target_values = {
                line.target: _target_values(targets.get(line.target)) for line in sheet.target_lines
            }
            task_values = {
                line.task: _with_evidence(
                    _task_values(tasks.get(line.task)), agency, self.reporters[agency.pk]
                )
                for line in sheet.task_lines
            }
            existing = Submission.objects.filter(period=period, agency=agency).first()
            outcome = submission_enter(
                period=period,
                agency=agency,
                user=self.reporters[agency.pk],
                version=existing.version if existing else 0,
                target_values=target_values,
                task_values=task_values,
                send=send,
            )
        assert outcome.sent == send, outcome.missing
        return outcome.submission

    def approve(self, submission) -> Submission:
        return submission_approve(submission=submission, user=self.reviewer)

    def give_back(self, submission, reason="Bổ sung tài liệu kiểm chứng.") -> Submission:
        return submission_return(
            submission=submission, user=self.reviewer, reason=reason, target_notes={}, task_notes={}
        )

    def compute(self) -> None:
        for period in sorted(self.periods.values(), key=lambda p: p.position):
            period_progress_compute(period_id=period.pk)

    # --- where people read it -------------------------------------------------------------------
    def page(self, client, name, *args, kind=None, **query) -> str:
        client.force_login(self.reviewer)
        url = reverse(name, args=args or [self.plan.pk])
        if kind:
            query["ky"] = self.periods[kind].pk
        response = client.get(url, query)
        assert response.status_code == 200, response.status_code
        return response.content.decode()

    def explain(self, client, kind, target, scope="province") -> str:
        return self.page(
            client, "reports:target_explain", self.periods[kind].pk, target.pk, **{"pham-vi": scope}
        )

    def report(self, kind) -> dict:
        return province_report_data(self.periods[kind])

    def pdf_text(self, kind, tmp_path) -> str:
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(render_pdf(self.report(kind), number="", issued_on=date(YEAR, 12, 25)))
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
        )
        return " ".join(text.stdout.split())

    def xlsx_rows(self, kind, sheet="Chỉ tiêu") -> list[list]:
        workbook = load_workbook(io.BytesIO(report_workbook(self.report(kind), heading="Báo cáo")))
        return [list(row) for row in workbook[sheet].iter_rows(values_only=True)]


def reenter(period, agency, user, *, targets, at=None) -> Submission:
    """A seed plan's agency report entered again through the services by ``user`` (the
    reviewer corrects it on the agency's page), ``targets`` changed, every other line as it
    was (a line the sheet asks for and the demo left empty: "không phát sinh" / not started),
    sent and approved."""
    from reporting.models import TargetResult, TaskUpdate

    submission = Submission.objects.get(period=period, agency=agency)
    results = {r.target_id: r for r in TargetResult.objects.filter(submission=submission)}
    updates = {u.task_id: u for u in TaskUpdate.objects.filter(submission=submission)}
    sheet = entry_sheet(period=period, agency=agency)
    target_values = {}
    for line in sheet.target_lines:
        r = results.get(line.target.pk)
        kept = None
        if r is not None and not r.not_applicable:
            kept = {"numerator": r.numerator, "denominator": r.denominator, "value": r.value, "done": r.done}
        target_values[line.target] = _target_values(targets.get(line.target, kept))
    task_values = {}
    for line in sheet.task_lines:
        u = updates.get(line.task.pk)
        kept = None
        if u is not None:
            kept = {
                "progress": u.progress,
                "percent": u.percent,
                "completed_on": u.completed_on,
                "evidence_number": u.evidence_number,
                "evidence_date": u.evidence_date,
                "evidence_file_id": u.evidence_file_id,
                "not_applicable": u.not_applicable,
            }
        task_values[line.task] = _with_evidence(_task_values(kept), agency, user)
    with time_machine.travel(at or local(period.deadline), tick=False):
        outcome = submission_enter(
            period=period,
            agency=agency,
            user=user,
            version=submission.version,
            target_values=target_values,
            task_values=task_values,
            send=True,
        )
    assert outcome.sent, outcome.missing
    return submission_approve(submission=outcome.submission, user=user)


def _target_values(values: dict | None) -> dict:
    line = {"numerator": None, "denominator": None, "value": None, "done": None, "comment": ""}
    line.update({"not_applicable": False, "not_applicable_reason": ""})
    line.update(values if values is not None else NOT_APPLICABLE)
    return line


def _with_evidence(values: dict, agency, user) -> dict:
    """A task reported done carries its evidence file, as a sending asks (issue 22)."""
    if values["progress"] == "done" and not values["not_applicable"] and values["evidence_file_id"] is None:
        stored = evidence_store(upload=upload("kiem-chung.pdf", PDF), kind="pdf", agency=agency, user=user)
        values = {**values, "evidence_file_id": stored.pk}
    return values


def _task_values(values: dict | None) -> dict:
    line = {
        "progress": "not_started",
        "percent": 0,
        "completed_on": None,
        "evidence_number": "",
        "evidence_date": None,
        "evidence_file_id": None,
        "not_applicable": False,
        "note": "",
    }
    line.update(values or {})
    return line


def build_world(n_agencies: int = 3, levels=("tinh",)) -> World:
    province = AgencyFactory(
        kind=Agency.Kind.UBND_TINH,
        name="Ủy ban nhân dân tỉnh Thử Nghiệm",
        place_name="Thử Nghiệm",
        symbol="UBND",
    )
    agencies = [
        AgencyFactory(
            parent=province,
            name=f"Sở Thử {chr(65 + i)}",
            symbol=f"ST{chr(65 + i)}",
            level=AdministrativeLevel.objects.get(code=levels[i % len(levels)]),
            kind=Agency.Kind.SO if levels[i % len(levels)] == "tinh" else Agency.Kind.UBND_HUYEN,
        )
        for i in range(n_agencies)
    ]
    plan = PlanFactory(issuer=province, year=YEAR)
    plan_periods_create_defaults(plan=plan)
    plan.periods.update(grace_days=10)
    area = PlanArea.objects.create(
        plan=plan,
        area=ReformArea.objects.get(code="tthc"),
        code="1",
        title="Cải cách thủ tục hành chính",
        position=1,
        lead_agency=agencies[0],
    )
    reviewer = UserFactory(
        role=User.Role.REVIEWER, agency=AgencyFactory(parent=province, name="Sở Nội vụ Thử")
    )
    world = World(province, plan, area, {p.kind: p for p in plan.periods.all()}, agencies, reviewer)
    for agency in agencies:
        world.reporters[agency.pk] = UserFactory(role=User.Role.REPORTER, agency=agency)
    return world
