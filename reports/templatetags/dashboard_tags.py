from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .. import formatting, wording

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
def progress(row):
    """A target row's progress, never "100%" when not met (``reports.formatting.progress``)."""
    return formatting.progress(row)


@register.filter
def verdict(row):
    """A target row's verdict as printed ("Đạt, vượt 5%", "Không đạt")."""
    return formatting.verdict(row)


@register.filter
def coverage(row):
    """ "10/18 cơ quan": how many of the expected agencies a figure stands on."""
    return formatting.coverage(row)


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
    period. A key says the report's state and, "_late", that it was first sent late: the cell
    shows both ("Đã duyệt · gửi muộn")."""
    return mark_safe(
        "".join(
            f'<td><span class="cell c-{escape(key.removesuffix("_late"))}'
            f'{" c-late" if key.endswith("_late") else ""}" data-state="{escape(key)}">'
            f"{escape(labels.get(key))}</span></td>"
            for _period, key in cells
        )
    )


@register.filter
def shorten(text, limit=220):
    """A task's name cut at a word boundary with "…" when it is long (``wording.shorten``)."""
    return wording.shorten(text, int(limit))
