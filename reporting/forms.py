"""Forms of the reporting cycle: an agency's lines for a period (target results and task
updates), a period reopened for one agency, a deadline extension asked and decided."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cchc.fields import (
    DigitsIntegerField,
    WindowDateField,
    plan_date_window,
)
from targets.forms import VietnameseNumberField, stored_as
from targets.rules import Measure, is_time_unit

from .evidence import check_upload
from .models import TargetResult, TaskUpdate

#: a PositiveIntegerField holds up to 2.147.483.647; no agency handles that many a period
MAX_TRANSACTIONS = 100_000_000


class TargetLineForm(forms.Form):
    """One target on the entry page. What is asked depends on the measure: a rate is a
    numerator and a denominator, a milestone is done or not, the others are one number; an
    average time (phút/lượt, ngày) may carry the number of transactions it is the mean of
    (optional: the province's figure is weighted by them when every agency gives them)."""

    numerator = VietnameseNumberField(label=_("Tử số"), **stored_as(TargetResult, "numerator"))
    denominator = VietnameseNumberField(label=_("Mẫu số"), **stored_as(TargetResult, "denominator"))
    value = VietnameseNumberField(label=_("Giá trị"), **stored_as(TargetResult, "value"))
    #: beside an average time (phút/lượt, ngày): how many transactions it is the mean of
    transactions = VietnameseNumberField(
        label=_("Số lượt, hồ sơ"), integer=True, max_value=MAX_TRANSACTIONS, max_digits=10, decimal_places=0
    )
    done = forms.TypedChoiceField(
        label=_("Đã hoàn thành"),
        required=False,
        coerce=lambda v: v == "yes",
        empty_value=None,
        choices=[("", "—"), ("yes", _("Đã hoàn thành")), ("no", _("Chưa hoàn thành"))],
    )
    not_applicable = forms.BooleanField(label=_("Không phát sinh"), required=False)
    not_applicable_reason = forms.CharField(
        label=_("Lý do"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"placeholder": _("Lý do không phát sinh")}),
    )
    comment = forms.CharField(
        label=_("Thuyết minh"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 1})
    )
    correction_reason = forms.CharField(
        label=_("Lý do sửa số liệu hệ thống một cửa"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("Lý do sửa số liệu đề xuất")}),
    )

    def __init__(self, *args, target, proposal=None, **kwargs):
        """``proposal``: the one-stop system's figure for this line (``onestop.selectors``):
        kept as it is, the line says so; changed, it needs a reason."""
        self.target = target
        self.proposal = proposal
        super().__init__(*args, **kwargs)
        if target.measure == Measure.RATE:
            self.fields["numerator"].integer = True
            self.fields["denominator"].integer = True
        if target.measure in (Measure.RATE, Measure.PERCENT) and target.unit == "%":
            self.fields["value"].max_value = 100
        if target.unit == "%":
            self.fields["value"].percent = True  # "84,5%" is 84,5
        if target.measure == Measure.RANK:
            self.fields["value"].integer = True

    def clean(self):
        data = super().clean()
        measure = self.target.measure
        if data.get("not_applicable"):
            if not data.get("not_applicable_reason"):
                self.add_error("not_applicable_reason", _("Ghi lý do không phát sinh số liệu kỳ này."))
            return data
        if measure == Measure.RATE:
            numerator, denominator = data.get("numerator"), data.get("denominator")
            if denominator is not None and denominator == 0:
                self.add_error(
                    "denominator",
                    _("Mẫu số phải lớn hơn 0. Nếu kỳ này không có hồ sơ, chọn “Không phát sinh”."),
                )
            elif numerator is not None and denominator is not None and numerator > denominator:
                self.add_error("numerator", _("Tử số không được lớn hơn mẫu số."))
            # half a rate is kept in a draft; sending asks for both (``target_line_gaps``)
        if self._source() == "corrected" and not data.get("correction_reason", "").strip():
            self.add_error(
                "correction_reason",
                _("Số liệu khác số của hệ thống một cửa: ghi lý do sửa."),
            )
        return data

    def _source(self) -> str:
        """ "" (typed), "onestop" (the proposal kept) or "corrected" (the proposal changed)."""
        data = getattr(self, "cleaned_data", {})
        if self.proposal is None or data.get("not_applicable"):
            return ""
        if self.target.measure == Measure.RATE:
            typed = (data.get("numerator"), data.get("denominator"))
            proposed = (self.proposal.numerator, self.proposal.denominator)
        else:
            typed, proposed = (data.get("value"),), (self.proposal.value,)
        if all(v is None for v in typed):
            return ""
        return "onestop" if typed == proposed else "corrected"

    def line_values(self) -> dict:
        """The fields of a TargetResult, only those that fit this measure."""
        data = self.cleaned_data
        measure = self.target.measure
        not_applicable = bool(data.get("not_applicable"))
        values = {
            "numerator": None,
            "denominator": None,
            "value": None,
            "transactions": None,
            "done": None,
            "not_applicable": not_applicable,
            "not_applicable_reason": data.get("not_applicable_reason", "") if not_applicable else "",
            "comment": data.get("comment", ""),
            "source": "",
            "source_label": "",
            "correction_reason": "",
        }
        source = self._source()
        if source:
            values["source"] = source
            values["source_label"] = self.proposal.source[:120]
            values["correction_reason"] = (
                data.get("correction_reason", "").strip() if source == "corrected" else ""
            )
        if not not_applicable:
            if measure == Measure.RATE:
                values["numerator"] = data.get("numerator")
                values["denominator"] = data.get("denominator")
            elif measure == Measure.MILESTONE:
                values["done"] = data.get("done")
            else:
                values["value"] = data.get("value")
                if self.asks_transactions and data.get("transactions") is not None:
                    values["transactions"] = int(data["transactions"])
        return values

    @property
    def asks_transactions(self) -> bool:
        """An average time: the number of transactions is asked beside it."""
        return self.target.measure == Measure.QUANTITY and is_time_unit(self.target.unit)


