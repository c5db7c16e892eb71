from django import template
from django.utils.formats import get_format

from .. import rules

register = template.Library()


@register.filter
def target_figure(target):
    """The target as an officer reads it ("> 95%", "Top 20", "cấp tỉnh 60% · …"), in the
    active language's decimal separator. Uses prefetched level thresholds."""
    thresholds = list(target.level_thresholds.all())
    spec = target.as_spec(levels={t.level.code: t.value for t in thresholds})
    names = {t.level.code: t.level.name for t in thresholds}
    return rules.format_target(spec, names, decimal_sep=get_format("DECIMAL_SEPARATOR"))


@register.filter
def vn_number(value):
    return rules.format_number(value, get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR"))


@register.filter
def result_figure(result):
    """A reported line as the reviewer reads it: "645/693 (93,1%)", "12 phút", "Đã hoàn thành"."""
    from django.utils.translation import gettext as _

    if result is None:
        return "—"
    sep = get_format("DECIMAL_SEPARATOR")
    thousands = get_format("THOUSAND_SEPARATOR")
    if result.not_applicable:
        return _("Không phát sinh")
    if result.numerator is not None and result.denominator:
        share = result.numerator / result.denominator * 100
        return (
            f"{rules.format_number(result.numerator, sep, thousands)}/"
            f"{rules.format_number(result.denominator, sep, thousands)} "
            f"({rules.format_number(round(share, 1), sep, thousands)}%)"
        )
    if result.done is not None:
        return _("Đã hoàn thành") if result.done else _("Chưa hoàn thành")
    if result.value is not None:
        return rules.format_quantity(result.value, result.target.unit, sep)
    return "—"
