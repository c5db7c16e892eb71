"""Form fields shared by the apps."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .text import has_foreign_digits

#: the years a plan, a period's dates or a baseline may fall in (the plan table's constraint
#: says the same; a date in year 9999 plus a few days is past the last date Python can count)
PLAN_YEARS = (2000, 2100)


def plan_date_window(year: int, end_year: int | None = None) -> tuple[date, date]:
    """The dates a plan's work may plausibly carry (a task's completion, an evidence
    document, a requested deadline, a report's issue date): from 1 January of the year before
    the plan's first year to 31 December of the year after its last. A document issued in the
    weeks before the plan starts, or a year report issued in January after it, fall inside;
    01/01/0001 and 31/12/9999, which a date field otherwise accepts, do not."""
    first, last = max(year - 1, PLAN_YEARS[0]), min((end_year or year) + 1, PLAN_YEARS[1])
    return date(first, 1, 1), date(last, 12, 31)


#: the one way a date is typed on this site: dd/mm/yyyy ("6/11/2023" too); "2023-11-06" is
#: refused with the hint rather than read one way or the other
DATE_INPUT_FORMATS = ("%d/%m/%Y",)


def date_widget() -> forms.DateInput:
    """A text box for dd/mm/yyyy that ``static/js/datepicker.js`` gives a Vietnamese calendar
    (``data-datepicker``); typed by hand it works as well, the browser's own date input (which
    may show mm/dd/yyyy) is not used."""
    return forms.DateInput(
        format="%d/%m/%Y",
        attrs={
            "placeholder": "dd/mm/yyyy",
            "pattern": r"\d{1,2}/\d{1,2}/\d{4}",
            "inputmode": "numeric",
            "autocomplete": "off",
            "maxlength": "10",
            "size": "10",
            "data-datepicker": "",
        },
    )


class WindowDateField(forms.DateField):
    """A ``DateField`` that refuses a date outside ``window`` (first, last), set by the form
    from what it knows (the plan's years: ``plan_date_window``). Without one it still keeps to
    ``PLAN_YEARS``: no date field of this site reads 01/01/0001 or 31/12/9999. A date is typed
    dd/mm/yyyy only; anything else gets one message that says so."""

    default_window = (date(PLAN_YEARS[0], 1, 1), date(PLAN_YEARS[1], 12, 31))
    default_error_messages = {
        "invalid": _("Ngày không đúng: nhập theo dạng dd/mm/yyyy, ví dụ 06/11/2023."),
    }

    def __init__(self, *args, window=None, **kwargs):
        kwargs.setdefault("widget", date_widget())
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(*args, **kwargs)
        self.window = window

    @property
    def window(self) -> tuple[date, date] | None:
        return self._window

    @window.setter
    def window(self, window: tuple[date, date] | None):
        """Also the calendar's bounds (``data-date-min``, ``data-date-max``): days outside are
        greyed, and an empty box's calendar opens inside them, not on today's month of a
        later year."""
        self._window = window
        for name, day in zip(("data-date-min", "data-date-max"), window or (None, None), strict=True):
            if day is None:
                self.widget.attrs.pop(name, None)
            else:
                self.widget.attrs[name] = day.strftime("%d/%m/%Y")

    def open_on(self, day: date):
        """The month an empty box's calendar opens on (``data-date-open``), where today's would
        be of no use: the end of an old period's window for its evidence."""
        self.widget.attrs["data-date-open"] = day.strftime("%d/%m/%Y")

    def to_python(self, value):
        """A date the calendar cannot hold ("31/02/2023") gets the same one message as a date
        typed another way."""
        try:
            return super().to_python(value)
        except (ValidationError, OverflowError) as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def validate(self, value):
        super().validate(value)
        first, last = self.window or self.default_window
        if value is not None and not first <= value <= last:
            raise ValidationError(
                _("Ngày phải trong khoảng %(first)s – %(last)s.")
                % {"first": first.strftime("%d/%m/%Y"), "last": last.strftime("%d/%m/%Y")},
                code="date_window",
            )


#: no id has more characters than this (a bigint has 19 digits at most)
ID_MAX_CHARS = 18


def parse_id(raw: str) -> int | None:
    """A row id as a page sends it back, or None for anything no page of this site printed:
    ``isdecimal``, not ``isdigit`` ("²" is a digit ``int()`` refuses), ASCII ("١" is one
    ``int()`` reads), and no longer than any id column holds (a longer number overflows the
    database's integer: a 500)."""
    raw = raw or ""
    return int(raw) if raw.isascii() and raw.isdecimal() and len(raw) <= ID_MAX_CHARS else None


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` that refuses an id longer than any id column holds before
    asking the database: SQLite overflows on ``pk__in`` with such a number (a 500 instead of
    "not one of the choices")."""

    def _check_values(self, value):
        for pk in value:
            if len(str(pk).strip()) > ID_MAX_CHARS or has_foreign_digits(str(pk)):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


def foreign_digits_error(raw: str) -> ValidationError:
    """The refusal of a number typed with digits other than 0-9 (see ``has_foreign_digits``)."""
    return ValidationError(
        _(
            "“%s” có chữ số lạ, không phải 0–9 (chép từ văn bản khác hoặc do "
            "bộ gõ): gõ lại bằng các phím số 0–9."
        )
        % raw,
        code="digits",
    )


class DigitsIntegerField(forms.IntegerField):
    """An ``IntegerField`` that reads 0-9 only: Django's takes "٢٠٢١" for 2021."""

    def to_python(self, value):
        if isinstance(value, str) and has_foreign_digits(value):
            raise foreign_digits_error(value.strip())
        return super().to_python(value)


def add_service_error(form, error: ValidationError) -> None:
    """Show a service's refusal on ``form``: a message keyed by one of the form's fields
    beside that field, any other (``__all__``, or a model field the form does not have) atop
    the form. ``form.add_error`` alone raises on a key the form lacks (a 500)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
