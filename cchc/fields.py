"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError

#: the years a plan, a period's dates or a baseline may fall in (the plan table's constraint
#: says the same; a date in year 9999 plus a few days is past the last date Python can count)
PLAN_YEARS = (2000, 2100)

#: no id has more characters than this (a bigint has 19 digits at most)
ID_MAX_CHARS = 18


def parse_id(raw: str) -> int | None:
    """A row id as a page sends it back, or None for anything no page of this site printed:
    ``isdecimal``, not ``isdigit`` ("²" is a digit ``int()`` refuses), and no longer than any
    id column holds (a longer number overflows the database's integer: a 500)."""
    raw = raw or ""
    return int(raw) if raw.isdecimal() and len(raw) <= ID_MAX_CHARS else None


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` that refuses an id longer than any id column holds before
    asking the database: SQLite overflows on ``pk__in`` with such a number (a 500 instead of
    "not one of the choices")."""

    def _check_values(self, value):
        for pk in value:
            if len(str(pk).strip()) > ID_MAX_CHARS:
                raise ValidationError(self.error_messages["invalid_pk_value"],
                                      code="invalid_pk_value", params={"pk": pk})
        return super()._check_values(value)
