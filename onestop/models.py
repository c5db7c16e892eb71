"""Figures from the province's one-stop system (Hệ thống thông tin giải quyết TTHC): dossier
counts per agency and period in the columns of Biểu 06/VPCP/KSTT, the QĐ 766 index per agency
and month, each written by an import batch that says who brought it in, when and from which
file; and the bindings of a plan's targets to a formula over those columns (or to a 766 value),
so the agency confirms a proposed figure instead of retyping it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from plans.models import ReportingPeriod
from targets.models import Target

from . import rules


class ImportBatch(models.Model):
    class Kind(models.TextChoices):
        DOSSIERS = "bieu06", _("Biểu 06/VPCP/KSTT (hồ sơ TTHC)")
        INDEX_766 = "qd766", _("Chỉ số QĐ 766/QĐ-TTg")

    province = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh (UBND tỉnh)")
    )
    kind = models.CharField(_("loại số liệu"), max_length=10, choices=Kind.choices)
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kỳ báo cáo"),
        help_text=_("Với Biểu 06: kỳ của số liệu."),
    )
    file_name = models.CharField(_("tên tệp"), max_length=160)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    imported_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("người nhập")
    )
    for_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nhập cho cơ quan"),
        help_text=_("Để trống khi Sở Nội vụ nhập cho mọi cơ quan của tỉnh."),
    )
    imported_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("lần nhập số liệu một cửa")
        verbose_name_plural = _("lần nhập số liệu một cửa")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="qd766") | Q(period__isnull=False), name="onestop_batch_dossiers_have_period"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.file_name}"


def _count(label):
    return models.PositiveIntegerField(label)


class DossierCounts(models.Model):
    """One agency's dossiers in one period (Biểu 06/VPCP/KSTT). The latest import replaces the
    row; ``batch`` says which one wrote it."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="dossier_counts")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    received_total = _count(_("tổng số tiếp nhận"))
    received_online = _count(_("trực tuyến"))
    received_in_person = _count(_("trực tiếp, bưu chính"))
    received_carried_over = _count(_("kỳ trước chuyển qua"))
    resolved_total = _count(_("đã giải quyết"))
    resolved_early = _count(_("trước hạn"))
    resolved_on_time = _count(_("đúng hạn"))
    resolved_late = _count(_("quá hạn"))
    pending_total = _count(_("đang giải quyết"))
    pending_in_time = _count(_("trong hạn"))
    pending_overdue = _count(_("đang giải quyết quá hạn"))

    class Meta:
        ordering = ["period", "agency__name"]
        verbose_name = _("số liệu hồ sơ TTHC (Biểu 06)")
        verbose_name_plural = _("số liệu hồ sơ TTHC (Biểu 06)")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "agency"], name="onestop_dossiers_unique_period_agency"
            ),
            models.CheckConstraint(
                condition=Q(
                    received_total=models.F("received_online")
                    + models.F("received_in_person")
                    + models.F("received_carried_over")
                ),
                name="onestop_dossiers_received_adds_up",
            ),
            models.CheckConstraint(
                condition=Q(
                    resolved_total=models.F("resolved_early")
                    + models.F("resolved_on_time")
                    + models.F("resolved_late")
                ),
                name="onestop_dossiers_resolved_adds_up",
            ),
            models.CheckConstraint(
                condition=Q(pending_total=models.F("pending_in_time") + models.F("pending_overdue")),
                name="onestop_dossiers_pending_adds_up",
            ),
        ]

    def __str__(self):
        return f"{self.agency} · {self.period}"

    def as_counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in rules.DOSSIER_FIELDS}


def _points(label):
    return models.DecimalField(label, max_digits=5, decimal_places=2)


class Index766(models.Model):
    """One agency's QĐ 766 index in one month (``month``: its first day)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="index_values")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("tháng"))
    transparency = _points(_("công khai, minh bạch"))
    timeliness = _points(_("tiến độ giải quyết"))
    online_services = _points(_("dịch vụ công trực tuyến"))
    online_payment = _points(_("thanh toán trực tuyến"))
    satisfaction = _points(_("mức độ hài lòng"))
    digitisation = _points(_("số hóa hồ sơ"))
    total = _points(_("tổng điểm"))
    band = models.CharField(_("xếp loại"), max_length=20)

    class Meta:
        ordering = ["agency__name", "month"]
        verbose_name = _("chỉ số QĐ 766")
        verbose_name_plural = _("chỉ số QĐ 766")
        constraints = [
            models.UniqueConstraint(fields=["agency", "month"], name="onestop_index_unique_agency_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="onestop_index_month_first_day"),
            models.CheckConstraint(
                condition=Q(total__gte=0) & Q(total__lte=rules.INDEX_TOTAL_MAX),
                name="onestop_index_total_range",
            ),
        ]

    def __str__(self):
        return f"{self.agency} · {self.month:%m/%Y}"


class TargetBinding(models.Model):
    """A target whose figures the one-stop system already counts: a rate bound to a named formula
    over Biểu 06's columns, or a figure bound to one value of the 766 index."""

    class Source(models.TextChoices):
        DOSSIERS = "bieu06", _("Biểu 06/VPCP/KSTT")
        INDEX_766 = "qd766", _("Chỉ số QĐ 766")

    target = models.OneToOneField(Target, on_delete=models.CASCADE, related_name="onestop_binding")
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    formula = models.CharField(
        _("công thức"),
        max_length=20,
        blank=True,
        choices=[(code, f.label) for code, f in rules.FORMULAS.items()],
    )
    index_field = models.CharField(
        _("giá trị chỉ số 766"),
        max_length=20,
        blank=True,
        choices=[*((name, label) for name, label, _max in rules.INDEX_GROUPS), ("total", _("Tổng điểm"))],
    )
    created_by = models.ForeignKey("agencies.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chỉ tiêu gắn số liệu một cửa")
        verbose_name_plural = _("chỉ tiêu gắn số liệu một cửa")
        constraints = [
            models.CheckConstraint(
                condition=(Q(source="bieu06") & ~Q(formula="") & Q(index_field=""))
                | (Q(source="qd766") & Q(formula="") & ~Q(index_field="")),
                name="onestop_binding_one_source",
            ),
        ]

    def __str__(self):
        return f"{self.target} → {self.definition}"

    @property
    def definition(self) -> str:
        if self.source == self.Source.DOSSIERS:
            formula = rules.FORMULAS[self.formula]
            return f"{formula.label} = {formula.definition}"
        return f"{self.get_index_field_display()} (QĐ 766)"
