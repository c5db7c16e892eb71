"""Next year's plan: copy a plan into a draft for the following year (``plan_rollover``).

What is copied, and how:

- **The plan**: code and title with the year replaced (hung-yen-2023 → hung-yen-2024; a taken
  code gets "-2", "-3"…), legal bases, signer and recipients as they were; number and issue date
  left empty (the new plan has not been issued); the issuer mapped through the succession
  records; the multi-year parent kept while its years cover the new year; ``copied_from`` set.
  Refused (:class:`PlanRolloverError`, a Vietnamese message) for a multi-year plan and when a
  copy of the plan for that year exists already.
- **Reporting periods**: the national defaults for the new year (``plan_periods_create_defaults``).
- **Areas, target statements, targets**: everything, in the same order, with their structure
  (measure, comparator, direction, values, unit, stretch, note, level thresholds, reporting
  scope and levels, sub-targets).
- **Tasks**: recurring ones ("Thường xuyên") again as recurring; those not finished by the end of
  the year with ``carried_over_from`` pointing at the old task, their printed time kept and no
  due date (the reviewer sets the new one: a date is never guessed); finished ones are not
  copied. "Finished" is the year's frozen verdict when the year is closed (``TaskVerdict`` of
  the close in force, DOMAIN.md "Year close": hoàn thành đúng hạn or quá hạn), else the stored
  task progress of the year period (``TaskProgress``, status done on time or late); a task with
  no verdict or stored figure counts as unfinished. Codes are kept,
  positions renumbered 1…n in the old order, a sub-task keeps its parent when the parent is
  copied too.
- **Agencies** (issuer, area leads, responsible and named reporting agencies, task lead and
  cooperating agencies) are mapped through :mod:`agencies.succession` as of 1 January of the new
  year: a merged or renamed body is replaced by its successor, a split one by all of them in the
  many-to-many fields. A single-agency field (an area's lead, a target's responsible agency)
  whose agency was split among several is left empty for the reviewer to choose, rather than
  picking one; an issuer split among several refuses the copy. A cooperating agency that became
  one of the task's leads is kept only as a lead.

**Baselines** — the one decision that is not a plain copy. The new baseline is this year's
actual: the province-wide figure frozen at the year's close (``TargetVerdict`` of the close in
force), else the one stored for the plan's year period (``TargetProgress`` with scope
``"province"`` in the period of kind ``"year"``), ``baseline_year`` the old plan's year,
``baseline_is_demo`` when an approved line of that period for the target came from a demo
submission (``Submission.is_demo``, how demo data is marked). It is given only to targets whose
rule is judged against a baseline (comparators ``improve_by`` and ``above_baseline``,
``targets.rules.BASELINE_COMPARATORS``: "cao hơn năm trước", "tăng 2–5 bậc", "giảm 2,5% số
đơn vị"): for them the year just ended *is* what next year is compared with. Absolute targets
("trên 95%", "tối thiểu 90%", "tối đa 15 phút", a count of documents) keep their comparator
and their baseline fields exactly as they were (in the seeds: none), because
``targets.progress.evaluate`` also uses a baseline for them — progress becomes
(a − b)/(t − b), and met-or-not once b already reaches the goal — so storing last year's actual
there would silently change how they are judged: a rate that reached 96% last year would show 0%
progress at 94,9% against "trên 95%" instead of 99%, and a count that starts again from zero
each year would be measured from last year's total. Where a baseline target has no stored
figure (no approved data, a per-level target whose province row has no single value, progress
never computed) the new target has no baseline at all: none is invented, and the reviewer enters
it on the target's page. Note: a target whose plan text names an older baseline year ("so với
năm 2021", a phase target) is also moved to the year just ended, and its verbatim text is not
rewritten: the reviewer checks those in the draft.

The number of queries does not depend on the number of targets or tasks: everything is read in
a fixed number of queries and written with ``bulk_create`` (one round per level of sub-targets
or sub-tasks, plus the batches a database needs for many rows), history included. The draft has
no reports yet, so nothing is recomputed here; the nightly recompute covers plans not closed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from agencies.succession import successors_map
from cchc.collation import sort_key
from cchc.history import history_attribute
from plans.models import Plan, PlanArea, ReportingPeriod, Task, YearClose
from plans.rules import TaskStatus, windows_of
from plans.services import plan_periods_create_defaults
from targets import rules
from targets.models import Target, TargetLevelThreshold, TargetStatement

from ..models import ReviewStatus, TargetProgress, TargetResult, TargetVerdict, TaskProgress, TaskVerdict

#: The scope and the period kind of the figure that becomes next year's baseline.
PROVINCE_SCOPE = "province"
FINAL_PERIOD = ReportingPeriod.Kind.YEAR
#: ``Target.baseline_value`` holds 14 digits, 4 of them decimals.
_BASELINE_LIMIT = Decimal(10) ** 10


class PlanRolloverError(Exception):
    """The plan cannot be copied; ``message`` says why, in Vietnamese. ``existing``: the copy
    already made for that year, when that is the reason."""

    def __init__(self, message: str, *, existing: Plan | None = None):
        self.message = message
        self.existing = existing
        super().__init__(message)


# --- plain rules -----------------------------------------------------------------------------


def _year_pattern(year: int) -> re.Pattern:
    return re.compile(rf"(?<!\d){year}(?!\d)")


def rollover_title(title: str, year: int, new_year: int) -> str:
    """The title with the plan's year replaced ("… năm 2023" → "… năm 2024"); other years
    ("giai đoạn 2021-2025") stay. A title without the year gets "năm <new year>"."""
    pattern = _year_pattern(year)
    if pattern.search(title):
        return pattern.sub(str(new_year), title)
    return f"{title} năm {new_year}"


def rollover_code(code: str, year: int, new_year: int, taken: set[str], max_length: int = 60) -> str:
    """The code with the year replaced (hung-yen-2023 → hung-yen-2024), "-2", "-3"… added when
    that is taken."""
    pattern = _year_pattern(year)
    base = pattern.sub(str(new_year), code) if pattern.search(code) else f"{code}-{new_year}"
    base = base[:max_length]
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)] + suffix
        number += 1
    return candidate


@dataclass(frozen=True)
class Baseline:
    value: Decimal | None
    year: int | None
    is_demo: bool


def rollover_baseline(
    *, comparator: str, old: Baseline, figure: Decimal | None, figure_is_demo: bool, year: int
) -> Baseline:
    """The new target's baseline (see the module's docstring): this year's province figure for a
    target judged against a baseline, nothing when there is no figure; an absolute target keeps
    the baseline it had."""
    if comparator not in rules.BASELINE_COMPARATORS:
        return old
    if figure is None or abs(figure) >= _BASELINE_LIMIT:
        return Baseline(None, None, False)
    return Baseline(figure, year, figure_is_demo)


def task_is_copied(*, recurring: bool, final_status: str | None) -> bool:
    """Recurring tasks always; others unless the year period found them finished (a task with no
    stored figure is unfinished)."""
    return recurring or final_status not in TaskStatus.DONE


def succession_date(plan_year: int) -> date:
    """The day agencies are mapped for: the new plan's first day."""
    return date(plan_year + 1, 1, 1)


