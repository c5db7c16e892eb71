"""SVG charts drawn on the server, the parts every chart shares: the ``<svg>`` element with its
title and text alternative, ids unique on a page, and labels wrapped by hand (SVG text does not
wrap). The dashboards' charts (``reports.charts``) and the scoring's (``scoring.charts``) are
made of these, so the PDFs can print the same pictures."""

from __future__ import annotations

import itertools

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT = "font-family=\"'Liberation Sans', Arial, sans-serif\""

_ids = itertools.count(1)
#: average width of a character of the 13-unit font, for wrapping
CHAR_WIDTH = 6.9


def new_prefix() -> str:
    """Ids for one chart's title, description and patterns, unique on the page."""
    return f"c{next(_ids)}"


def svg(
    prefix: str,
    body: str,
    *,
    width: float,
    height: float,
    title: str,
    desc: str,
    css_class: str,
    fixed: bool = False,
) -> SafeString:
    """The chart's ``<svg>``: scaled to its container, or ``fixed`` at its own size."""
    size = f'width="{width}" height="{height}"' if fixed else 'width="100%"'
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" '
        f'viewBox="0 0 {width} {height}" {size} role="img" '
        f'aria-labelledby="{prefix}-t {prefix}-d" {FONT} font-size="13">'
        f'<title id="{prefix}-t">{escape(title)}</title>'
        f'<desc id="{prefix}-d">{escape(desc)}</desc>{body}</svg>'
    )


def wrap(text: str, max_chars: int) -> list[str]:
    """Word-wrap a label into lines of at most ``max_chars`` characters (SVG text does not
    wrap by itself)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > max_chars:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines
