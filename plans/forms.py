from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cchc.fields import (
    PLAN_YEARS,
    DigitsIntegerField,
    IdMultipleChoiceField,
    WindowDateField,
    parse_id,
    plan_date_window,
)
from targets.forms import ProvinceAgencyChoices, VietnameseNumberField

from .evidence import check_upload
from .models import ReportingPeriod, Task, TaskUpdate


class TaskLineForm(forms.Form):
    progress = forms.ChoiceField(label=_("Tình hình"), choices=TaskUpdate.Progress.choices,
                                 required=False)
    percent = VietnameseNumberField(label=_("% hoàn thành"), integer=True, max_value=100,
                                    percent=True)
    completed_on = WindowDateField(label=_("Ngày hoàn thành"), required=False)
    evidence_number = forms.CharField(label=_("Số, ký hiệu văn bản"), required=False,
                                      max_length=60)
    evidence_date = WindowDateField(label=_("Ngày văn bản"), required=False)
    evidence_upload = forms.FileField(
        label=_("Tệp kiểm chứng"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}))
    evidence_token = DigitsIntegerField(required=False, widget=forms.HiddenInput)
    not_applicable = forms.BooleanField(label=_("Không phát sinh"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 1}))

    def __init__(self, *args, task, evidence_files=None, date_window=None, **kwargs):
        """``evidence_files``: the agency's files this line may point at, by id (the one it
        has, and the ones uploaded while this page was being filled). ``date_window``: the
        dates the completion and the evidence document may carry (``plan_date_window`` of the
        task's plan)."""
        self.task = task
        self.evidence_files = evidence_files or {}
        super().__init__(*args, **kwargs)
        for name in ("completed_on", "evidence_date"):
            self.fields[name].window = date_window

    @property
    def evidence(self):
        """The file this line points at now (posted token, else the saved one)."""
        raw = self["evidence_token"].value()
        try:
            return self.evidence_files.get(int(raw)) if raw not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def clean_evidence_upload(self):
        upload = self.cleaned_data.get("evidence_upload")
        if upload:
            check_upload(upload)   # a valid file was already stored by the view
        return upload

    def clean_evidence_token(self):
        token = self.cleaned_data.get("evidence_token")
        if token is not None and token not in self.evidence_files:
            raise forms.ValidationError(_("Tệp kiểm chứng không còn dùng được, hãy tải lại."))
        return token

    def clean(self):
        data = super().clean()
        done = data.get("progress") == TaskUpdate.Progress.DONE
        if done and not data.get("not_applicable") and data.get("evidence_token") is None \
                and "evidence_upload" not in self.errors and "evidence_token" not in self.errors:
            self.add_error("evidence_upload", _("Nhiệm vụ đã hoàn thành cần tệp kiểm chứng "
                                                "(PDF, DOCX, XLSX, JPG hoặc PNG)."))
        if done and not data.get("not_applicable"):
            if not data.get("completed_on"):
                self.add_error("completed_on", _("Nhập ngày hoàn thành."))
            if not data.get("evidence_number"):
                self.add_error("evidence_number",
                               _("Nhiệm vụ đã hoàn thành cần số, ký hiệu văn bản kiểm chứng."))
            if not data.get("evidence_date"):
                self.add_error("evidence_date", _("Nhập ngày của văn bản kiểm chứng."))
            if data.get("percent") is not None and data["percent"] != 100:
                self.add_error("percent", _("Nhiệm vụ đã hoàn thành thì % hoàn thành là 100."))
        return data

    def line_values(self) -> dict:
        data = self.cleaned_data
        progress = data.get("progress") or TaskUpdate.Progress.NOT_STARTED
        percent = data.get("percent")
        if progress == TaskUpdate.Progress.DONE:
            percent = 100
        return {
            "progress": progress, "percent": int(percent or 0),
            "completed_on": data.get("completed_on"),
            "evidence_number": data.get("evidence_number", ""),
            "evidence_date": data.get("evidence_date"),
            "evidence_file_id": data.get("evidence_token"),
            "not_applicable": bool(data.get("not_applicable")), "note": data.get("note", ""),
        }


