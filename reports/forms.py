from django import forms
from django.utils.translation import gettext_lazy as _

from .documents import SECTION_TITLES
from .services import NUMBER, number_error


class ReportTextsForm(forms.Form):
    """One text box per report section, starting from the text written from the figures."""

    def __init__(self, *args, defaults: dict, texts: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for key, heading in SECTION_TITLES:
            self.fields[key] = forms.CharField(
                label=heading, required=False, initial=texts.get(key, defaults.get(key, "")),
                widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)


class ReportIssueForm(forms.Form):
    number = forms.CharField(label=_("Số văn bản"), max_length=6,
                             widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                           "placeholder": "12"}))
    issued_on = forms.DateField(label=_("Ngày ban hành"),
                                widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if not NUMBER.match(number):
            raise forms.ValidationError(number_error())
        return number
