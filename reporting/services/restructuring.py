"""Recording a merge, split, rename or dissolution, and moving open work to the successors.

In 2025 the map changed under every plan (DOMAIN.md "Agencies"): Sở Thông tin và Truyền thông
merged into Sở Khoa học và Công nghệ on 1/3/2025, Hải Dương into Hải Phòng on 1/7/2025, the
district UBNDs were abolished. :func:`restructure` records such a change and moves the work
still open to the bodies that carry it on:

- **Which plans.** Plans not closed that still run on the effective date (their last year is
  not before the date's year). A 2023 plan is history by 2025: its tasks stay with the bodies
  that had them, and next year's plan takes the successors (``reporting.services.rollover``).
- **Which tasks.** A task is open for the predecessor unless the predecessor's latest approved
  update says it is done (``reporting.rules.agency_finished``, the rule of the progress
  computation and the reminders). Open ones get the successors instead of the predecessor as lead or
  cooperating agency; finished ones keep the body that finished them.
- **Targets and areas.** A target's responsible agency and its named reporting agencies, and
  an area's lead agency, pass to the successors (a split gives a single-agency field to the
  first successor and says so in the summary, for the reviewer to check).
- **History.** Every moved task and target gets a history entry by the reviewer with the
  decision as its reason. Past submissions, results and issued reports stay attributed to the
  body that made them: nothing in them is touched.
- **The predecessor** ends the day before the effective date (``valid_to``), so periods after it
  no longer expect its report; its users move to the successor when asked (a merge of staff).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from agencies.access import province_of
from agencies.models import Agency, AgencySuccession, User
from agencies.services import agency_create_beside
from cchc.history import history_attribute
from plans.models import Plan, PlanArea, Task
from targets.models import Target

from ..selectors.extensions import task_agencies_finished
from .submissions import plan_recompute_on_commit

Kind = AgencySuccession.Kind


@dataclass
class RestructureSummary:
    successions: int = 0
    tasks: int = 0
    targets: int = 0
    areas: int = 0
    users: int = 0
    plans: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def restructure_errors(
    *, kind: str, predecessors: list[Agency], successors: list[Agency], effective_date: date | None
) -> list[str]:
    """What is wrong with a restructuring as asked, in Vietnamese; empty when it can be saved."""
    errors = []
    if kind not in Kind.values:
        errors.append(_("Hình thức sắp xếp không hợp lệ."))
    if not predecessors:
        errors.append(_("Chọn cơ quan trước sắp xếp."))
    if not successors:
        errors.append(_("Chọn cơ quan kế thừa."))
    if effective_date is None:
        errors.append(_("Nhập ngày hiệu lực."))
    elif not 1900 <= effective_date.year <= 2100:  # 01/01/0001 minus a day is no date
        errors.append(_("Ngày hiệu lực phải trong các năm 1900–2100."))
    if errors or effective_date is None:  # (no date is one of the errors)
        return errors
    overlap = {a.pk for a in predecessors} & {a.pk for a in successors}
    if overlap:
        errors.append(_("Một cơ quan không thể vừa là cơ quan trước vừa là cơ quan kế thừa."))
    if kind == Kind.MERGE and len(successors) != 1:
        errors.append(_("Hợp nhất, sáp nhập có đúng một cơ quan kế thừa."))
    if kind == Kind.SPLIT and (len(predecessors) != 1 or len(successors) < 2):
        errors.append(_("Chia tách là một cơ quan thành hai cơ quan trở lên."))
    if kind in (Kind.RENAME, Kind.DISSOLVE) and (len(predecessors) != 1 or len(successors) != 1):
        errors.append(_("Đổi tên hoặc giải thể là một cơ quan, với một cơ quan nhận lại công việc."))
    provinces = {province_of(a) for a in [*predecessors, *successors]}
    if len(provinces) > 1 and kind != Kind.MERGE:
        errors.append(_("Các cơ quan phải thuộc cùng một tỉnh (trừ hợp nhất tỉnh)."))
    for agency in predecessors:
        if agency.valid_to is not None and agency.valid_to < effective_date - timedelta(days=1):
            errors.append(
                _("%(a)s đã hết hiệu lực từ %(d)s.")
                % {"a": agency, "d": agency.valid_to.strftime("%d/%m/%Y")}
            )
    taken = AgencySuccession.objects.filter(
        predecessor__in=predecessors, successor__in=successors, effective_date=effective_date
    )
    if taken.exists():
        errors.append(_("Việc sắp xếp này đã được ghi nhận."))
    return errors


@transaction.atomic
def restructure(
    *,
    kind: str,
    predecessors: list[Agency],
    successors: list[Agency],
    effective_date: date,
    user,
    decision: str = "",
    note: str = "",
    move_users: bool = True,
) -> RestructureSummary:
    """Record the change and move the open work (see the module's docstring). All or nothing."""
    errors = restructure_errors(
        kind=kind, predecessors=predecessors, successors=successors, effective_date=effective_date
    )
    if errors:
        raise ValidationError(errors)
    summary = RestructureSummary()
    AgencySuccession.objects.bulk_create(
        AgencySuccession(
            predecessor=p, successor=s, kind=kind, effective_date=effective_date, decision=decision, note=note
        )
        for p in predecessors
        for s in successors
    )
    summary.successions = len(predecessors) * len(successors)
    last_day = effective_date - timedelta(days=1)
    for agency in predecessors:
        if agency.valid_to is None or agency.valid_to > last_day:
            agency.valid_to = last_day
            agency.save(update_fields=["valid_to"])
    for agency in successors:
        if agency.valid_from is not None and agency.valid_from > effective_date:
            agency.valid_from = effective_date
            agency.save(update_fields=["valid_from"])

    plans = list(
        Plan.objects.exclude(status=Plan.Status.CLOSED)
        .filter(
            Q(end_year__gte=effective_date.year) | Q(end_year__isnull=True, year__gte=effective_date.year)
        )
        .values_list("pk", flat=True)
    )
    reason = decision or _("Sắp xếp cơ quan từ %s") % effective_date.strftime("%d/%m/%Y")
    old_ids = [a.pk for a in predecessors]
    first = successors[0]
    if kind == Kind.SPLIT:
        summary.notes.append(
            _(
                "Chia tách: chỉ tiêu và lĩnh vực do một cơ quan phụ trách được "
                "giao cho %s; kiểm tra lại nếu cần."
            )
            % first
        )

    tasks = list(
        Task.objects.filter(plan_id__in=plans)
        .filter(Q(lead_agencies__in=old_ids) | Q(cooperating_agencies__in=old_ids))
        .distinct()
        .prefetch_related("lead_agencies", "cooperating_agencies")
    )
    done = task_agencies_finished(t.pk for t in tasks)
    for task in tasks:
        # the history entries the move makes (of the m2m changes and the saves) name the
        # reviewer and the decision
        history_attribute(task, user=user, reason=reason)
        changed = False
        for manager in (task.lead_agencies, task.cooperating_agencies):
            current = list(manager.all())
            leaving = [a for a in current if a.pk in old_ids and (task.pk, a.pk) not in done]
            if not leaving:
                continue
            kept = [a for a in current if a not in leaving]
            manager.set(kept + [s for s in successors if s not in kept])
            changed = True
        summary.tasks += changed

    for target in (
        Target.objects.filter(statement__plan_id__in=plans)
        .filter(Q(responsible_agency__in=old_ids) | Q(reporting_agencies__in=old_ids))
        .distinct()
        .prefetch_related("reporting_agencies")
    ):
        history_attribute(target, user=user, reason=reason)
        if target.responsible_agency_id in old_ids:
            target.responsible_agency = first
            target.save(update_fields=["responsible_agency", "updated_at"])
        named = list(target.reporting_agencies.all())
        if any(a.pk in old_ids for a in named):
            kept = [a for a in named if a.pk not in old_ids]
            target.reporting_agencies.set(kept + [s for s in successors if s not in kept])
        summary.targets += 1

    summary.areas = PlanArea.objects.filter(plan_id__in=plans, lead_agency__in=old_ids).update(
        lead_agency=first
    )
    if move_users:
        summary.users = User.objects.filter(agency__in=old_ids).update(agency=first)
    summary.plans = plans
    for plan_id in plans:
        plan_recompute_on_commit(plan_id)
    return summary


@transaction.atomic
def restructuring_record(
    *,
    kind: str,
    predecessors: list[Agency],
    successors: list[Agency],
    new_name: str = "",
    new_short_name: str = "",
    effective_date: date,
    user,
    decision: str = "",
    note: str = "",
    move_users: bool = True,
) -> RestructureSummary:
    """What the reviewer's page records: the predecessors locked first (two clicks, or two
    reviewers, on the same bodies: the second waits for the first to finish, then reads what it
    wrote and is refused with a message instead of writing it again), a new body created beside
    the first predecessor when named, then the restructuring itself."""
    locked = {
        a.pk: a
        for a in Agency.objects.select_for_update().filter(pk__in=[a.pk for a in predecessors]).order_by("pk")
    }
    predecessors = [locked[a.pk] for a in predecessors]
    successors = list(successors)
    if new_name.strip():
        successors.append(
            agency_create_beside(
                template=predecessors[0], name=new_name, short_name=new_short_name, valid_from=effective_date
            )
        )
    return restructure(
        kind=kind,
        predecessors=predecessors,
        successors=successors,
        effective_date=effective_date,
        user=user,
        decision=decision,
        note=note,
        move_users=move_users,
    )
