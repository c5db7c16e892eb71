"""Charts drawn on the server as SVG, so that the dashboards and the PDF reports show the same
pictures without a script or a CDN. Every chart has a title and a text alternative (``<title>``,
``<desc>``), and the statuses differ by pattern as well as by colour, so that they stay
distinct in grayscale print. The functions take plain data and return markup."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cchc.svg import CHAR_WIDTH, new_prefix, wrap
from cchc.svg import svg as svg_element
from plans.rules import TaskStatus
from targets.progress import Status
from targets.rules import format_number

#: fill colour and pattern of each status; the pattern keeps them apart in grayscale
STATUS_STYLE = {
    Status.MET: ("#1b7f3b", None),
    Status.ON_TRACK: ("#6cbf7f", "hatch"),
    Status.AT_RISK: ("#e0a100", "dots"),
    Status.OFF_TRACK: ("#b71c1c", "cross"),
    Status.NOT_MET: ("#b71c1c", "cross"),
    Status.NO_DATA: ("#ffffff", None),
    Status.NO_BASIS: ("#d9dde4", "dots"),
    Status.NOT_APPLICABLE: ("#eef0f3", "hatch"),
}
STATUS_ORDER = [
    Status.MET,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.NOT_MET,
    Status.NO_DATA,
    Status.NO_BASIS,
    Status.NOT_APPLICABLE,
]
#: the statuses a legend always shows before the year's end; the others only when present
STATUS_CORE = [Status.MET, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.NO_DATA]
TASK_STYLE = {
    TaskStatus.DONE_ON_TIME: ("#1b7f3b", None),
    TaskStatus.DONE_LATE: ("#6cbf7f", "hatch"),
    TaskStatus.IN_PROGRESS: ("#2c5190", "dots"),
    TaskStatus.NOT_DUE: ("#ffffff", None),
    TaskStatus.OVERDUE: ("#b71c1c", "cross"),
    TaskStatus.PERFORMED: ("#1b7f3b", "dots"),
    TaskStatus.NOT_PERFORMED: ("#e0a100", "cross"),
    TaskStatus.UNREPORTED: ("#d9dde4", "hatch"),
}
TASK_ORDER = [
    TaskStatus.DONE_ON_TIME,
    TaskStatus.DONE_LATE,
    TaskStatus.IN_PROGRESS,
    TaskStatus.NOT_DUE,
    TaskStatus.OVERDUE,
    TaskStatus.PERFORMED,
    TaskStatus.NOT_PERFORMED,
    TaskStatus.UNREPORTED,
]
TASK_CORE = TASK_ORDER[:5]


def percent(progress: Decimal | None) -> str:
    """A progress share as a whole percentage: "72%"."""
    if progress is None:
        return "—"
    return f"{format_number(Decimal(progress * 100).quantize(Decimal(1)))}%"


@dataclass
class Bar:
    """One row of a stacked bar chart: counts per status, and what to say on its right."""

    label: str
    counts: dict[str, int]
    note: str = ""
    href: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _patterns(prefix: str, styles: dict) -> str:
    parts = []
    for key, (colour, pattern) in styles.items():
        pid = f"{prefix}-{key}"
        if pattern == "hatch":
            body = (
                f'<rect width="6" height="6" fill="{colour}"/>'
                '<path d="M0 6L6 0" stroke="#fff" stroke-width="1.4"/>'
            )
        elif pattern == "dots":
            body = f'<rect width="6" height="6" fill="{colour}"/><circle cx="3" cy="3" r="1.2" fill="#fff"/>'
        elif pattern == "cross":
            body = (
                f'<rect width="6" height="6" fill="{colour}"/>'
                '<path d="M0 0L6 6M6 0L0 6" stroke="#fff" stroke-width="1"/>'
            )
        else:
            body = f'<rect width="6" height="6" fill="{colour}"/>'
        parts.append(
            f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">{body}</pattern>'
        )
    return "<defs>" + "".join(parts) + "</defs>"


def _legend(prefix: str, order, labels: dict, y: int, width: int) -> tuple[str, int]:
    """Swatches with their labels, wrapped onto as many lines as needed."""
    parts, x = [], 0
    for key in order:
        text = str(labels[key])
        item_width = 20 + len(text) * CHAR_WIDTH + 12
        if x and x + item_width > width:
            x, y = 0, y + 20
        parts.append(
            f'<rect x="{x}" y="{y}" width="14" height="14" fill="url(#{prefix}-{key})" '
            f'stroke="#5b6575" stroke-width=".6"/>'
            f'<text x="{x + 20}" y="{y + 11.5}" fill="#1c2430">{escape(text)}</text>'
        )
        x += item_width
    return "".join(parts), y + 20


def stacked_bars(
    bars: list[Bar], *, title: str, order=STATUS_ORDER, styles=STATUS_STYLE, labels=None, width: int = 340
) -> SafeString:
    """Horizontal stacked bars, one per row (e.g. per reform area): each row's label (wrapped)
    above its bar, the counts written inside the segments wide enough to hold them and the
    row's note on the right. Narrow enough to stay legible on a phone."""
    labels = labels or dict(Status.choices)
    bar_height, line_height, note_width = 16, 15, 48
    alt = "; ".join(
        f"{b.label}: "
        + ", ".join(f"{labels[k]} {b.counts.get(k, 0)}" for k in order if b.counts.get(k, 0))
        + (f" ({b.note})" if b.note else "")
        for b in bars
    )
    prefix = new_prefix()
    body = [_patterns(prefix, styles)]
    scale_width = width - note_width
    y = 2
    for bar in bars:
        lines = wrap(bar.label, int(width / CHAR_WIDTH))
        text = "".join(
            f'<text x="0" y="{y + 12 + i * line_height}" fill="#1c2430" font-weight="600">'
            f"{escape(line)}</text>"
            for i, line in enumerate(lines)
        )
        if bar.href:
            text = f'<a href="{escape(bar.href)}">{text}</a>'
        body.append(text)
        by = y + max(1, len(lines)) * line_height + 3
        x, total = 0.0, bar.total or 1
        body.append(
            f'<rect x="0" y="{by}" width="{scale_width}" height="{bar_height}" '
            f'fill="#fff" stroke="#c4cbd6" stroke-width=".6"/>'
        )
        for key in order:
            count = bar.counts.get(key, 0)
            if not count:
                continue
            w = scale_width * count / total
            body.append(
                f'<rect x="{x:.1f}" y="{by}" width="{w:.1f}" height="{bar_height}" '
                f'fill="url(#{prefix}-{key})" stroke="#5b6575" stroke-width=".5">'
                f"<title>{escape(labels[key])}: {count}</title></rect>"
            )
            if w >= 18:
                # a light box behind the number keeps it legible on any pattern, on screen
                # and in the PDF (WeasyPrint draws no text halo)
                cx = x + w / 2
                body.append(
                    f'<rect x="{cx - 9:.1f}" y="{by + 2}" width="18" height="12" rx="2" '
                    f'fill="#fff" fill-opacity=".85"/>'
                    f'<text x="{cx:.1f}" y="{by + 12.5}" text-anchor="middle" font-weight="700" '
                    f'fill="#1c2430">{count}</text>'
                )
            x += w
        if bar.note:
            body.append(
                f'<text x="{width}" y="{by + 12.5}" text-anchor="end" font-weight="700" '
                f'fill="#1f3a68">{escape(bar.note)}</text>'
            )
        y = by + bar_height + 10
    # the legend names what the bars hold, and always the usual statuses before the year's end
    # (no "có nguy cơ" in the legend of a year that is over)
    present = {key for bar in bars for key, count in bar.counts.items() if count}
    core = STATUS_CORE if order is STATUS_ORDER else TASK_CORE if order is TASK_ORDER else order
    final = bool(present) and not present & {
        Status.ON_TRACK,
        Status.AT_RISK,
        Status.OFF_TRACK,
        Status.NO_DATA,
    }
    shown = [k for k in order if k in present or (k in core and not (final and order is STATUS_ORDER))]
    legend, height = _legend(prefix, shown, labels, y + 4, width)
    body.append(legend)
    return svg_element(
        prefix, "".join(body), width=width, height=height, title=title, desc=alt, css_class="bars"
    )


