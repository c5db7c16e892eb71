from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.forms import ProvinceAgencyChoices
from agencies.models import Agency
from cchc.fields import PLAN_YEARS, DigitsIntegerField, IdMultipleChoiceField, WindowDateField
from cchc.uploads import MAX_TEXT_CHARS, UploadError, pdf_read

from . import rules
from .models import Target, TargetLevelThreshold
from .rules import Measure


def stored_as(model, name: str) -> dict:
    """The ``max_digits`` and ``decimal_places`` of ``model``'s decimal column ``name``, for a
    ``VietnameseNumberField`` that fills it: what the form accepts, the column can store."""
    column = model._meta.get_field(name)
    return {"max_digits": column.max_digits, "decimal_places": column.decimal_places}


class VietnameseNumberField(forms.Field):
    """A number typed the Vietnamese way ("2,5", "1.250"); errors say what was wrong and the
    page keeps what was typed.

    The value is checked where it is read, against what its column stores (``max_digits``,
    ``decimal_places``: pass ``**stored_as(Model, "field")``; the narrowest column of the app,
    14 digits with 4 places, when not given), so no typed number reaches the model's own check
    (which raised on save: a 500). ``percent``: a trailing "%" is allowed ("84,5%")."""

    widget = forms.TextInput

    def __init__(
        self, *args, integer=False, max_value=None, max_digits=14, decimal_places=4, percent=False, **kwargs
    ):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.integer = integer
        self.max_value = max_value
        self.max_digits = max_digits
        self.decimal_places = decimal_places
        self.percent = percent
        self.widget.attrs.update(
            {"inputmode": "decimal", "autocomplete": "off", "class": "num", "maxlength": "40"}
        )

    def to_python(self, value):
        value = (value or "").strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        value = str(value)
        if len(value) > 40:
            raise forms.ValidationError(_("Số quá dài."), code="max_length")
        if self.percent and value.endswith("%"):
            value = value[:-1].rstrip()
        try:
            number = rules.parse_vn_number(value)
        except rules.NumberInputError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc
        if self.integer and number != number.to_integral_value():
            raise forms.ValidationError(_("Nhập số nguyên (không có phần thập phân)."), code="integer")
        number = self._within_column(number)
        if self.max_value is not None and number > self.max_value:
            raise forms.ValidationError(
                _("Tối đa là %s.") % rules.format_number(self.max_value), code="max_value"
            )
        return number

    def _within_column(self, number: Decimal) -> Decimal:
        """``number`` as its column stores it: trailing zeros beyond the places dropped
        ("2,50000" is 2,5), more places or more whole digits refused."""
        places = -number.as_tuple().exponent
        if places > self.decimal_places:
            shorter = number.quantize(Decimal(1).scaleb(-self.decimal_places))
            if shorter != number:
                raise forms.ValidationError(
                    _("Tối đa %(n)s chữ số thập phân.") % {"n": self.decimal_places}, code="decimal_places"
                )
            number = shorter
        whole_digits = max(number.adjusted() + 1, 1)
        if whole_digits > self.max_digits - self.decimal_places:
            raise forms.ValidationError(
                _("Số quá lớn: phần nguyên tối đa %(n)s chữ số.")
                % {"n": self.max_digits - self.decimal_places},
                code="max_digits",
            )
        return number


class TargetAssignmentForm(ProvinceAgencyChoices, forms.ModelForm):
    """Who reports a target: the reviewer adjusts what the plan set. A target judged against
    a baseline year also asks for the baseline figure, which plans often do not print."""

    baseline_value = VietnameseNumberField(label=_("Giá trị năm gốc"), **stored_as(Target, "baseline_value"))

    class Meta:
        model = Target
        fields = [
            "reporting_scope",
            "responsible_agency",
            "reporting_levels",
            "reporting_agencies",
            "baseline_value",
            "baseline_year",
        ]
        field_classes = {
            "reporting_levels": IdMultipleChoiceField,
            "reporting_agencies": IdMultipleChoiceField,
            "baseline_year": DigitsIntegerField,
        }
        widgets = {
            "reporting_scope": forms.RadioSelect,
            "reporting_levels": forms.CheckboxSelectMultiple,
            "reporting_agencies": forms.CheckboxSelectMultiple,
            "baseline_year": forms.NumberInput(attrs={"min": PLAN_YEARS[0], "max": PLAN_YEARS[1]}),
        }

    agency_fields = ("responsible_agency", "reporting_agencies")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.comparator not in rules.BASELINE_COMPARATORS:
            del self.fields["baseline_value"], self.fields["baseline_year"]

    def save(self, commit=True):
        if "baseline_value" in self.changed_data:
            self.instance.baseline_is_demo = False  # a figure somebody entered
        return super().save(commit)

    def clean(self):
        data = super().clean()
        scope = data.get("reporting_scope")
        if scope == "responsible" and not data.get("responsible_agency"):
            self.add_error("responsible_agency", _("Chọn cơ quan chịu trách nhiệm báo cáo."))
        if scope == "levels" and not data.get("reporting_levels"):
            self.add_error("reporting_levels", _("Chọn ít nhất một cấp."))
        if scope == "named" and not data.get("reporting_agencies"):
            self.add_error("reporting_agencies", _("Chọn ít nhất một cơ quan."))
        return data


