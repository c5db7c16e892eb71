"""Writes of the targets app that create a whole plan: "Tạo kế hoạch từ văn bản" (a draft plan,
its areas, default periods, targets and tasks, from what the reviewer confirmed of a plan's
text). Keyword-only functions named ``<entity>_<action>``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agencies.models import Agency
from cchc.history import history_attribute
from cchc.text import fold
from plans.deadlines import deadline_parse
from plans.models import Plan, PlanArea, ReformArea, Task
from plans.services import plan_periods_create_defaults

from . import rules
from .proposals import Accepted, targets_accept


@dataclass(frozen=True)
class PlanDraft:
    """The plan's header as the reviewer confirmed it."""

    title: str
    number: str
    issue_date: date | None
    year: int
    issuer: Agency
    legal_bases: str = ""
    source_note: str = ""


@dataclass(frozen=True)
class AreaDraft:
    area: str  # ``ReformArea.code``
    code: str  # as printed
    title: str
    lead: Agency | None = None


@dataclass(frozen=True)
class TargetDraft:
    """One accepted target: the fields of ``proposals.Accepted`` with its area named by the
    standard code ("" for a plan-wide goal)."""

    area: str
    source: str
    statement: str
    code: str
    text: str
    measure: str
    comparator: str
    direction: str
    value: Decimal | None
    value_max: Decimal | None
    unit: str
    stretch: bool
    baseline_year: int | None
    levels: dict[str, Decimal] = field(default_factory=dict)
    cumulative: bool = False
    due_date: date | None = None


@dataclass(frozen=True)
class TaskDraft:
    area: str
    code: str
    text: str
    lead: tuple[int, ...] = ()  # agency pks
    lead_groups: tuple[str, ...] = ()
    cooperating: tuple[int, ...] = ()
    cooperating_groups: tuple[str, ...] = ()
    product: str = ""
    due_text: str = ""
    parent: int | None = None  # index, in the list given, of the task it is a sub-item of


def plan_code(issuer: Agency, year: int, taken: set[str]) -> str:
    """A code for a plan made from a text: the issuer's code, the year and "vb" (văn bản),
    with "-2", "-3"… when taken."""
    base = slugify(fold(f"{issuer.code or issuer.short_name}-{year}-vb"))[:54] or f"ke-hoach-{year}-vb"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code


