"""Points and indices as Vietnamese readers write them (decimal comma)."""

from django import template
from django.utils.translation import gettext_lazy as _

from scoring import access, selectors
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


#: a round's tabs: (URL name, label); each shown only to whom may open it (``round_tabs``)
ROUND_TABS = (
    ("scoring:round_detail", _("Các đơn vị")),
    ("scoring:ranking", _("Xếp hạng")),
    ("scoring:dashboard", _("Tổng quan")),
    ("scoring:projection", _("Dự báo")),
    ("scoring:publication_page", _("Quyết định công bố")),
)


@register.inclusion_tag("scoring/_round_nav.html", takes_context=True)
def round_nav(context, round_):
    """The round's tabs the viewer may open, by the rules its pages check (``scoring.access``):
    the ranking and the decision once issued for everyone of the province, before it for the Sở
    Nội vụ and the leadership; the province-wide overview for them only; the projection for
    whoever may read a unit's scores (a tab that answered 403 was shown to a reporter)."""
    user = context["request"].user
    every = access.sees_every_unit(user, round_)
    ranking = access.can_read_ranking(
        user, round_, published=selectors.issued_publication(round_) is not None
    )
    units = every or bool(
        access.readable_unit_ids(user, round_, round_.assessments.values_list("unit_id", flat=True))
    )
    allowed = {
        "scoring:round_detail": True,
        "scoring:ranking": ranking,
        "scoring:dashboard": ranking and every,
        "scoring:projection": units,
        "scoring:publication_page": ranking,
    }
    return {"round": round_, "tabs": [(name, label) for name, label in ROUND_TABS if allowed[name]]}
