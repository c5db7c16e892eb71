"""Reads of the one-stop figures: what they propose on an agency's entry page, what an import
will change (before/after), the 766 index over the months, the imports of a province."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.access import province_of
from agencies.models import Agency
from cchc.collation import sort_key
from plans.models import Plan, ReportingPeriod

from . import rules
from .models import DossierCounts, ImportBatch, Index766, TargetBinding


@dataclass(frozen=True)
class Proposal:
    """A figure proposed from the one-stop system for one target, agency and period."""

    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    source: str  # "Hệ thống một cửa, nhập ngày 05/04/2023"
    definition: str


def source_label(batch: ImportBatch) -> str:
    day = timezone.localtime(batch.imported_at).strftime("%d/%m/%Y")
    return _("Hệ thống một cửa, nhập ngày %(date)s") % {"date": day}


def _months_of(period: ReportingPeriod) -> tuple[date, date]:
    """The first days of the first and last months of the period's data window."""
    start, end = period.window_start, period.window_end
    return date(start.year, start.month, 1), date(end.year, end.month, 1)


def proposals_for(*, period: ReportingPeriod, agency: Agency, target_ids) -> dict[int, Proposal]:
    """target id → the figure the one-stop system proposes for the agency in the period: a bound
    rate from Biểu 06's counts of that period (the formula's numerator and denominator); a
    bound 766 value from the latest month of the period's window that has one. Three queries."""
    bindings = list(TargetBinding.objects.filter(target_id__in=list(target_ids)))
    if not bindings:
        return {}
    counts = None
    if any(b.source == TargetBinding.Source.DOSSIERS for b in bindings):
        counts = DossierCounts.objects.filter(period=period, agency=agency).select_related("batch").first()
    index = None
    if any(b.source == TargetBinding.Source.INDEX_766 for b in bindings):
        first, last = _months_of(period)
        index = (
            Index766.objects.filter(agency=agency, month__gte=first, month__lte=last)
            .select_related("batch")
            .order_by("-month")
            .first()
        )
    out: dict[int, Proposal] = {}
    for binding in bindings:
        if binding.source == TargetBinding.Source.DOSSIERS and counts is not None:
            pair = rules.formula_apply(binding.formula, counts.as_counts())
            if pair is not None:
                out[binding.target_id] = Proposal(
                    Decimal(pair[0]), Decimal(pair[1]), None, source_label(counts.batch), binding.definition
                )
        elif binding.source == TargetBinding.Source.INDEX_766 and index is not None:
            value = getattr(index, binding.index_field)
            out[binding.target_id] = Proposal(
                None,
                None,
                value,
                source_label(index.batch) + _(" (tháng %(m)s)") % {"m": index.month.strftime("%m/%Y")},
                binding.definition,
            )
    return out


def plan_bindings(plan: Plan) -> list[TargetBinding]:
    return list(
        TargetBinding.objects.filter(target__statement__plan=plan)
        .select_related("target__statement")
        .order_by("target__statement__position", "target__position")
    )


def plan_batches(plan: Plan, *, agency: Agency | None = None) -> QuerySet:
    """The imports of the plan's province (an agency's own, for its staff)."""
    batches = ImportBatch.objects.filter(province=province_of(plan.issuer) or plan.issuer).select_related(
        "period", "imported_by", "for_agency"
    )
    if agency is not None:
        batches = batches.filter(for_agency=agency)
    return batches


def preview_rows(
    *, kind: str, rows: list[dict], period: ReportingPeriod | None, labels: dict[int, str]
) -> list[dict]:
    """Each row as the preview shows it: the agency (its name or a picker), and per column the
    figure stored now and the one the file brings."""
    agency_ids = [r["agency"] for r in rows if r["agency"]]
    stored: dict[object, dict[str, object]]
    if kind == ImportBatch.Kind.DOSSIERS:
        stored = {
            c.agency_id: dict(c.as_counts())
            for c in DossierCounts.objects.filter(period=period, agency_id__in=agency_ids)
        }
        fields = rules.DOSSIER_FIELDS
    else:
        stored = {
            (i.agency_id, i.month.isoformat()): {
                **{f: str(getattr(i, f)) for f in rules.INDEX_FIELDS},
                "total": str(i.total),
            }
            for i in Index766.objects.filter(agency_id__in=agency_ids)
        }
        fields = [*rules.INDEX_FIELDS, "total"]
    shown = []
    for row in rows:
        new = row["counts"] if kind == ImportBatch.Kind.DOSSIERS else row["values"]
        key = row["agency"] if kind == ImportBatch.Kind.DOSSIERS else (row["agency"], row["month"])
        before = stored.get(key, {})
        shown.append(
            {
                **row,
                "agency_label": labels.get(row["agency"], "") if row["agency"] else "",
                "month_display": date.fromisoformat(row["month"]).strftime("%m/%Y")
                if row.get("month")
                else "",
                "cells": [
                    {
                        "before": before.get(f),
                        "after": new.get(f),
                        "changed": before and str(before.get(f)) != str(new.get(f)),
                    }
                    for f in fields
                ],
                "is_new": not before,
            }
        )
    return shown


@dataclass
class IndexPanel:
    months: list[date]
    rows: list[tuple[Agency, list[Index766 | None]]]
    province_mean: list[Decimal | None]


def index_panel(plan: Plan) -> IndexPanel:
    """The 766 index of the plan's year (and the months of its periods' windows) per agency and
    month, and the mean of the agencies' totals each month (the trend). Two queries."""
    periods = list(plan.periods.order_by("position"))
    first = min((p.window_start for p in periods), default=date(plan.year, 1, 1))
    last = max((p.window_end for p in periods), default=date(plan.year, 12, 31))
    values = list(
        Index766.objects.filter(
            agency__in=plan_agencies(plan), month__gte=date(first.year, first.month, 1), month__lte=last
        ).select_related("agency")
    )
    months = sorted({v.month for v in values})
    by_agency: dict[int, dict[date, Index766]] = {}
    agencies: dict[int, Agency] = {}
    for v in values:
        by_agency.setdefault(v.agency_id, {})[v.month] = v
        agencies[v.agency_id] = v.agency
    rows = [
        (agencies[pk], [by_agency[pk].get(m) for m in months])
        for pk in sorted(agencies, key=lambda pk: sort_key(agencies[pk].name))
    ]
    mean = []
    for m in months:
        totals = [by_agency[pk][m].total for pk in by_agency if m in by_agency[pk]]
        mean.append((sum(totals) / len(totals)).quantize(Decimal("0.01")) if totals else None)
    return IndexPanel(months, rows, mean)


def plan_agencies(plan: Plan) -> QuerySet:
    province = province_of(plan.issuer) or plan.issuer
    return (
        Agency.objects.filter(pk=province.pk)
        | Agency.objects.filter(parent=province)
        | Agency.objects.filter(parent__parent=province)
    )
