"""The scoring's charts, drawn on the server as SVG with the helpers of ``cchc.svg`` (a
title and a text alternative on every chart, patterns as well as colours so that they survive
grayscale print): the indices of a group's units against the band thresholds, a unit's index per
lĩnh vực against the group's median, self-assessment against appraisal."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cchc.svg import CHAR_WIDTH, new_prefix, svg, wrap

from .rules import percent_label, points_label, to_decimal

NAVY, GREEN, AMBER, RED, GREY = "#1f3a68", "#1b7f3b", "#e0a100", "#b71c1c", "#9aa3b2"
BAND_COLOURS = [GREEN, "#6cbf7f", AMBER, RED, GREY]


def _x(value: Decimal | None, scale: float) -> float:
    return 0.0 if value is None else scale * float(min(max(value, Decimal(0)), Decimal(100))) / 100


def index_bars(
    rows: list[tuple[str, Decimal | None, str]], *, title: str, bands, width: int = 560
) -> SafeString:
    """One bar per unit (label, index, band), scaled 0–100%, the bands' lower bounds drawn as
    dashed lines; each bar's colour and pattern follow its band's order."""
    label_width, bar_height, gap = 210, 14, 6
    scale = width - label_width - 60
    order = [str(b.get("label")) for b in bands]
    prefix = new_prefix()
    body = [
        f'<defs><pattern id="{prefix}-h" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{AMBER}"/><path d="M0 6L6 0" stroke="#fff" '
        f'stroke-width="1.4"/></pattern></defs>'
    ]
    fills = [GREEN, "#6cbf7f", f"url(#{prefix}-h)", RED, GREY]
    y = 4
    for label, index, band in rows:
        fill = fills[order.index(band)] if band in order and order.index(band) < len(fills) else NAVY
        text = escape(label if len(label) <= 30 else label[:29] + "…")
        body.append(
            f'<text x="0" y="{y + 11}" fill="#1c2430">{text}</text>'
            f'<rect x="{label_width}" y="{y}" width="{scale}" height="{bar_height}" '
            f'fill="#fff" stroke="#c4cbd6" stroke-width=".6"/>'
            f'<rect x="{label_width}" y="{y}" width="{_x(index, scale):.1f}" '
            f'height="{bar_height}" fill="{fill}" stroke="#5b6575" stroke-width=".4">'
            f"<title>{text}: {percent_label(index)} {escape(band or '')}</title></rect>"
            f'<text x="{label_width + scale + 4}" y="{y + 11}" font-weight="700" '
            f'fill="{NAVY}">{percent_label(index)}</text>'
        )
        y += bar_height + gap
    lows = [(to_decimal(b.get("min")), str(b.get("label"))) for b in bands]
    lows = sorted((low, label) for low, label in lows if low is not None)
    for i, (low, label) in enumerate(lows):  # labels staggered: thresholds lie close
        x = label_width + _x(low, scale)
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{y + 12 * i + 2}" '
            f'stroke="#5b6575" stroke-dasharray="3 3"/><text x="{x + 2:.1f}" '
            f'y="{y + 12 * i + 11}" font-size="11" fill="#5b6575">{escape(label)} '
            f"≥ {percent_label(low)}</text>"
        )
    y += 12 * max(len(lows) - 1, 0)
    alt = "; ".join(f"{label}: {percent_label(index)} {band or ''}".strip() for label, index, band in rows)
    return svg(
        prefix,
        "".join(body),
        width=width,
        height=y + 20,
        title=title,
        desc=alt,
        css_class="scores",
        fixed=True,
    )


def area_bars(
    areas: list[tuple[str, Decimal | None, Decimal | None]], *, title: str, width: int = 560
) -> SafeString:
    """A unit's index per lĩnh vực (a bar) against its group's median (a black tick), 0–100%."""
    label_width, bar_height, line = 230, 14, 15
    scale = width - label_width - 60
    prefix = new_prefix()
    body, y = [], 4
    for label, value, group_median in areas:
        lines = wrap(label, int(label_width / CHAR_WIDTH))
        for i, part in enumerate(lines[:2]):
            body.append(f'<text x="0" y="{y + 11 + i * line}" fill="#1c2430">{escape(part)}</text>')
        body.append(
            f'<rect x="{label_width}" y="{y}" width="{scale}" height="{bar_height}" '
            f'fill="#fff" stroke="#c4cbd6" stroke-width=".6"/>'
            f'<rect x="{label_width}" y="{y}" width="{_x(value, scale):.1f}" '
            f'height="{bar_height}" fill="{NAVY}"><title>{escape(label)}: '
            f"{percent_label(value)}</title></rect>"
        )
        if group_median is not None:
            x = label_width + _x(group_median, scale)
            body.append(
                f'<rect x="{x - 1.5:.1f}" y="{y - 3}" width="3" height="{bar_height + 6}" '
                f'fill="#000"><title>{_("Trung vị của nhóm")}: '
                f"{percent_label(group_median)}</title></rect>"
            )
        body.append(
            f'<text x="{label_width + scale + 4}" y="{y + 11}" font-weight="700" '
            f'fill="{NAVY}">{percent_label(value)}</text>'
        )
        y += max(bar_height, line * min(len(lines), 2)) + 8
    body.append(
        f'<rect x="0" y="{y + 2}" width="14" height="10" fill="{NAVY}"/>'
        f'<text x="20" y="{y + 11}">{_("Đơn vị")}</text>'
        f'<rect x="90" y="{y}" width="3" height="14" fill="#000"/>'
        f'<text x="100" y="{y + 11}">{_("Trung vị của nhóm")}</text>'
    )
    alt = "; ".join(
        f"{label}: {percent_label(v)} ({_('trung vị')} {percent_label(m)})" for label, v, m in areas
    )
    return svg(
        prefix,
        "".join(body),
        width=width,
        height=y + 20,
        title=title,
        desc=alt,
        css_class="scores",
        fixed=True,
    )


def gap_bars(rows: list[tuple[str, Decimal, Decimal]], *, title: str, width: int = 560) -> SafeString:
    """Self-assessment (hatched) against appraisal (solid) in points, per unit."""
    label_width, bar_height = 210, 8
    scale = width - label_width - 70
    top = max([max(s, a) for _l, s, a in rows] + [Decimal(1)])
    prefix = new_prefix()
    body = [
        f'<defs><pattern id="{prefix}-s" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="#9fb3d9"/><path d="M0 6L6 0" stroke="#fff" '
        f'stroke-width="1.4"/></pattern></defs>'
    ]
    y = 4
    for label, self_points, appraised in rows:
        text = escape(label if len(label) <= 30 else label[:29] + "…")
        body.append(f'<text x="0" y="{y + 13}" fill="#1c2430">{text}</text>')
        for offset, value, fill, name in (
            (0, self_points, f"url(#{prefix}-s)", _("Tự chấm")),
            (bar_height + 2, appraised, NAVY, _("Thẩm định")),
        ):
            w = scale * float(value) / float(top)
            body.append(
                f'<rect x="{label_width}" y="{y + offset}" width="{w:.1f}" '
                f'height="{bar_height}" fill="{fill}" stroke="#5b6575" stroke-width=".4">'
                f"<title>{name}: {points_label(value)}</title></rect>"
            )
        body.append(
            f'<text x="{label_width + scale + 4}" y="{y + 13}" font-weight="700" '
            f'fill="{RED if self_points > appraised else NAVY}">'
            f"{'−' if self_points > appraised else '+'}"
            f"{points_label(abs(self_points - appraised))}</text>"
        )
        y += 2 * bar_height + 10
    body.append(
        f'<rect x="0" y="{y}" width="14" height="10" fill="url(#{prefix}-s)"/>'
        f'<text x="20" y="{y + 9}">{_("Tự chấm")}</text>'
        f'<rect x="90" y="{y}" width="14" height="10" fill="{NAVY}"/>'
        f'<text x="110" y="{y + 9}">{_("Thẩm định")}</text>'
    )
    alt = "; ".join(
        f"{label}: {_('tự chấm')} {points_label(s)}, {_('thẩm định')} {points_label(a)}"
        for label, s, a in rows
    )
    return svg(
        prefix,
        "".join(body),
        width=width,
        height=y + 16,
        title=title,
        desc=alt,
        css_class="scores",
        fixed=True,
    )