def _check(
    plan: PlanDraft, areas: list[AreaDraft], targets: list[TargetDraft], tasks: list[TaskDraft]
) -> None:
    """Every problem that would stop the plan being written, all at once (nothing is written)."""
    errors: list[str] = []
    standard = set(ReformArea.objects.values_list("code", flat=True))
    codes = [a.area for a in areas]
    errors += [
        _("Lĩnh vực “%(code)s” không có trong danh mục.") % {"code": c} for c in codes if c not in standard
    ]
    if len(set(codes)) != len(codes):
        errors.append(_("Một lĩnh vực chỉ được chọn một lần trong kế hoạch."))
    if plan.number and Plan.objects.filter(issuer=plan.issuer, number=plan.number).exists():
        errors.append(_("Đã có kế hoạch số %(number)s của cơ quan này.") % {"number": plan.number})
    for target in targets:
        if target.area and target.area not in codes:
            errors.append(_("Chỉ tiêu %(code)s: lĩnh vực chưa có trong kế hoạch.") % {"code": target.code})
        spec = rules.TargetSpec(
            measure=target.measure,
            comparator=target.comparator,
            direction=target.direction,
            value=target.value,
            value_max=target.value_max,
            unit=target.unit,
            stretch=target.stretch,
            baseline_year=target.baseline_year,
            levels=target.levels,
        )
        for messages in rules.validate_target(spec).values():
            errors += [f"{target.code or target.text[:40]}: {message}" for message in messages]
    for task in tasks:
        if task.area not in codes:
            errors.append(_("Nhiệm vụ %(code)s: lĩnh vực chưa có trong kế hoạch.") % {"code": task.code})
        if not task.lead and not task.lead_groups:
            errors.append(_("Nhiệm vụ %(code)s: thiếu cơ quan chủ trì.") % {"code": task.code})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_from_text_create(
    *,
    plan: PlanDraft,
    areas: list[AreaDraft],
    targets: list[TargetDraft],
    tasks: list[TaskDraft],
    user=None,
) -> Plan:
    """Write a DRAFT plan from what the reviewer confirmed of its text, all or nothing: the
    plan, its areas in the order given, the national default periods, the targets (checked by
    the admin's rules, ``rules.validate_target``; the targets of one printed item make one
    statement) and the tasks with their agencies, times read by ``plans.deadlines`` (a time it
    does not understand is kept as printed, with no date) and sub-items under their task. A
    draft has no results, so nothing is recomputed."""
    _check(plan, areas, targets, tasks)
    taken = set(Plan.objects.filter(code__startswith=plan.issuer.code[:20]).values_list("code", flat=True))
    row = Plan(
        code=plan_code(plan.issuer, plan.year, taken),
        title=plan.title,
        issuer=plan.issuer,
        number=plan.number,
        issue_date=plan.issue_date,
        year=plan.year,
        status=Plan.Status.DRAFT,
        legal_bases=plan.legal_bases,
        source_note=plan.source_note[:255],
    )
    history_attribute(row, user=user, reason=_("Tạo từ văn bản kế hoạch"))
    row.full_clean()
    row.save()
    plan_periods_create_defaults(plan=row)
    by_area = _areas_create(row, areas)
    targets_accept(plan=row, accepted=[_accepted(t, by_area) for t in targets])
    _tasks_create(row, tasks, by_area, user)
    return row


def _areas_create(plan: Plan, areas: list[AreaDraft]) -> dict[str, PlanArea]:
    standard = {a.code: a for a in ReformArea.objects.all()}
    created = {}
    for position, draft in enumerate(areas, start=1):
        area = PlanArea(
            plan=plan,
            area=standard[draft.area],
            code=draft.code[:10],
            title=draft.title[:255],
            position=position,
            lead_agency=draft.lead,
        )
        area.full_clean()
        area.save()
        created[draft.area] = area
    return created


def _accepted(target: TargetDraft, areas: dict[str, PlanArea]) -> Accepted:
    return Accepted(
        source=target.source,
        statement=target.statement,
        area=areas.get(target.area),
        code=target.code,
        text=target.text,
        measure=target.measure,
        comparator=target.comparator,
        direction=target.direction,
        value=target.value,
        value_max=target.value_max,
        unit=target.unit,
        stretch=target.stretch,
        cumulative=target.cumulative,
        baseline_year=target.baseline_year,
        levels=target.levels,
        due_date=target.due_date,
    )


def _tasks_create(plan: Plan, tasks: list[TaskDraft], areas: dict[str, PlanArea], user) -> None:
    rows: list[Task] = []
    for position, draft in enumerate(tasks, start=1):
        deadline = deadline_parse(draft.due_text, year=plan.year) if draft.due_text else None
        parent = rows[draft.parent] if draft.parent is not None and draft.parent < len(rows) else None
        task = Task(
            plan=plan,
            plan_area=areas[draft.area],
            parent=parent,
            code=draft.code[:20] or str(position),
            position=position,
            text=draft.text,
            lead_groups="; ".join(draft.lead_groups)[:255],
            cooperating_groups="; ".join(draft.cooperating_groups)[:255],
            product=draft.product[:255],
            due_text=draft.due_text[:120],
            due_date=deadline.due if deadline else None,
            recurring=bool(deadline and deadline.recurring),
        )
        history_attribute(task, user=user, reason=_("Tạo từ văn bản kế hoạch"))
        task.full_clean()
        task.save()
        task.lead_agencies.set(draft.lead)
        task.cooperating_agencies.set(draft.cooperating)
        rows.append(task)
