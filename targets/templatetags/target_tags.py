from django import template
from django.utils.formats import get_format

from targets import rules

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
    return rules.format_number(value, get_format("DECIMAL_SEPARATOR"),
                               get_format("THOUSAND_SEPARATOR"))
