from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .. import formatting

register = template.Library()


@register.filter
def pct(progress):
    """A stored progress share as a whole percentage: 0,72 → "72%"."""
    return formatting.pct(progress)


@register.filter
def figure(row):
    """A stored figure as people read it (``reports.formatting.figure``)."""
    return formatting.figure(row)


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
    return mark_safe(
        "".join(
            f'<td><span class="cell c-{escape(key)}">{escape(labels.get(key))}</span></td>'
            for _period, key in cells
        )
    )
