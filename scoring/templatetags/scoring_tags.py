"""Points and indices as Vietnamese readers write them (decimal comma)."""

from django import template

from scoring.rules import percent_label, points_label

register = template.Library()


@register.filter
def pts(value):
    """2.50 → "2,5"; None (or nothing) → "—"."""
    return points_label(None if value in (None, "") else value)


@register.filter
def pct(value):
    """87.349 → "87,35%"; None (or nothing) → "—"."""
    return percent_label(None if value in (None, "") else value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def area_index(areas, code):
    """A unit's index of one lĩnh vực, from ``UnitResult.areas``."""
    value = (areas or {}).get(code)
    return percent_label(value[2] if value else None)