class PeriodReopenForm(forms.Form):
    #: a reopening lasts at most this long (a later one can extend it)
    MAX_DAYS = 366

    until = forms.DateField(label=_("Mở đến hết ngày"),
                            widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    reason = forms.CharField(label=_("Lý do mở lại"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, today, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until < self.today:
            raise forms.ValidationError(_("Ngày mở đến phải từ hôm nay (%(d)s) trở đi."),
                                        params={"d": self.today.strftime("%d/%m/%Y")})
        last = self.today + timedelta(days=self.MAX_DAYS)
        if until > last:
            raise forms.ValidationError(_("Mở lại tối đa một năm: đến ngày %(d)s là muộn nhất."),
                                        params={"d": last.strftime("%d/%m/%Y")})
        return until

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Ghi lý do mở lại."))
        return reason


class PeriodForm(forms.ModelForm):
    """The reviewer's windows, deadline and grace days of one period."""

    class Meta:
        model = ReportingPeriod
        fields = ["window_start", "window_end", "deadline", "grace_days"]
        field_classes = {"grace_days": DigitsIntegerField}
        widgets = {name: forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
                   for name in ("window_start", "window_end", "deadline")}

    def clean(self):
        data = super().clean()
        for name in ("window_start", "window_end", "deadline"):
            if data.get(name) and not PLAN_YEARS[0] <= data[name].year <= PLAN_YEARS[1]:
                self.add_error(name, _("Năm phải từ %(first)s đến %(last)s.") % {
                    "first": PLAN_YEARS[0], "last": PLAN_YEARS[1]})
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
        posted = sorted(parse_id(self.data.get(f"{self.add_prefix(i)}-id", "")) or 0
                        for i in range(self.total_form_count()))
        if self.initial_form_count() != len(expected) or posted != expected:
            raise forms.ValidationError(
                _("Trang gửi lên không khớp với các kỳ báo cáo của kế hoạch (trang đã cũ, hoặc "
                  "bị sửa): tải lại trang rồi nhập lại."), code="periods_mismatch")


PeriodFormSet = forms.modelformset_factory(ReportingPeriod, form=PeriodForm,
                                           formset=BasePeriodFormSet, extra=0, can_delete=False,
                                           edit_only=True)


class TaskAssignmentForm(ProvinceAgencyChoices, forms.ModelForm):
    """Lead and cooperating agencies of a task: the reviewer adjusts what the plan set."""

    class Meta:
        model = Task
        fields = ["lead_agencies", "lead_groups", "cooperating_agencies", "cooperating_groups"]
        field_classes = {"lead_agencies": IdMultipleChoiceField,
                         "cooperating_agencies": IdMultipleChoiceField}
        widgets = {"lead_agencies": forms.CheckboxSelectMultiple,
                   "cooperating_agencies": forms.CheckboxSelectMultiple}

    agency_fields = ("lead_agencies", "cooperating_agencies")

    def clean(self):
        data = super().clean()
        lead, cooperating = set(data.get("lead_agencies") or []), \
            set(data.get("cooperating_agencies") or [])
        if not lead and not (data.get("lead_groups") or "").strip():
            self.add_error("lead_agencies", _("Nhiệm vụ cần ít nhất một cơ quan chủ trì."))
        both = lead & cooperating
        if both:
            self.add_error("cooperating_agencies", _(
                "Một cơ quan không vừa chủ trì vừa phối hợp: %s.")
                % ", ".join(sorted(a.name for a in both)))
        return data


class ExtensionRequestForm(forms.Form):
    """A lead agency's request to extend a task's deadline (the rules are the service's)."""

    requested_due_date = WindowDateField(
        label=_("Hạn mới đề nghị"),
        error_messages={"required": _("Nhập hạn mới đề nghị (dd/mm/yyyy)."),
                        "invalid": _("Ngày không đúng: nhập theo dạng dd/mm/yyyy.")})
    reason = forms.CharField(label=_("Lý do"), max_length=2000,
                             error_messages={"required": _("Ghi lý do đề nghị gia hạn.")},
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, plan, **kwargs):
        """``plan``: the task's plan, whose years bound the new deadline."""
        super().__init__(*args, **kwargs)
        self.fields["requested_due_date"].window = plan_date_window(plan.year, plan.end_year)


class ExtensionDecisionForm(forms.Form):
    """The reviewer's decision: the button pressed, and a note (required to refuse)."""

    decision = forms.ChoiceField(choices=[("approve", _("Chấp thuận")),
                                          ("refuse", pgettext_lazy("button", "Không chấp thuận"))],
                                 error_messages={"required": _("Chọn chấp thuận hoặc không.")})
    note = forms.CharField(label=_("Ý kiến của Sở Nội vụ"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
