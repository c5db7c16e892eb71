from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.fields import WindowDateField, plan_date_window

from .services import NUMBER, number_error


class ReportTextsForm(forms.Form):
    """One text box per report section (``documents.section_texts``: the saved text, else the
    one written from the figures)."""

    def __init__(self, *args, sections: list[tuple[str, str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        for key, heading, text in sections:
            self.fields[key] = forms.CharField(
                label=heading,
                required=False,
                initial=text,
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=20000,
            )


class ReportIssueForm(forms.Form):
    number = forms.CharField(
        label=_("Số văn bản"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "12"}),
    )
    issued_on = WindowDateField(label=_("Ngày ban hành"))

    def __init__(self, *args, plan, **kwargs):
        """``plan``: the report's plan, whose years bound the issue date."""
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].window = plan_date_window(plan.year, plan.end_year)

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if not NUMBER.match(number):
            raise forms.ValidationError(number_error())
        return number
