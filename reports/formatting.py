"""Stored figures as people read them, for pages, PDFs and spreadsheets alike: templates only
format, through these (``templatetags.dashboard_tags`` wraps them as filters)."""

from decimal import Decimal

from django.utils.formats import get_format
from django.utils.translation import gettext as _

from targets.rules import Measure, format_number, format_quantity

from .charts import percent


def pct(progress):
    """A stored progress share as a whole percentage: 0,72 → "72%"."""
    return percent(progress)


def figure(row):
    """A stored figure as people read it: a rate or percentage to one decimal ("93,4%"), a
    count or rank as a whole number, a milestone as done or not."""
    if row is None:
        return "—"
    target = row.target
    if target.measure == Measure.MILESTONE:
        if row.progress is None:
            return "—"
        assigned = row.reported + row.missing
        if assigned > 1:  # "3/5": agencies done out of those assigned
            return f"{round(row.progress * assigned)}/{assigned}"
        return _("Đã hoàn thành") if row.met else _("Chưa hoàn thành")
    if row.value is None:
        return "—"
    sep, thousands = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")
    whole = (
        target.measure in (Measure.RANK, Measure.COUNT, Measure.RATE, Measure.PERCENT) and target.unit != "%"
    )
    value = row.value.quantize(Decimal(1) if whole else Decimal("0.1"))
    if target.measure == Measure.RANK:
        return _("hạng %(rank)s") % {"rank": format_number(value, sep, thousands)}
    # a count against a baseline is the number now, not a percentage: no unit
    unit = "" if target.measure == Measure.COUNT and target.unit == "%" else target.unit
    return format_quantity(value, unit, sep, thousands)