class PlanTextForm(forms.Form):
    """A plan's text, pasted or as a file (.txt in UTF-8, or .docx)."""

    MAX_BYTES = 5 * 2**20
    MAX_CHARS = MAX_TEXT_CHARS

    text = forms.CharField(
        label=_("Dán văn bản kế hoạch"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    file = forms.FileField(
        label=_("hoặc chọn tệp (.docx, .txt)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )

    def clean(self):
        from .extraction import PlanTextError, plan_text

        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload is not None:
            if upload.size > self.MAX_BYTES:
                raise forms.ValidationError(_("Tệp nặng quá 5 MB."))
            name = (upload.name or "").lower()
            if not name.endswith((".docx", ".txt")):
                raise forms.ValidationError(_("Chỉ nhận tệp Word (.docx) hoặc văn bản (.txt)."))
            try:
                text = plan_text(upload.read(), docx=name.endswith(".docx"), max_chars=self.MAX_CHARS)
            except (PlanTextError, UploadError) as exc:  # not readable, or beyond a limit
                raise forms.ValidationError(str(exc)) from exc
        if not text.strip():
            raise forms.ValidationError(_("Dán văn bản kế hoạch hoặc chọn tệp."))
        if len(text) > self.MAX_CHARS:
            raise forms.ValidationError(_("Văn bản dài quá %s ký tự.") % rules.format_number(self.MAX_CHARS))
        data["plan_text"] = text
        return data


class ProposalForm(forms.Form):
    """One proposed target, as the reviewer corrects it before accepting."""

    accept = forms.BooleanField(label=_("Nhận"), required=False)
    area = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    code = forms.CharField(label=_("Số hiệu"), required=False, max_length=24)
    text = forms.CharField(
        label=_("Nội dung chỉ tiêu"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    measure = forms.ChoiceField(label=_("Loại số đo"), choices=Measure.choices)
    comparator = forms.ChoiceField(label=_("So sánh"), choices=rules.Comparator.choices)
    direction = forms.ChoiceField(label=_("Chiều"), choices=rules.Direction.choices)
    value = VietnameseNumberField(label=_("Giá trị"), **stored_as(Target, "value"))
    value_max = VietnameseNumberField(label=_("Giá trị trên"), **stored_as(Target, "value_max"))
    unit = forms.CharField(label=_("Đơn vị"), required=False, max_length=40)
    stretch = forms.BooleanField(label=_("Phấn đấu"), required=False)
    cumulative = forms.BooleanField(
        label=_("Lũy kế trong năm"),
        required=False,
        help_text=_("Đạt dần đến cuối năm (kế hoạch đào tạo, giải ngân vốn, giảm số đơn vị)."),
    )
    baseline_year = DigitsIntegerField(
        label=_("Năm gốc"), required=False, min_value=PLAN_YEARS[0], max_value=PLAN_YEARS[1]
    )
    due_date = WindowDateField(
        label=_("Hạn đạt"),
        required=False,
        help_text=_("Khi câu chỉ tiêu ghi hạn: “trước ngày 30/6/2025”, “trong quý II”."),
    )

    def __init__(self, *args, areas, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [
            ("", _("— Mục tiêu chung của kế hoạch —")),
            *[(a.code, f"{a.code}. {a.title}") for a in areas],
        ]
        self.level_names = []
        for level in levels:
            name = f"level_{level.code}"
            self.fields[name] = VietnameseNumberField(
                label=_("Ngưỡng %(level)s") % {"level": level.name},
                **stored_as(TargetLevelThreshold, "value"),
            )
            self.level_names.append(name)

    @property
    def level_fields(self):
        return [self[name] for name in self.level_names]

    def clean(self):
        data = super().clean()
        if not data.get("accept") or self.errors:
            return data
        spec = rules.TargetSpec(
            measure=data.get("measure"),
            comparator=data.get("comparator"),
            direction=data.get("direction"),
            value=data.get("value"),
            value_max=data.get("value_max"),
            unit=data.get("unit") or "",
            stretch=bool(data.get("stretch")),
            cumulative=bool(data.get("cumulative")),
            baseline_year=data.get("baseline_year"),
            levels=self.levels(),
        )
        for field, messages in rules.validate_target(spec).items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        return data

    def levels(self) -> dict:
        return {
            name.removeprefix("level_"): self.cleaned_data[name]
            for name in self.level_names
            if self.cleaned_data.get(name) is not None
        }


# --- "Tạo kế hoạch từ văn bản" --------------------------------------------------------------


def document_text(upload, *, max_chars: int = MAX_TEXT_CHARS) -> str:
    """The text of an uploaded plan (.docx, .pdf or .txt), read by the bounded readers of
    ``cchc.uploads``; a file they refuse raises ``forms.ValidationError`` with their message."""
    from .extraction import PlanTextError, plan_text

    name = (upload.name or "").lower()
    if upload.size > PlanTextForm.MAX_BYTES:
        raise forms.ValidationError(_("Tệp nặng quá 5 MB."))
    if not name.endswith((".docx", ".pdf", ".txt")):
        raise forms.ValidationError(_("Chỉ nhận tệp Word (.docx), PDF (.pdf) hoặc văn bản (.txt)."))
    content = upload.read()
    try:
        if name.endswith(".pdf"):
            return pdf_read(content, max_chars=max_chars)
        return plan_text(content, docx=name.endswith(".docx"), max_chars=max_chars)
    except (PlanTextError, UploadError) as exc:  # not readable, a scan, or beyond a limit
        raise forms.ValidationError(str(exc)) from exc


class PlanDocumentForm(forms.Form):
    """A plan's document: a Word file, a PDF with a text layer, or plain text."""

    file = forms.FileField(
        label=_("Tệp kế hoạch (.docx, .pdf)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt"}),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            text = document_text(upload)
            if not text.strip():
                raise forms.ValidationError(_("Tệp không có chữ nào."))
            data["plan_text"] = text
        return data


class PlanHeaderForm(forms.Form):
    """The new plan's header as read from its first lines, every field editable."""

    title = forms.CharField(label=_("Tên kế hoạch"), max_length=500)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60, required=False)
    issue_date = WindowDateField(label=_("Ngày ban hành"), required=False)
    year = DigitsIntegerField(label=_("Năm"), min_value=PLAN_YEARS[0], max_value=PLAN_YEARS[1])
    issuer = forms.ModelChoiceField(
        label=_("Cơ quan ban hành"),
        queryset=Agency.objects.none(),
        empty_label=_("— Chọn cơ quan ban hành —"),
    )
    legal_bases = forms.CharField(
        label=_("Căn cứ"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers


class AreaRowForm(forms.Form):
    """One reform area of the new plan: the standard area, its number and heading as printed,
    the body that leads it."""

    accept = forms.BooleanField(label=_("Nhận"), required=False)
    area = forms.ChoiceField(label=_("Lĩnh vực chuẩn"))
    code = forms.CharField(label=_("Số thứ tự"), max_length=10)
    title = forms.CharField(label=_("Tiêu đề như in"), max_length=255)
    lead = forms.ModelChoiceField(
        label=_("Cơ quan chủ trì"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("— Không ghi cơ quan chủ trì —"),
    )

    def __init__(self, *args, standard, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(a.code, f"{a.number}. {a.name}") for a in standard]
        self.fields["lead"].queryset = agencies


def _area_choices(areas) -> list[tuple[str, str]]:
    """The areas a target or a task may be put in: (standard code, "1. Cải cách thể chế")."""
    return [(a["area"], f"{a['code']}. {a['title']}") for a in areas]


class TargetRowForm(ProposalForm):
    """A proposed target of the new plan (the extraction page's form), its area one of the
    areas proposed on the same page (by standard code)."""

    def __init__(self, *args, area_rows, **kwargs):
        super().__init__(*args, areas=[], **kwargs)
        self.fields["area"].choices = [("", _("— Mục tiêu chung của kế hoạch —")), *_area_choices(area_rows)]


class TaskRowForm(forms.Form):
    """A proposed task: its agencies as printed names, matched when saved exactly as the task
    appendix matches them (``agencies.matching``: names, abbreviations, group phrases)."""

    accept = forms.BooleanField(label=_("Nhận"), required=False)
    area = forms.ChoiceField(label=_("Lĩnh vực"))
    code = forms.CharField(label=_("Số hiệu"), max_length=20, required=False)
    text = forms.CharField(
        label=_("Nội dung nhiệm vụ"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    lead = forms.CharField(label=_("Cơ quan chủ trì"), max_length=500, required=False)
    cooperating = forms.CharField(label=_("Cơ quan phối hợp"), max_length=500, required=False)
    product = forms.CharField(label=_("Sản phẩm"), max_length=255, required=False)
    due_text = forms.CharField(label=_("Thời gian hoàn thành"), max_length=120, required=False)

    def __init__(self, *args, area_rows, names, province, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _area_choices(area_rows)
        self.names, self.province = names, province

    def clean(self):
        from .plan_reading import names_read

        data = super().clean()
        if not data.get("accept") or self.errors:
            return data
        for field in ("lead", "cooperating"):
            named = names_read(data.get(field) or "", self.names, province=self.province)
            data[f"{field}_named"] = named
            if named.unmatched:
                self.add_error(
                    field,
                    _(
                        "Không nhận ra: %(names)s. Ghi tên cơ quan như trong danh mục, "
                        "hoặc nhóm như “các sở, ban, ngành”."
                    )
                    % {"names": "; ".join(f"“{n}”" for n in named.unmatched)},
                )
        lead = data.get("lead_named")
        if lead is not None and not lead.agencies and not lead.groups and "lead" not in self.errors:
            self.add_error("lead", _("Ghi cơ quan chủ trì."))
        return data
