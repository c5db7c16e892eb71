from decimal import Decimal

from django import template
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from reports.charts import percent
from targets.rules import Measure, format_number, format_quantity

register = template.Library()


@register.filter
def pct(progress):
    """A stored progress share as a whole percentage: 0,72 → "72%"."""
    return percent(progress)


@register.filter
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
        if assigned > 1:    # "3/5": agencies done out of those assigned
            return f"{round(row.progress * assigned)}/{assigned}"
        return _("Đã hoàn thành") if row.met else _("Chưa hoàn thành")
    if row.value is None:
        return "—"
    sep, thousands = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")
    whole = target.measure in (Measure.RANK, Measure.COUNT, Measure.RATE, Measure.PERCENT) \
        and target.unit != "%"
    value = row.value.quantize(Decimal(1) if whole else Decimal("0.1"))
    if target.measure == Measure.RANK:
        return _("hạng %(rank)s") % {"rank": format_number(value, sep, thousands)}
    # a count against a baseline is the number now, not a percentage: no unit
    unit = "" if target.measure == Measure.COUNT and target.unit == "%" else target.unit
    return format_quantity(value, unit, sep, thousands)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def link(pattern, value):
    """A URL reversed once for a table's rows (``views_dashboards._link``), its next ``{}``
    slot filled with this row's ``value``."""
    return pattern.replace("{}", str(value), 1)


@register.filter
def compliance_cells(cells, labels):
    """A row of the reporting compliance matrix, ``(period, key)`` pairs, as its table cells:
    written here rather than by a template loop, the matrix having a cell per agency and
    period."""
    return mark_safe("".join(f'<td><span class="cell c-{escape(key)}">{escape(labels.get(key))}</span></td>'
                             for _period, key in cells))


@register.inclusion_tag("reports/_stale.html")
def figures_pending(plan):
    """A notice when a recompute of the plan's figures waits (a change not counted yet, or the
    workers down): the figures on the page may be stale (``reports.jobs``)."""
    from reports.jobs import stale_notice

    return {"stale": stale_notice(plan.pk)}
