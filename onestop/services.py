"""Writes of the one-stop figures: an import confirmed from its preview (all rows or none) and
a target bound to (or unbound from) a formula over them. Keyword-only ``<entity>_<action>``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.access import province_of
from agencies.models import Agency
from plans.models import Plan, ReportingPeriod
from targets.models import Target

from . import rules
from .models import DossierCounts, ImportBatch, Index766, TargetBinding


def _chosen_agencies(
    rows: list[dict], choices: dict[str, str], allowed: set[int]
) -> tuple[dict[int, int], list[str]]:
    """line → agency id for every row (its match or the picker's choice), and the problems: a
    name not matched nor picked, an agency the importer may not write for, an agency twice."""
    chosen: dict[int, int] = {}
    problems: list[str] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        line = row["line"]
        picked = choices.get(str(line), "")
        agency_id = row["agency"] or (int(picked) if picked.isdigit() else None)
        if agency_id is None:
            problems.append(
                _("Dòng %(row)s: chưa nhận ra cơ quan “%(name)s”; chọn cơ quan của tỉnh trong danh sách.")
                % {"row": line, "name": row["name"]}
            )
            continue
        if agency_id not in allowed:
            problems.append(
                _("Dòng %(row)s: không được nhập số liệu cho “%(name)s”.")
                % {"row": line, "name": row["name"]}
            )
            continue
        key = (agency_id, row.get("month"))
        if key in seen:
            problems.append(
                _("Dòng %(row)s: “%(name)s” trùng với dòng %(other)s.")
                % {"row": line, "name": row["name"], "other": seen[key]}
            )
        seen[key] = line
        chosen[line] = agency_id
    return chosen, problems


@transaction.atomic
def onestop_import(
    *,
    plan: Plan,
    kind: str,
    rows: list[dict],
    choices: dict[str, str],
    allowed_agency_ids: set[int],
    user,
    file_name: str,
    period: ReportingPeriod | None = None,
    for_agency: Agency | None = None,
) -> ImportBatch:
    """Write the rows of a previewed file: every row or none (``ValidationError`` with a message
    per row). A row replaces the agency's figures of that period (Biểu 06) or month (766)."""
    chosen, problems = _chosen_agencies(rows, choices, allowed_agency_ids)
    if kind == ImportBatch.Kind.DOSSIERS and (period is None or period.plan_id != plan.pk):
        problems.append(_("Chọn kỳ báo cáo của kế hoạch cho số liệu Biểu 06."))
    if problems:
        raise ValidationError(problems)
    batch = ImportBatch.objects.create(
        province=province_of(plan.issuer) or plan.issuer,
        kind=kind,
        period=period if kind == ImportBatch.Kind.DOSSIERS else None,
        file_name=file_name[:160],
        rows=len(rows),
        imported_by=user,
        for_agency=for_agency,
    )
    for row in rows:
        agency_id = chosen[row["line"]]
        if kind == ImportBatch.Kind.DOSSIERS:
            record = DossierCounts(batch=batch, period=period, agency_id=agency_id, **row["counts"])
            record.full_clean(exclude=["batch", "period", "agency"], validate_unique=False)
            DossierCounts.objects.update_or_create(
                period=period, agency_id=agency_id, defaults={"batch": batch, **row["counts"]}
            )
        else:
            values = {k: Decimal(v) for k, v in row["values"].items()}
            Index766.objects.update_or_create(
                agency_id=agency_id,
                month=date.fromisoformat(row["month"]),
                defaults={"batch": batch, "band": row["band"], **values},
            )
    return batch


@transaction.atomic
def binding_set(
    *, target: Target, source: str, formula: str = "", index_field: str = "", user
) -> TargetBinding:
    """Bind a target to a formula over Biểu 06 (a rate target) or to a 766 value."""
    if source == TargetBinding.Source.DOSSIERS:
        if target.measure != Target.Measure.RATE:
            raise ValidationError(_("Chỉ gắn công thức Biểu 06 cho chỉ tiêu tỷ lệ (tử số/mẫu số)."))
        if formula not in rules.FORMULAS:
            raise ValidationError(_("Chọn công thức."))
        index_field = ""
    else:
        if target.measure in (Target.Measure.RATE, Target.Measure.MILESTONE):
            raise ValidationError(_("Giá trị chỉ số 766 chỉ gắn cho chỉ tiêu nhập một số (điểm, tỷ lệ %)."))
        formula = ""
    binding, _created = TargetBinding.objects.update_or_create(
        target=target,
        defaults={"source": source, "formula": formula, "index_field": index_field, "created_by": user},
    )
    binding.full_clean()
    return binding


def binding_remove(*, target: Target) -> int:
    deleted, _detail = TargetBinding.objects.filter(target=target).delete()
    return deleted
