"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError

#: no id has more characters than this (a bigint has 19 digits at most)
ID_MAX_CHARS = 18


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