class TaskLineForm(forms.Form):
    progress = forms.ChoiceField(label=_("Tình hình"), choices=TaskUpdate.Progress.choices, required=False)
    percent = VietnameseNumberField(label=_("% hoàn thành"), integer=True, max_value=100, percent=True)
    completed_on = WindowDateField(label=_("Ngày hoàn thành"), required=False)
    evidence_number = forms.CharField(label=_("Số, ký hiệu văn bản"), required=False, max_length=60)
    evidence_date = WindowDateField(label=_("Ngày văn bản"), required=False)
    evidence_upload = forms.FileField(
        label=_("Tệp kiểm chứng"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}),
    )
    evidence_token = DigitsIntegerField(required=False, widget=forms.HiddenInput)
    not_applicable = forms.BooleanField(label=_("Không phát sinh"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 1})
    )

    def __init__(self, *args, task, evidence_files=None, date_window=None, calendar_opens=None, **kwargs):
        """``evidence_files``: the agency's files this line may point at, by id (the one it
        has, and the ones uploaded while this page was being filled). ``date_window``: the
        dates the completion and the evidence document may carry (``plan_date_window`` of the
        task's plan); ``calendar_opens``: the day their calendars open on when empty."""
        self.task = task
        self.evidence_files = evidence_files or {}
        super().__init__(*args, **kwargs)
        for name in ("completed_on", "evidence_date"):
            self.fields[name].window = date_window
            if calendar_opens is not None:
                self.fields[name].open_on(calendar_opens)

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
            check_upload(upload)  # a valid file was already stored by the view
        return upload

    def clean_evidence_token(self):
        token = self.cleaned_data.get("evidence_token")
        if token is not None and token not in self.evidence_files:
            raise forms.ValidationError(_("Tệp kiểm chứng không còn dùng được, hãy tải lại."))
        return token

    def clean(self):
        """What a draft cannot hold: a task done without its date (the row would break the
        table's rule) or at less than 100%. What a sending needs besides (the evidence file,
        number and date of a task done) is asked when the report is sent
        (``reporting.rules.task_line_gaps``), so a draft saves without it."""
        data = super().clean()
        done = data.get("progress") == TaskUpdate.Progress.DONE
        if done and not data.get("not_applicable"):
            if not data.get("completed_on") and "completed_on" not in self.errors:
                self.add_error("completed_on", _("Nhập ngày hoàn thành (dd/mm/yyyy)."))
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
            "progress": progress,
            "percent": int(percent or 0),
            "completed_on": data.get("completed_on"),
            "evidence_number": data.get("evidence_number", ""),
            "evidence_date": data.get("evidence_date"),
            "evidence_file_id": data.get("evidence_token"),
            "not_applicable": bool(data.get("not_applicable")),
            "note": data.get("note", ""),
        }