def task_bar(counts: dict[str, int], *, title: str, width: int = 340) -> SafeString:
    """The plan's tasks as one stacked bar by status."""
    labels = dict(TaskStatus.LABELS)
    bar = Bar(label=_("%(n)s nhiệm vụ") % {"n": sum(counts.values())}, counts=counts)
    return stacked_bars([bar], title=title, order=TASK_ORDER, styles=TASK_STYLE, labels=labels, width=width)


def sparkline(
    points: list[tuple[str, Decimal | None]], *, title: str, width: int = 96, height: int = 26
) -> SafeString:
    """A small line of a figure over the plan's periods (progress, 0–100 %+ clamped to the
    box); periods without a figure leave a gap. The alternative text lists every value."""
    values = [v for _label, v in points]
    known = [v for v in values if v is not None]
    alt = ", ".join(f"{label}: {percent(v) if v is not None else '—'}" for label, v in points)

    def svg(body: str) -> SafeString:
        return svg_element(
            new_prefix(),
            body,
            width=width,
            height=height,
            title=title,
            desc=alt,
            css_class="spark",
            fixed=True,
        )

    if not known:
        return svg(
            f'<text x="{width / 2}" y="{height / 2 + 4}" text-anchor="middle" '
            f'fill="#5b6575" font-size="11">—</text>'
        )
    step = (width - 8) / max(len(points) - 1, 1)

    def y(v):
        return height - 4 - (height - 8) * float(min(max(v, Decimal(0)), Decimal(1)))

    body = [
        f'<line x1="4" x2="{width - 4}" y1="{y(Decimal(1)):.1f}" y2="{y(Decimal(1)):.1f}" '
        f'stroke="#c4cbd6" stroke-dasharray="2 2"/>'
    ]
    # one line per run of periods with a figure; a period without one leaves a gap
    runs = [[]]
    for i, v in enumerate(values):
        if v is None:
            runs.append([])
        else:
            runs[-1].append(f"{4 + i * step:.1f},{y(v):.1f}")
    body += [
        f'<polyline points="{" ".join(run)}" fill="none" stroke="#1f3a68" stroke-width="1.6"/>'
        for run in runs
        if len(run) > 1
    ]
    for i, v in enumerate(values):
        if v is not None:
            body.append(
                f'<circle cx="{4 + i * step:.1f}" cy="{y(v):.1f}" r="2.4" '
                f'fill="{"#1b7f3b" if v >= 1 else "#1f3a68"}"/>'
            )
    return svg("".join(body))


def progress_meter(
    progress: Decimal | None, *, title: str, width: int = 120, label: bool = True
) -> SafeString:
    """A single bar filled to the (clamped) progress, with the percentage written beside it
    (unless ``label`` is False because the page prints it larger)."""

    def svg(body: str) -> SafeString:
        return svg_element(
            new_prefix(),
            body,
            width=width,
            height=16,
            title=title,
            desc=title,
            css_class="meter",
            fixed=True,
        )

    if progress is None:
        return svg('<text x="0" y="12" fill="#5b6575">—</text>')
    share = float(min(max(progress, Decimal(0)), Decimal(1)))
    bar_width = width - 44 if label else width
    text = (
        f'<text x="{width}" y="12" text-anchor="end" font-weight="700" fill="#1f3a68">'
        f"{percent(progress)}</text>"
        if label
        else ""
    )
    return svg(
        f'<rect x="0" y="3" width="{bar_width}" height="10" fill="#eef2f8" '
        f'stroke="#c4cbd6" stroke-width=".6"/>'
        f'<rect x="0" y="3" width="{bar_width * share:.1f}" height="10" fill="#1f3a68"/>'
        f"{text}"
    )
