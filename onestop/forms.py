from django import forms
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import ImportBatch, TargetBinding

MAX_UPLOAD = 5 * 2**20


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại số liệu"), choices=ImportBatch.Kind.choices, widget=forms.RadioSelect
    )
    period = forms.ModelChoiceField(
        label=_("Kỳ báo cáo (Biểu 06)"),
        queryset=None,
        required=False,
        empty_label=_("— Chọn kỳ (chỉ cho số liệu Biểu 06) —"),
    )
    file = forms.FileField(
        label=_("Tệp số liệu (.xlsx hoặc .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = plan.periods.order_by("position")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Tệp nặng quá 5 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Chọn tệp Excel (.xlsx) hoặc CSV."))
        return upload

    def clean(self):
        data = super().clean()
        if data.get("kind") == ImportBatch.Kind.DOSSIERS and not data.get("period"):
            self.add_error("period", _("Chọn kỳ báo cáo của số liệu Biểu 06."))
        return data


class BindingForm(forms.Form):
    target = forms.ModelChoiceField(label=_("Chỉ tiêu"), queryset=None, empty_label=_("— Chọn chỉ tiêu —"))
    source = forms.ChoiceField(label=_("Nguồn"), choices=TargetBinding.Source.choices)
    formula = forms.ChoiceField(
        label=_("Công thức (Biểu 06)"),
        required=False,
        choices=[("", "—"), *((code, f"{f.label}: {f.definition}") for code, f in rules.FORMULAS.items())],
    )
    index_field = forms.ChoiceField(
        label=_("Giá trị chỉ số 766"),
        required=False,
        choices=[("", "—"), *TargetBinding._meta.get_field("index_field").choices],
    )

    def __init__(self, *args, plan, **kwargs):
        from targets.models import Target

        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Target.objects.filter(statement__plan=plan).order_by(
            "statement__position", "position"
        )
        self.fields["target"].label_from_instance = lambda t: f"{t.code} {t.text[:90]}"
