"""Stored figures as people read them, for pages, PDFs and spreadsheets alike: templates only
format, through these (``templatetags.dashboard_tags`` wraps them as filters). The words are the
rules' (``targets.rules.format_figure``, ``targets.progress.progress_label``, ``verdict_label``,
``coverage_label``)."""

from decimal import Decimal

from django.utils.formats import get_format

from targets.progress import Status, coverage_label, progress_label, verdict_label
from targets.rules import Measure, format_figure

from .charts import percent


def pct(progress):
    """A stored share (a mean, a rate of agencies) as a whole percentage: 0,72 → "72%"."""
    return percent(progress)


def progress(row) -> str:
    """A target row's progress: never "100%" when the target is not met (floored, 99% at most)."""
    if row is None:
        return "—"
    return progress_label(row.progress, row.met)


def verdict(row) -> str:
    """A target row's verdict: its status, "Đạt, vượt 5%" above the goal."""
    if row is None:
        return "—"
    return verdict_label(row.status, row.progress, row.met)


def expected_agencies(row) -> int:
    return row.reported + row.missing


def coverage(row) -> str:
    """How many of the expected agencies the figure stands on: "10/18 cơ quan"."""
    if row is None or not expected_agencies(row):
        return ""
    return coverage_label(row.reported, expected_agencies(row))


def separators() -> tuple[str, str]:
    """The active language's decimal and thousands separators."""
    return get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")


def figure(row, spec=None, seps: tuple[str, str] | None = None):
    """A stored figure as people read it (``targets.rules.format_figure``). ``spec`` (the
    row's target's ``as_spec(levels=None)``) and ``seps`` (``separators()``): when a table's
    rows share them, read once for it."""
    if row is None:
        return "—"
    if row.status == Status.NOT_APPLICABLE:
        return str(Status.NOT_APPLICABLE.label)
    target = row.target
    assigned = row.reported + row.missing - row.not_applicable
    done = None
    if target.measure == Measure.MILESTONE and row.progress is not None and assigned > 1:
        done = int((row.progress * assigned).quantize(Decimal(1)))
    decimal_sep, thousand_sep = seps or separators()
    return format_figure(
        spec or target.as_spec(levels=None),
        row.value,
        met=row.met if row.progress is not None else None,
        done=done,
        assigned=assigned,
        decimal_sep=decimal_sep,
        thousand_sep=thousand_sep,
    )
