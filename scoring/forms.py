"""Forms of the scoring pages. The per-leaf inputs of a unit's sheet are read by
``read_points`` (the app's Vietnamese number field, two decimal places) rather than one form per
row, so that a refused save shows every error beside what was typed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cchc.fields import DigitsIntegerField, WindowDateField
from cchc.uploads import MAX_UPLOAD_BYTES
from targets.forms import VietnameseNumberField

POINTS = VietnameseNumberField(max_digits=6, decimal_places=2)


def read_points(raw: str | None) -> Decimal | None:
    """Points as typed ("2,5", "0.75"); ValidationError in Vietnamese when not a number."""
    return POINTS.clean(raw or "")


class WindowsForm(forms.Form):
    self_start = WindowDateField(label=_("Tự chấm từ ngày"), required=False)
    self_end = WindowDateField(label=_("Tự chấm đến ngày"), required=False)
    appraisal_start = WindowDateField(label=_("Thẩm định từ ngày"), required=False)
    appraisal_end = WindowDateField(label=_("Thẩm định đến ngày"), required=False)
    explanation_start = WindowDateField(label=_("Giải trình từ ngày"), required=False)
    explanation_end = WindowDateField(label=_("Hạn giải trình"), required=False)


class CopyForm(forms.Form):
    year = DigitsIntegerField(label=_("Năm của bộ chỉ số mới"), min_value=2000, max_value=2100)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Tệp nặng quá %(mb)s MB.") % {"mb": MAX_UPLOAD_BYTES // 2**20})
        return upload


class IssueForm(forms.Form):
    number = forms.CharField(
        label=_("Số quyết định"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "12"}),
    )
    issued_on = WindowDateField(label=_("Ngày ban hành"))

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].window = (date(year, 1, 1), date(year + 1, 12, 31))
