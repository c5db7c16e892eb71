from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.forms import ProvinceAgencyChoices
from cchc.fields import (
    PLAN_YEARS,
    DigitsIntegerField,
    IdMultipleChoiceField,
    parse_id,
)

from .models import ReportingPeriod, Task


class PeriodForm(forms.ModelForm):
    """The reviewer's windows, deadline and grace days of one period."""

    class Meta:
        model = ReportingPeriod
        fields = ["window_start", "window_end", "deadline", "grace_days"]
        field_classes = {"grace_days": DigitsIntegerField}
        widgets = {
            name: forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
            for name in ("window_start", "window_end", "deadline")
        }

    def clean(self):
        data = super().clean()
        for name in ("window_start", "window_end", "deadline"):
            if data.get(name) and not PLAN_YEARS[0] <= data[name].year <= PLAN_YEARS[1]:
                self.add_error(
                    name,
                    _("Năm phải từ %(first)s đến %(last)s.")
                    % {"first": PLAN_YEARS[0], "last": PLAN_YEARS[1]},
                )
        start, end, deadline = (data.get(k) for k in ("window_start", "window_end", "deadline"))
        if start and end and start > end:
            self.add_error("window_end", _("Ngày cuối của số liệu phải sau ngày đầu."))
        if end and deadline and deadline < end:
            self.add_error("deadline", _("Hạn báo cáo không được trước ngày cuối của số liệu."))
        return data


class BasePeriodFormSet(forms.BaseModelFormSet):
    """The plan's periods, each once: a page whose rows are not exactly those (a row added,
    removed, repeated or taken from another plan, or the counts changed) was not made by this
    site, or is out of date; it is refused as a whole, with a message, and saves nothing."""

    def clean(self):
        super().clean()
        expected = sorted(period.pk for period in self.get_queryset())
        posted = sorted(
            parse_id(self.data.get(f"{self.add_prefix(i)}-id", "")) or 0
            for i in range(self.total_form_count())
        )
        if self.initial_form_count() != len(expected) or posted != expected:
            raise forms.ValidationError(
                _(
                    "Trang gửi lên không khớp với các kỳ báo cáo của kế hoạch (trang đã cũ, hoặc "
                    "bị sửa): tải lại trang rồi nhập lại."
                ),
                code="periods_mismatch",
            )


PeriodFormSet = forms.modelformset_factory(
    ReportingPeriod, form=PeriodForm, formset=BasePeriodFormSet, extra=0, can_delete=False, edit_only=True
)


class TaskAssignmentForm(ProvinceAgencyChoices, forms.ModelForm):
    """Lead and cooperating agencies of a task: the reviewer adjusts what the plan set."""

    class Meta:
        model = Task
        fields = ["lead_agencies", "lead_groups", "cooperating_agencies", "cooperating_groups"]
        field_classes = {
            "lead_agencies": IdMultipleChoiceField,
            "cooperating_agencies": IdMultipleChoiceField,
        }
        widgets = {
            "lead_agencies": forms.CheckboxSelectMultiple,
            "cooperating_agencies": forms.CheckboxSelectMultiple,
        }

    agency_fields = ("lead_agencies", "cooperating_agencies")

    def clean(self):
        data = super().clean()
        lead, cooperating = set(data.get("lead_agencies") or []), set(data.get("cooperating_agencies") or [])
        if not lead and not (data.get("lead_groups") or "").strip():
            self.add_error("lead_agencies", _("Nhiệm vụ cần ít nhất một cơ quan chủ trì."))
        both = lead & cooperating
        if both:
            self.add_error(
                "cooperating_agencies",
                _("Một cơ quan không vừa chủ trì vừa phối hợp: %s.")
                % ", ".join(sorted(a.name for a in both)),
            )
        return data