# --- the copy --------------------------------------------------------------------------------


def _m2m_history_model(model, field_name: str):
    """django-simple-history's snapshot table of one many-to-many field of ``model``."""
    return apps.get_model(model._meta.app_label, f"Historical{model.__name__}_{field_name}")


#: the rows created parents first: targets (sub-targets) and tasks (sub-tasks)
_Nested = TypeVar("_Nested", Target, Task)


@dataclass
class _Layered(Generic[_Nested]):
    """A row to create whose parent (a sub-target's target, a sub-task's task) must exist first."""

    old_id: int
    obj: _Nested
    old_parent_id: int | None


class _Rollover:
    def __init__(self, source: Plan, user):
        self.source = source
        self.user = user
        self.year = source.year + 1
        self.on = succession_date(source.year)
        self.when = timezone.now()
        self.reason = _("Lập từ kế hoạch %(code)s") % {"code": source.code}

    # reading -----------------------------------------------------------------------------
    def read(self):
        source = self.source
        self.areas = list(PlanArea.objects.filter(plan=source).order_by("position"))
        self.statements = list(TargetStatement.objects.filter(plan=source).order_by("position"))
        self.targets = list(
            Target.objects.filter(statement__plan=source).order_by("statement__position", "position")
        )
        self.thresholds = list(
            TargetLevelThreshold.objects.filter(target__statement__plan=source).values_list(
                "target_id", "level_id", "level__code", "value"
            )
        )
        levels_through = Target.reporting_levels.through
        self.target_levels = list(
            levels_through.objects.filter(target__statement__plan=source).values_list(
                "target_id", "administrativelevel_id"
            )
        )
        agencies_through = Target.reporting_agencies.through
        self.target_agencies = list(
            agencies_through.objects.filter(target__statement__plan=source).values_list(
                "target_id", "agency_id"
            )
        )
        self.tasks = list(Task.objects.filter(plan=source).order_by("position"))
        self.task_leads = list(
            Task.lead_agencies.through.objects.filter(task__plan=source).values_list("task_id", "agency_id")
        )
        self.task_cooperating = list(
            Task.cooperating_agencies.through.objects.filter(task__plan=source).values_list(
                "task_id", "agency_id"
            )
        )
        periods = list(ReportingPeriod.objects.filter(plan=source).order_by("position"))
        final = next((p for p in periods if p.kind == FINAL_PERIOD), None)
        self.figures: dict[int, Decimal | None] = {}  # typed as the column; no None is read
        self.demo_targets: set[int] = set()
        self.final_status: dict[int, str] = {}
        if final is None:
            return
        self.demo_targets = set(
            TargetResult.objects.filter(
                submission__period__in=windows_of(final, periods),
                submission__is_demo=True,
                review_status=ReviewStatus.APPROVED,
                not_applicable=False,
                target__statement__plan=source,
            )
            .values_list("target_id", flat=True)
            .distinct()
        )
        close = YearClose.objects.filter(plan=source, reopened_at__isnull=True).first()
        if close is not None:  # the year's frozen verdicts, not figures approved after the close
            self.figures = dict(
                TargetVerdict.objects.filter(year_close=close, agency=None, value__isnull=False).values_list(
                    "target_id", "value"
                )
            )
            self.final_status = dict(
                TaskVerdict.objects.filter(year_close=close, agency=None).values_list("task_id", "verdict")
            )
            return
        self.figures = dict(
            TargetProgress.objects.filter(
                period=final, scope=PROVINCE_SCOPE, value__isnull=False
            ).values_list("target_id", "value")
        )
        self.final_status = dict(TaskProgress.objects.filter(period=final).values_list("task_id", "status"))

    def map_agencies(self):
        ids = {self.source.issuer_id}
        ids |= {a.lead_agency_id for a in self.areas if a.lead_agency_id}
        ids |= {t.responsible_agency_id for t in self.targets if t.responsible_agency_id}
        ids |= {agency for _t, agency in self.target_agencies}
        ids |= {agency for _t, agency in self.task_leads}
        ids |= {agency for _t, agency in self.task_cooperating}
        self.carriers: dict[int, list[Agency]] = successors_map(ids, on=self.on)

    def one(self, agency_id: int | None) -> int | None:
        """A single-agency field: its successor, or None when split among several."""
        if agency_id is None:
            return None
        carriers = self.carriers.get(agency_id, [])
        return carriers[0].pk if len(carriers) == 1 else None

    def many(self, agency_ids) -> list[int]:
        return list(dict.fromkeys(a.pk for agency_id in agency_ids for a in self.carriers.get(agency_id, [])))

    # writing -----------------------------------------------------------------------------
    def plan(self) -> Plan:
        source = self.source
        issuers = self.carriers.get(source.issuer_id, [])
        if len(issuers) != 1:
            raise PlanRolloverError(
                _(
                    "Cơ quan ban hành %(issuer)s đã được chia tách cho nhiều cơ quan: chọn cơ quan "
                    "ban hành kế hoạch năm %(year)s trước khi sao chép."
                )
                % {"issuer": source.issuer, "year": self.year}
            )
        code_base = rollover_code(source.code, source.year, self.year, set())
        taken = set(Plan.objects.filter(code__startswith=code_base[:40]).values_list("code", flat=True))
        parent = source.parent
        keeps_parent = parent is not None and parent.year <= self.year <= (parent.end_year or parent.year)
        plan = Plan(
            code=rollover_code(source.code, source.year, self.year, taken),
            title=rollover_title(source.title, source.year, self.year),
            issuer=issuers[0],
            number="",
            issue_date=None,
            year=self.year,
            end_year=None,
            parent=parent if keeps_parent else None,
            status=Plan.Status.DRAFT,
            legal_bases=source.legal_bases,
            signer_authority=source.signer_authority,
            signer_title=source.signer_title,
            signer_name=source.signer_name,
            recipients=list(source.recipients),
            copied_from=source,
        )
        plan.full_clean()
        history_attribute(plan, user=self.user, reason=self.reason)
        plan.save()
        return plan

    def _bulk(self, model, objs: list) -> dict[int, int]:
        """Create rows and their "created" history records; returns row id → history id."""
        if not objs:
            return {}
        objs = model.objects.bulk_create(objs)
        records = (
            model.history.bulk_history_create(
                objs, default_user=self.user, default_change_reason=self.reason, default_date=self.when
            )
            or []
        )  # None when history is switched off
        return {record.id: record.history_id for record in records}

    def _bulk_layers(
        self, model: type[_Nested], rows: list[_Layered[_Nested]]
    ) -> tuple[dict[int, _Nested], dict[int, int]]:
        """Create rows parents first, one bulk insert per level of nesting."""
        created: dict[int, _Nested] = {}
        history: dict[int, int] = {}
        pending = rows
        while pending:
            ready = [r for r in pending if r.old_parent_id is None or r.old_parent_id in created]
            if not ready:  # a parent loop in the old plan: copy the rest without parents
                ready = pending
                for row in ready:
                    row.old_parent_id = None
            for row in ready:
                row.obj.parent = None if row.old_parent_id is None else created.get(row.old_parent_id)
            history.update(self._bulk(model, [r.obj for r in ready]))
            created.update({r.old_id: r.obj for r in ready})
            pending = [r for r in pending if r.old_id not in created]
        return created, history

    def _m2m(self, model, field_name: str, pairs: list[tuple[int, int]], history: dict[int, int]):
        """Many-to-many rows and their snapshot in the new rows' history records."""
        if not pairs:
            return
        m2m_field = model._meta.get_field(field_name)
        own, other = f"{m2m_field.m2m_field_name()}_id", f"{m2m_field.m2m_reverse_field_name()}_id"
        through = m2m_field.remote_field.through
        links = through.objects.bulk_create([through(**{own: a, other: b}) for a, b in pairs])
        if not history:
            return
        snapshot = _m2m_history_model(model, field_name)
        snapshot.objects.bulk_create(
            [
                snapshot(
                    history_id=history[getattr(link, own)],
                    id=link.pk,
                    **{own: getattr(link, own), other: getattr(link, other)},
                )
                for link in links
            ]
        )

    def copy(self, plan: Plan):
        self.plan_obj = plan
        plan_periods_create_defaults(plan=plan)
        self.copy_areas(plan)
        self.copy_targets(plan)
        self.copy_tasks(plan)

    def copy_areas(self, plan):
        new_areas = [
            PlanArea(
                plan=plan,
                area_id=a.area_id,
                code=a.code,
                title=a.title,
                position=a.position,
                lead_agency_id=self.one(a.lead_agency_id),
            )
            for a in self.areas
        ]
        PlanArea.objects.bulk_create(new_areas)
        self.area_map = {old.pk: new.pk for old, new in zip(self.areas, new_areas, strict=True)}

    def copy_targets(self, plan):
        statements = [
            TargetStatement(
                plan=plan,
                plan_area_id=None if s.plan_area_id is None else self.area_map.get(s.plan_area_id),
                code=s.code,
                position=s.position,
                text=s.text,
            )
            for s in self.statements
        ]
        TargetStatement.objects.bulk_create(statements)
        statement_map = {old.pk: new.pk for old, new in zip(self.statements, statements, strict=True)}
        levels_of: defaultdict[int, dict[str, Decimal]] = defaultdict(dict)
        for target_id, _level_id, level_code, value in self.thresholds:
            levels_of[target_id][level_code] = value
        rows: list[_Layered[Target]] = []
        problems: list[str] = []
        for old in self.targets:
            baseline = rollover_baseline(
                comparator=old.comparator,
                old=Baseline(old.baseline_value, old.baseline_year, old.baseline_is_demo),
                figure=self.figures.get(old.pk),
                figure_is_demo=old.pk in self.demo_targets,
                year=self.source.year,
            )
            new = Target(
                statement_id=statement_map[old.statement_id],
                code=old.code,
                position=old.position,
                text=old.text,
                measure=old.measure,
                comparator=old.comparator,
                direction=old.direction,
                value=old.value,
                value_max=old.value_max,
                unit=old.unit,
                stretch=old.stretch,
                cumulative=old.cumulative,
                note=old.note,
                baseline_value=baseline.value,
                baseline_year=baseline.year,
                baseline_is_demo=baseline.is_demo,
                responsible_agency_id=self.one(old.responsible_agency_id),
                reporting_scope=old.reporting_scope,
            )
            spec = new.as_spec(levels=dict(levels_of.get(old.pk, {})))
            for messages in rules.validate_target(spec).values():
                problems += [f"{old.code}: {message}" for message in messages]
            rows.append(_Layered(old.pk, new, old.parent_id))
        if problems:
            raise PlanRolloverError(
                _("Chỉ tiêu sao chép không hợp lệ: %(problems)s") % {"problems": "; ".join(problems)}
            )
        created, history = self._bulk_layers(Target, rows)
        TargetLevelThreshold.objects.bulk_create(
            [
                TargetLevelThreshold(target=created[target_id], level_id=level_id, value=value)
                for target_id, level_id, _code, value in self.thresholds
            ]
        )
        self._m2m(
            Target, "reporting_levels", [(created[t].pk, level) for t, level in self.target_levels], history
        )
        named = defaultdict(list)
        for target_id, agency_id in self.target_agencies:
            named[target_id].append(agency_id)
        self._m2m(
            Target,
            "reporting_agencies",
            [(created[t].pk, a) for t in named for a in self.many(named[t])],
            history,
        )

    def copy_tasks(self, plan):
        kept = [
            t
            for t in self.tasks
            if task_is_copied(recurring=t.recurring, final_status=self.final_status.get(t.pk))
        ]
        kept_ids = {t.pk for t in kept}
        rows: list[_Layered[Task]] = []
        for position, old in enumerate(kept, start=1):
            new = Task(
                plan=plan,
                plan_area_id=self.area_map[old.plan_area_id],
                code=old.code,
                position=position,
                text=old.text,
                lead_groups=old.lead_groups,
                cooperating_groups=old.cooperating_groups,
                product=old.product,
                due_text=old.due_text,
                due_date=None,
                extended_due_date=None,
                recurring=old.recurring,
                carried_over_from_id=None if old.recurring else old.pk,
            )
            rows.append(_Layered(old.pk, new, old.parent_id if old.parent_id in kept_ids else None))
        created, history = self._bulk_layers(Task, rows)
        leads, cooperating = defaultdict(list), defaultdict(list)
        for task_id, agency_id in self.task_leads:
            leads[task_id].append(agency_id)
        for task_id, agency_id in self.task_cooperating:
            cooperating[task_id].append(agency_id)
        lead_pairs, cooperating_pairs = [], []
        for old_id, new in created.items():
            new_leads = self.many(leads.get(old_id, []))
            lead_pairs += [(new.pk, a) for a in new_leads]
            cooperating_pairs += [
                (new.pk, a) for a in self.many(cooperating.get(old_id, [])) if a not in new_leads
            ]
        self._m2m(Task, "lead_agencies", lead_pairs, history)
        self._m2m(Task, "cooperating_agencies", cooperating_pairs, history)


