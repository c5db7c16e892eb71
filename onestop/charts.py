"""The 766 index's trend over the months, drawn on the server (``cchc.svg``) like the
dashboards' charts: title and text alternative, the bands' floors as dashed lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cchc.svg import new_prefix, svg

from . import rules

SMALL = 'text-anchor="end" font-size="10" fill="#5b6575"'


def index_trend(
    months: list[date], series: list[tuple[str, list[Decimal | None]]], *, title: str
) -> SafeString:
    """One line per series (the province's mean first, drawn thicker) of totals 0–100 over the
    months; a month without a value leaves a gap."""
    width, height, left, top, bottom = 640, 260, 40, 16, 36
    plot_w, plot_h = width - left - 16, height - top - bottom
    step = plot_w / max(len(months) - 1, 1)

    def x(i: int) -> float:
        return left + i * step

    def y(v: Decimal | float) -> float:
        return top + plot_h * (1 - float(v) / rules.INDEX_TOTAL_MAX)

    body = []
    for floor, label in rules.INDEX_BANDS[:-1]:
        body.append(
            f'<line x1="{left}" x2="{width - 16}" y1="{y(floor):.1f}" y2="{y(floor):.1f}" '
            f'stroke="#c4cbd6" stroke-dasharray="3 3"/>'
            f'<text x="{left - 4}" y="{y(floor) + 4:.1f}" {SMALL}>{floor}</text>'
            f'<text x="{width - 18}" y="{y(floor) - 3:.1f}" {SMALL}>{label}</text>'
        )
    for i, month in enumerate(months):
        body.append(
            f'<text x="{x(i):.1f}" y="{height - 14}" text-anchor="middle" font-size="10">{month:%m/%Y}</text>'
        )
    colours = ["#1f3a68", "#1b7f3b", "#a15c00", "#7a3e9d", "#b3261e", "#00677f"]
    alt = []
    for n, (name, values) in enumerate(series):
        colour = colours[n % len(colours)]
        runs: list[list[str]] = [[]]
        for i, v in enumerate(values):
            if v is None:
                runs.append([])
            else:
                runs[-1].append(f"{x(i):.1f},{y(v):.1f}")
        stroke = 2.6 if n == 0 else 1.4
        dash = "" if n == 0 else f' stroke-dasharray="{2 + n} 2"'
        body += [
            f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
            f'stroke-width="{stroke}"{dash}/>'
            for run in runs
            if len(run) > 1
        ]
        body += [
            f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.6" fill="{colour}"/>'
            for i, v in enumerate(values)
            if v is not None
        ]
        alt.append(
            f"{name}: "
            + ", ".join(
                f"{m:%m/%Y} {v if v is not None else '—'}" for m, v in zip(months, values, strict=False)
            )
        )
    if not months:
        body.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">{_("Chưa có số liệu")}</text>'
        )
    return svg(
        new_prefix(),
        "".join(body),
        width=width,
        height=height,
        title=title,
        desc="; ".join(alt),
        css_class="index-trend",
    )
