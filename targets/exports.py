"""A plan as plain data (the JSON of ``manage.py export_plan``), built from the same selector
as the plan page so both always show the same plan."""

from decimal import Decimal

from plans.models import Plan

from . import plan_selectors as selectors


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _target(target) -> dict:
    thresholds = list(target.level_thresholds.all())
    return {
        "code": target.code,
        "text": target.text,
        "measure": target.measure,
        "comparator": target.comparator,
        "value": _number(target.value),
        "value_max": _number(target.value_max),
        "unit": target.unit,
        "levels": {t.level.code: _number(t.value) for t in thresholds} or None,
        "stretch": target.stretch,
        "baseline_year": target.baseline_year,
        "responsible": target.responsible_agency.name if target.responsible_agency else None,
    }


def _task(task) -> dict:
    cooperating = [a.name for a in task.cooperating_agencies.all()]
    if task.cooperating_groups:
        cooperating.append(task.cooperating_groups)
    lead = [a.name for a in task.lead_agencies.all()]
    if task.lead_groups:
        lead.append(task.lead_groups)
    return {
        "code": task.code,
        "text": task.text,
        "lead": lead,
        "cooperating": cooperating,
        "due_text": task.due_text,
        "due_date": task.due_date.isoformat() if task.due_date else None,
        "product": task.product,
    }


def plan_export(plan: Plan) -> dict:
    detail = selectors.plan_detail(plan)
    return {
        "plan": {"number": plan.number, "title": plan.title, "year": plan.year, "issuer": plan.issuer.name},
        "areas": [
            {
                "code": block["area"].code,
                "name": block["area"].title,
                "targets": [_target(t) for s in block["statements"] for t in s.targets.all()],
                "tasks": [_task(t) for t in block["tasks"]],
            }
            for block in detail["areas"]
        ],
        "general_targets": [_target(t) for s in detail["general_statements"] for t in s.targets.all()],
    }