@transaction.atomic
def plan_rollover(*, plan: Plan, user=None) -> Plan:
    """Copy ``plan`` into a draft plan for the next year (see the module's docstring) and return
    it. Raises :class:`PlanRolloverError` when the plan cannot be copied."""
    source = (
        Plan.objects.select_for_update(of=("self",)).select_related("issuer", "parent").get(pk=plan.pk)
    )  # two clicks at once: the second waits, then finds the copy
    if not source.is_annual:
        raise PlanRolloverError(
            _("Chỉ sao chép được kế hoạch năm; “%(title)s” là kế hoạch nhiều năm (%(years)s).")
            % {"title": source.title, "years": source.year_label}
        )
    year = source.year + 1
    existing = Plan.objects.filter(copied_from=source, year=year).order_by("pk").first()
    if existing is not None:
        raise PlanRolloverError(
            _("Kế hoạch năm %(year)s đã được lập từ kế hoạch này: “%(title)s” (mã %(code)s).")
            % {"year": year, "title": existing.title, "code": existing.code},
            existing=existing,
        )
    rollover = _Rollover(source, user)
    rollover.read()
    rollover.map_agencies()
    new_plan = rollover.plan()
    rollover.copy(new_plan)
    return new_plan


# --- what a copy holds (for the command and the page that shows it) --------------------------


