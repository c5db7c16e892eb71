"""Targets (chỉ tiêu): the verbatim statement a plan prints, and the measurable targets in it.

One printed item ("a) Trên 95% … đúng hạn; phấn đấu 80% … trước hạn") is a
:class:`TargetStatement`; each number with a direction in it is a :class:`Target`. A target
that is a subset of another ("…tối thiểu 90%. Trong đó, lĩnh vực đất đai … tối thiểu 85%") points
to it through ``parent``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import AdministrativeLevel, Agency
from plans.models import Plan, PlanArea

from . import rules


class TargetStatement(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="target_statements")
    plan_area = models.ForeignKey(
        PlanArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="target_statements",
        verbose_name=_("lĩnh vực"),
        help_text=_("Để trống với mục tiêu chung của kế hoạch (PAR INDEX, PAPI, PCI…)."),
    )
    code = models.CharField(_("số hiệu"), max_length=20, blank=True)
    position = models.PositiveIntegerField(_("thứ tự"))
    text = models.TextField(_("nguyên văn"))

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("mục chỉ tiêu")
        verbose_name_plural = _("mục chỉ tiêu")
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="statement_unique_position"),
            models.CheckConstraint(condition=~Q(text=""), name="statement_text_not_empty"),
        ]

    def __str__(self):
        return f"{self.code} {self.text[:60]}".strip()

    def clean(self):
        if self.plan_area_id and self.plan_area.plan_id != self.plan_id:
            raise ValidationError({"plan_area": _("Lĩnh vực không thuộc kế hoạch này.")})


class Target(models.Model):
    Measure = rules.Measure
    Comparator = rules.Comparator
    Direction = rules.Direction

    class ReportingScope(models.TextChoices):
        RESPONSIBLE = "responsible", _("Chỉ cơ quan chịu trách nhiệm")
        ALL = "all", _("Tất cả sở, ngành và UBND cấp huyện")
        LEVELS = "levels", _("Các cơ quan thuộc cấp đã chọn")
        NAMED = "named", _("Các cơ quan được chỉ định")

    statement = models.ForeignKey(
        TargetStatement,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("mục chỉ tiêu"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sub_targets",
        verbose_name=_("thuộc chỉ tiêu"),
    )
    code = models.CharField(_("số hiệu"), max_length=24, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự trong mục"))
    text = models.TextField(_("nội dung"))
    measure = models.CharField(_("loại số đo"), max_length=10, choices=rules.Measure.choices)
    comparator = models.CharField(_("so sánh"), max_length=15, choices=rules.Comparator.choices)
    direction = models.CharField(
        _("chiều tốt"),
        max_length=6,
        choices=rules.Direction.choices,
        default=rules.Direction.HIGHER,
    )
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=4, null=True, blank=True)
    value_max = models.DecimalField(_("giá trị trên"), max_digits=14, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    stretch = models.BooleanField(
        _("phấn đấu"), default=False, help_text=_("Chỉ tiêu phấn đấu (mang tính khuyến khích).")
    )
    baseline_value = models.DecimalField(
        _("giá trị gốc"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"), null=True, blank=True)
    baseline_is_demo = models.BooleanField(
        _("giá trị gốc là dữ liệu mẫu"),
        default=False,
        help_text=_(
            "Kế hoạch không ghi giá trị năm gốc; dữ liệu mẫu điền một giá trị để tính "
            "được tiến độ. Sở Nội vụ nhập giá trị thật thay thế."
        ),
    )
    cumulative = models.BooleanField(
        _("lũy kế trong năm"),
        default=False,
        help_text=_(
            "Đạt dần trong năm tới cuối năm (hoàn thành 100% kế hoạch đào tạo, giải ngân 100% "
            "vốn, giảm số đơn vị): tiến độ kỳ vọng tăng đều đến cuối năm và cơ quan báo cáo số "
            "lũy kế từ đầu năm."
        ),
    )
    due_date = models.DateField(
        _("hạn đạt"),
        null=True,
        blank=True,
        help_text=_(
            "Ngày chỉ tiêu phải đạt khi câu chỉ tiêu ghi hạn (“trước ngày 30/6/2025”, “trong quý II”)."
        ),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    responsible_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_targets",
        verbose_name=_("cơ quan chịu trách nhiệm"),
    )
    reporting_scope = models.CharField(
        _("cơ quan báo cáo"),
        max_length=12,
        choices=ReportingScope.choices,
        default=ReportingScope.RESPONSIBLE,
    )
    reporting_levels = models.ManyToManyField(
        AdministrativeLevel,
        blank=True,
        related_name="+",
        verbose_name=_("các cấp báo cáo"),
    )
    reporting_agencies = models.ManyToManyField(
        Agency,
        blank=True,
        related_name="reported_targets",
        verbose_name=_("cơ quan được chỉ định báo cáo"),
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[reporting_levels, reporting_agencies])

    class Meta:
        ordering = ["statement__plan", "statement__position", "position"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.UniqueConstraint(fields=["statement", "position"], name="target_unique_position"),
            models.CheckConstraint(
                condition=Q(measure__in=rules.Measure.values), name="target_measure_valid"
            ),
            models.CheckConstraint(
                condition=Q(comparator__in=rules.Comparator.values), name="target_comparator_valid"
            ),
            models.CheckConstraint(
                condition=Q(value_max__isnull=True)
                | Q(value__isnull=True)
                | Q(value_max__gte=models.F("value")),
                name="target_value_max_not_below_value",
            ),
            models.CheckConstraint(
                condition=~Q(comparator="between") | Q(value__isnull=False, value_max__isnull=False),
                name="target_between_has_bounds",
            ),
            models.CheckConstraint(
                condition=Q(comparator="done", measure="milestone")
                | (~Q(comparator="done") & ~Q(measure="milestone")),
                name="target_milestone_iff_done",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.text[:60]}".strip()

    def clean(self):
        # Thresholds are rows of their own, saved after the target: judged here only when known.
        levels = None
        if self.pk:
            levels = {t.level.code: t.value for t in self.level_thresholds.select_related("level")}
        spec = self.as_spec(levels=levels or None)
        errors = rules.validate_target(spec)
        if errors:
            raise ValidationError(errors)

    @property
    def entry_hint(self) -> str:
        """What the one number asked on the entry page is: a count of what was done in the
        period, the level at its end (units now, against the baseline), or for a cumulative
        percentage the figure reached since the start of the year."""
        if self.measure != rules.Measure.COUNT:
            if self.cumulative:
                return gettext("%(unit)s lũy kế từ đầu năm") % {"unit": self.unit}
            return self.unit
        if rules.accumulates(self.measure, self.comparator):
            return gettext("%(unit)s trong kỳ") % {"unit": self.unit} if self.unit else gettext("trong kỳ")
        baseline = (
            gettext("; năm %(year)s: %(value)s")
            % {"year": self.baseline_year, "value": rules.format_number(self.baseline_value)}
            if self.baseline_value is not None and self.baseline_year
            else ""
        )
        return gettext("số hiện có cuối kỳ") + baseline

    def as_spec(self, levels="prefetched"):
        """The plain-data view of this target used by the rule functions."""
        if levels == "prefetched":
            levels = {t.level.code: t.value for t in self.level_thresholds.all()}
        return rules.TargetSpec(
            measure=self.measure,
            comparator=self.comparator,
            direction=self.direction,
            value=self.value,
            value_max=self.value_max,
            unit=self.unit,
            stretch=self.stretch,
            baseline_value=self.baseline_value,
            baseline_year=self.baseline_year,
            cumulative=self.cumulative,
            levels=levels,
        )


class TargetLevelThreshold(models.Model):
    """One threshold per administrative level: "60% cấp tỉnh, 50% cấp huyện, 30% cấp xã"."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="level_thresholds")
    level = models.ForeignKey(
        AdministrativeLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("cấp")
    )
    value = models.DecimalField(_("ngưỡng"), max_digits=14, decimal_places=4)

    class Meta:
        ordering = ["target", "level__order"]
        verbose_name = _("ngưỡng theo cấp")
        verbose_name_plural = _("ngưỡng theo cấp")
        constraints = [
            models.UniqueConstraint(fields=["target", "level"], name="threshold_unique_level"),
        ]

    def __str__(self):
        return f"{self.level}: {self.value}"