class PeriodReopenForm(forms.Form):
    #: a reopening lasts at most this long (a later one can extend it)
    MAX_DAYS = 366

    until = forms.DateField(
        label=_("Mở đến hết ngày"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    reason = forms.CharField(
        label=_("Lý do mở lại"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, today, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until < self.today:
            raise forms.ValidationError(
                _("Ngày mở đến phải từ hôm nay (%(d)s) trở đi."),
                params={"d": self.today.strftime("%d/%m/%Y")},
            )
        last = self.today + timedelta(days=self.MAX_DAYS)
        if until > last:
            raise forms.ValidationError(
                _("Mở lại tối đa một năm: đến ngày %(d)s là muộn nhất."),
                params={"d": last.strftime("%d/%m/%Y")},
            )
        return until

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Ghi lý do mở lại."))
        return reason


class ExtensionRequestForm(forms.Form):
    """A lead agency's request to extend a task's deadline (the rules are the service's)."""

    requested_due_date = WindowDateField(
        label=_("Hạn mới đề nghị"),
        error_messages={
            "required": _("Nhập hạn mới đề nghị (dd/mm/yyyy)."),
            "invalid": _("Ngày không đúng: nhập theo dạng dd/mm/yyyy."),
        },
    )
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=2000,
        error_messages={"required": _("Ghi lý do đề nghị gia hạn.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, plan, **kwargs):
        """``plan``: the task's plan, whose years bound the new deadline."""
        super().__init__(*args, **kwargs)
        self.fields["requested_due_date"].window = plan_date_window(plan.year, plan.end_year)


class ExtensionDecisionForm(forms.Form):
    """The reviewer's decision: the button pressed, and a note (required to refuse)."""

    decision = forms.ChoiceField(
        choices=[("approve", _("Chấp thuận")), ("refuse", pgettext_lazy("button", "Không chấp thuận"))],
        error_messages={"required": _("Chọn chấp thuận hoặc không.")},
    )
    note = forms.CharField(
        label=_("Ý kiến của Sở Nội vụ"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(forms.Form):
    """The reviewer returns a report: a general reason, and lines marked ("trả lại") each with
    its own reason; at least one reason is needed. The line fields are named after the lines
    (``return-t<result id>``, ``note-t<result id>``; ``-k`` for task updates)."""

    reason = forms.CharField(label=_("Lý do trả lại"), required=False, max_length=5000, strip=True)

    def __init__(self, *args, results, updates, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = [("t", r.pk) for r in results] + [("k", u.pk) for u in updates]
        for side, pk in self.lines:
            self.fields[f"return-{side}{pk}"] = forms.BooleanField(required=False)
            self.fields[f"note-{side}{pk}"] = forms.CharField(required=False, max_length=2000)

    def _notes(self, side: str) -> dict[int, str]:
        data = self.cleaned_data
        return {pk: data[f"note-{s}{pk}"] for s, pk in self.lines if s == side and data[f"return-{s}{pk}"]}

    @property
    def target_notes(self) -> dict[int, str]:
        return self._notes("t")

    @property
    def task_notes(self) -> dict[int, str]:
        return self._notes("k")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if (
            not cleaned.get("reason")
            and not any(self.target_notes.values())
            and not any(self.task_notes.values())
        ):
            raise forms.ValidationError(_("Trả lại cần ghi lý do (chung, hoặc cho từng dòng được đánh dấu)."))
        return cleaned


class YearCloseForm(forms.Form):
    """Why the reviewer closes, or reopens, the plan's year."""

    reason = forms.CharField(
        label=_("Lý do"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}), strip=True
    )


class PlanLevelsForm(forms.Form):
    """The administrative levels that do not apply to a plan (no cấp huyện after 1/7/2025)."""

    levels = forms.ModelMultipleChoiceField(
        label=_("Cấp không áp dụng"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("Lý do"), max_length=255, required=False)

    def __init__(self, *args, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["levels"].queryset = levels
