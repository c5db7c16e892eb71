from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.collation import vietnamese
from cchc.fields import IdMultipleChoiceField

from .models import Agency, AgencySuccession


class RestructureForm(forms.Form):
    """A merge, split, rename or dissolution as the reviewer records it. The successor may be a
    body created here (its name), since a merger often makes a new one."""

    kind = forms.ChoiceField(
        label=_("Hình thức"), choices=AgencySuccession.Kind.choices, widget=forms.RadioSelect
    )
    predecessors = IdMultipleChoiceField(
        label=_("Cơ quan trước sắp xếp"),
        queryset=Agency.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    successors = IdMultipleChoiceField(
        label=_("Cơ quan kế thừa (đã có)"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    new_name = forms.CharField(label=_("hoặc cơ quan mới: tên đầy đủ"), required=False, max_length=255)
    new_short_name = forms.CharField(label=_("tên ngắn"), required=False, max_length=120)
    effective_date = forms.DateField(
        label=_("Ngày hiệu lực"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    decision = forms.CharField(label=_("Văn bản quyết định"), required=False, max_length=255)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    move_users = forms.BooleanField(
        label=_("Chuyển tài khoản người dùng sang cơ quan kế thừa"), required=False, initial=True
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [a.pk for a in agencies]
        for name in ("predecessors", "successors"):
            self.fields[name].queryset = Agency.objects.filter(pk__in=ids).order_by(
                "kind", vietnamese("name")
            )

    def clean(self):
        data = super().clean()
        if not data.get("successors") and not (data.get("new_name") or "").strip():
            self.add_error("successors", _("Chọn cơ quan kế thừa hoặc nhập tên cơ quan mới."))
        return data


class ProvinceAgencyChoices:
    """A ModelForm mixin: the agency fields named in ``agency_fields`` offer only the
    province's bodies the plan may assign (``agencies``), in a stable order."""

    agency_fields: tuple[str, ...] = ()

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [a.pk for a in agencies]
        for name in self.agency_fields:
            self.fields[name].queryset = (
                self.fields[name].queryset.filter(pk__in=ids).order_by("kind", vietnamese("name"))
            )
            if getattr(self.fields[name], "empty_label", None) is not None:  # a single choice
                self.fields[name].empty_label = _("— Chọn cơ quan —")
