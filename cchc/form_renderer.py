"""The site's form renderer (``FORM_RENDERER``): Django's, with its plain widgets (inputs,
text areas, selects and their options) written in Python instead of rendered from their
templates. Same HTML, byte for byte (``tests/test_form_renderer.py`` compares them); every
other template (clearable file inputs, radio and checkbox lists, the form layouts) is still
Django's.

Why: a result-entry sheet has a dozen fields per target and task line, each a template
render with an include for its attributes (about 150 renders a page), a fifth of the page's
time; the dashboards' filters list a province's ~120 agencies as options."""

from __future__ import annotations

import html

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "checkbox",
        "file",
        "search",
        "tel",
        "color",
    )
)


def _shown(value) -> str:
    """``{{ value }}`` in a template: localized, escaped unless safe."""
    if value.__class__ is str:  # most names and values: nothing to localize (escape's text)
        return html.escape(value)
    return conditional_escape(localize(template_localtime(value)))


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: ``str`` of it, escaped unless it was safe."""
    if value.__class__ is str:
        return html.escape(value)
    text = "%s" % (value,)  # noqa: UP031  # the filter's own formatting
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {_shown(name)}" if value is True else f' {_shown(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = f' value="{_formatted(value)}"' if value is not None else ""
    kind, name = _shown(widget["type"]), _shown(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(widget["attrs"])}>\n'


def _textarea(widget: dict) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_shown(value) if value else ''}</textarea>\n"
    )


def _option(option: dict) -> str:
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_shown(option['label'])}</option>\n"
    )


def _select(widget: dict) -> str:
    parts = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != "django/forms/widgets/select_option.html":
                return None  # an option of its own making: Django's templates
            parts.append(f"\n  {_option(option)}")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


WRITERS = {
    **dict.fromkeys(INPUTS, _input),
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/select_option.html": _option,
}


class Renderer(DjangoTemplates):
    """Django's default renderer, the widgets of ``WRITERS`` written in Python."""

    def render(self, template_name, context, request=None):
        write = WRITERS.get(template_name)
        widget = context.get("widget") if write is not None else None
        if widget is not None:
            written = write(widget)
            if written is not None:
                return mark_safe(written.strip())  # noqa: S308  # escaped above; stripped as Django's
        return super().render(template_name, context, request=request)