@dataclass
class RolloverReport:
    plan: Plan
    source: Plan
    areas: int = 0
    periods: int = 0
    statements: int = 0
    targets: int = 0
    baselines: int = 0
    demo_baselines: int = 0
    tasks_carried_over: int = 0
    tasks_recurring: int = 0
    tasks_left_out: int = 0
    replaced: list[tuple[Agency, list[Agency]]] = field(default_factory=list)
    to_choose: list[str] = field(default_factory=list)


def plan_rollover_report(*, plan: Plan) -> RolloverReport:
    """What the draft ``plan`` took from the plan it was copied from: counts, the agencies that
    were replaced by their successors, the single-agency fields left for the reviewer."""
    source = plan.copied_from
    if source is None:
        raise ValueError(f"plan {plan.pk} was not copied from another plan")
    report = RolloverReport(plan=plan, source=source)
    report.areas = plan.areas.count()
    report.periods = plan.periods.count()
    report.statements = plan.target_statements.count()
    targets = list(Target.objects.filter(statement__plan=plan).select_related("statement"))
    report.targets = len(targets)
    report.baselines = sum(
        1
        for t in targets
        if t.comparator in rules.BASELINE_COMPARATORS
        and t.baseline_value is not None
        and t.baseline_year == source.year
    )
    report.demo_baselines = sum(
        1
        for t in targets
        if t.comparator in rules.BASELINE_COMPARATORS
        and t.baseline_is_demo
        and t.baseline_year == source.year
    )
    tasks = list(Task.objects.filter(plan=plan))
    report.tasks_recurring = sum(1 for t in tasks if t.recurring)
    report.tasks_carried_over = sum(1 for t in tasks if t.carried_over_from_id)
    report.tasks_left_out = Task.objects.filter(plan=source).count() - len(tasks)

    old_targets = {
        (t.statement.position, t.position): t
        for t in Target.objects.filter(statement__plan=source).select_related("statement")
    }
    old_areas = {a.position: a for a in source.areas.all()}
    agency_ids = {source.issuer_id}
    agency_ids |= {a.lead_agency_id for a in old_areas.values() if a.lead_agency_id}
    agency_ids |= {t.responsible_agency_id for t in old_targets.values() if t.responsible_agency_id}
    agency_ids |= set(
        Task.lead_agencies.through.objects.filter(task__plan=source).values_list("agency_id", flat=True)
    )
    agency_ids |= set(
        Task.cooperating_agencies.through.objects.filter(task__plan=source).values_list(
            "agency_id", flat=True
        )
    )
    agency_ids |= set(
        Target.reporting_agencies.through.objects.filter(target__statement__plan=source).values_list(
            "agency_id", flat=True
        )
    )
    carriers = successors_map(agency_ids, on=succession_date(source.year))
    names = Agency.objects.in_bulk(agency_ids)
    report.replaced = sorted(
        (
            (names[pk], carried)
            for pk, carried in carriers.items()
            if pk in names and [a.pk for a in carried] != [pk]
        ),
        key=lambda pair: sort_key(pair[0].name),
    )
    for area in plan.areas.all():
        old_area = old_areas.get(area.position)
        if old_area and old_area.lead_agency_id and area.lead_agency_id is None:
            report.to_choose.append(_("Lĩnh vực %(code)s: cơ quan chủ trì") % {"code": area.code})
    for target in targets:
        old_target = old_targets.get((target.statement.position, target.position))
        if old_target and old_target.responsible_agency_id and target.responsible_agency_id is None:
            report.to_choose.append(_("Chỉ tiêu %(code)s: cơ quan chịu trách nhiệm") % {"code": target.code})
    return report
