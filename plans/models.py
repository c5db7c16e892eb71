"""Plans (kế hoạch CCHC), their reform areas, tasks and reporting periods."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import AdministrativeLevel, Agency
from cchc import clock

from .rules import PeriodKind, plan_status_shown


class ReformArea(models.Model):
    """A standard reform area (PAR Index component). Data, not an enum: plans number and word
    them their own way (see :class:`PlanArea`)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    number = models.PositiveSmallIntegerField(_("số thứ tự chuẩn"), unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=80)

    class Meta:
        ordering = ["number"]
        verbose_name = _("lĩnh vực CCHC")
        verbose_name_plural = _("lĩnh vực CCHC")

    def __str__(self):
        return f"{self.number}. {self.name}"


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        IN_FORCE = "in_force", _("Đang thực hiện")
        CLOSED = "closed", _("Đã kết thúc")

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    title = models.CharField(_("tên kế hoạch"), max_length=500)
    issuer = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="issued_plans",
        verbose_name=_("cơ quan ban hành"),
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    end_year = models.PositiveSmallIntegerField(
        _("đến năm"),
        null=True,
        blank=True,
        help_text=_("Chỉ với kế hoạch nhiều năm."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("kế hoạch giai đoạn"),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
    )
    legal_bases = models.TextField(_("căn cứ"), blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=255, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    source_note = models.CharField(_("nguồn"), max_length=255, blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("lập từ kế hoạch"),
        help_text=_("Kế hoạch năm trước mà dự thảo này được sao chép từ đó."),
    )
    # The public CCHC page (issue 24): opted in by the Sở Nội vụ on the plan's page.
    is_public = models.BooleanField(
        _("công khai trên trang CCHC"),
        default=False,
        help_text=_(
            "Người dân xem được kế hoạch, số liệu đã duyệt và báo cáo đã phát hành, không cần đăng nhập."
        ),
    )
    public_since = models.DateTimeField(_("công khai từ"), null=True, blank=True)
    levels_not_applicable = models.ManyToManyField(
        AdministrativeLevel,
        blank=True,
        related_name="+",
        verbose_name=_("cấp hành chính không áp dụng"),
        help_text=_(
            "Cấp không còn trong tỉnh (ví dụ không còn cấp huyện từ 01/7/2025): chỉ tiêu theo "
            "từng cấp không xét cấp này. Sở Nội vụ đánh dấu rõ ràng; không tự suy ra."
        ),
    )
    # The pages' cache key (issue 26): bumped by each recompute of one of the plan's periods
    # (``plans.services.plan_progress_version_bump``), so no page of older figures is served.
    progress_version = models.PositiveIntegerField(_("phiên bản số liệu tiến độ"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[levels_not_applicable])

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number"],
                condition=~Q(number=""),
                name="plan_number_unique_per_issuer",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=models.F("year")),
                name="plan_end_year_not_before_year",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="plan_year_plausible",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_annual(self):
        return self.end_year is None or self.end_year == self.year

    @property
    def year_label(self):
        return str(self.year) if self.is_annual else f"{self.year}–{self.end_year}"

    @property
    def status_shown(self) -> str:
        """``status``, with a plan whose last year has ended shown as ended (plans.rules)."""
        return plan_status_shown(
            status=self.status, last_year=self.end_year or self.year, today=clock.today()
        )

    def get_status_shown_display(self) -> str:
        return str(dict(self.Status.choices)[self.status_shown])


class PlanAmendment(models.Model):
    """A later decision that changed the plan: what changed, by which document, when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="amendments")
    document = models.CharField(_("văn bản"), max_length=255)
    date = models.DateField(_("ngày"))
    summary = models.TextField(_("nội dung thay đổi"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("điều chỉnh kế hoạch")
        verbose_name_plural = _("điều chỉnh kế hoạch")

    def __str__(self):
        return f"{self.document} ({self.date:%d/%m/%Y})"


class PlanArea(models.Model):
    """A reform area as one plan prints it: its own number and heading, and the agency that
    "Tổ chức thực hiện" makes answerable for it (which also scopes area coordinators)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas")
    area = models.ForeignKey(
        ReformArea, on_delete=models.PROTECT, related_name="plan_areas", verbose_name=_("lĩnh vực")
    )
    code = models.CharField(_("số thứ tự trong kế hoạch"), max_length=10)
    title = models.CharField(_("tiêu đề"), max_length=255)
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    lead_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_plan_areas",
        verbose_name=_("cơ quan chủ trì, theo dõi"),
    )

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("lĩnh vực của kế hoạch")
        verbose_name_plural = _("lĩnh vực của kế hoạch")
        constraints = [
            models.UniqueConstraint(fields=["plan", "area"], name="plan_area_unique_area"),
            models.UniqueConstraint(fields=["plan", "position"], name="plan_area_unique_position"),
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"


class Task(models.Model):
    """Nhiệm vụ. Its status (due, done on time, overdue…) is derived, never typed."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    plan_area = models.ForeignKey(
        PlanArea,
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("lĩnh vực"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subtasks",
        verbose_name=_("thuộc nhiệm vụ"),
    )
    code = models.CharField(_("số hiệu"), max_length=20, help_text=_("Như in trong kế hoạch."))
    position = models.PositiveIntegerField(_("thứ tự"))
    text = models.TextField(_("nội dung"))
    lead_agencies = models.ManyToManyField(
        Agency,
        related_name="led_tasks",
        blank=True,
        verbose_name=_("cơ quan chủ trì"),
    )
    lead_groups = models.CharField(_("nhóm chủ trì"), max_length=255, blank=True)
    cooperating_agencies = models.ManyToManyField(
        Agency,
        related_name="cooperating_tasks",
        blank=True,
        verbose_name=_("cơ quan phối hợp"),
    )
    cooperating_groups = models.CharField(
        _("nhóm phối hợp"),
        max_length=255,
        blank=True,
        help_text=_("Như kế hoạch ghi, ví dụ: các sở, ban, ngành; UBND cấp xã."),
    )
    product = models.CharField(_("sản phẩm"), max_length=255, blank=True)
    due_text = models.CharField(_("thời gian (như in)"), max_length=120, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    recurring = models.BooleanField(_("thường xuyên"), default=False)
    extended_due_date = models.DateField(
        _("hạn đã gia hạn"),
        null=True,
        blank=True,
        help_text=_("Hạn mới được Sở Nội vụ chấp thuận; hạn ban đầu vẫn giữ ở trên."),
    )
    carried_over_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_into",
        verbose_name=_("chuyển tiếp từ"),
        help_text=_("Nhiệm vụ chưa hoàn thành của kế hoạch năm trước."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[lead_agencies, cooperating_agencies])

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="task_unique_position"),
            models.CheckConstraint(condition=~Q(text=""), name="task_text_not_empty"),
        ]
        indexes = [models.Index(fields=["plan", "due_date"], name="task_plan_due_idx")]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"

    @property
    def effective_due_date(self):
        """The deadline that counts: the approved extension, else the one printed."""
        return self.extended_due_date or self.due_date

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.plan_area_id and self.plan_id and self.plan_area.plan_id != self.plan_id:
            raise ValidationError({"plan_area": _("Lĩnh vực không thuộc kế hoạch này.")})
        if self.parent_id and self.parent.plan_id != self.plan_id:
            raise ValidationError({"parent": _("Nhiệm vụ cha không thuộc kế hoạch này.")})


class ReportingPeriod(models.Model):
    """Kỳ báo cáo. Windows and deadlines default to the national regime and are editable."""

    class Kind(models.TextChoices):
        Q1 = PeriodKind.Q1, _("Quý I")
        H1 = PeriodKind.H1, _("6 tháng")
        Q3 = PeriodKind.Q3, _("Quý III")
        YEAR = PeriodKind.YEAR, _("Năm")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("kỳ"), max_length=5, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    window_start = models.DateField(_("số liệu từ ngày"))
    window_end = models.DateField(_("số liệu đến ngày"))
    deadline = models.DateField(_("hạn báo cáo"))
    grace_days = models.PositiveSmallIntegerField(
        _("số ngày gia hạn"),
        default=0,
        help_text=_(
            "Sau hạn báo cáo, cơ quan còn được nhập và gửi trong chừng ấy ngày; sau đó "
            "kỳ báo cáo bị khóa (Sở Nội vụ có thể mở lại cho từng cơ quan)."
        ),
    )

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="period_unique_kind"),
            models.CheckConstraint(
                condition=Q(window_start__lte=models.F("window_end")),
                name="period_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("window_end")),
                name="period_deadline_after_window",
            ),
        ]

    def __str__(self):
        """As the pages name it ("Quý III năm 2023"): the notifications and e-mails that print a
        period said "Quý III 2023" beside pages saying "Quý III năm 2023"."""
        return self.title

    @property
    def title(self) -> str:
        """ "Quý I năm 2024", "6 tháng năm 2024", "Năm 2024" (the year of the window's end:
        no query for the plan)."""
        year = self.window_end.year
        if self.kind == self.Kind.YEAR:
            return gettext("Năm %(year)s") % {"year": year}
        return gettext("%(period)s năm %(year)s") % {"period": self.get_kind_display(), "year": year}


class YearClose(models.Model):
    """Chốt năm (DOMAIN.md "Year close"): the plan's year closed, automatically after 31/12 or
    by the reviewer, and its final verdicts frozen (``reporting.models.TargetVerdict``,
    ``TaskVerdict``, which point here). Reopening is the reviewer's act with a reason; the row
    is kept with who reopened it and why, and a later close is a new row. At most one close is
    in force per plan."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="year_closes", verbose_name=_("kế hoạch")
    )
    closed_at = models.DateTimeField(_("chốt lúc"))
    closed_by = models.ForeignKey(
        "agencies.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người chốt"),
    )
    automatic = models.BooleanField(_("tự động sau 31/12"), default=False)
    reason = models.TextField(_("lý do chốt"))
    reopened_at = models.DateTimeField(_("mở lại lúc"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        "agencies.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người mở lại"),
    )
    reopen_reason = models.TextField(_("lý do mở lại"), blank=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-closed_at", "-pk"]
        verbose_name = _("chốt năm")
        verbose_name_plural = _("chốt năm")
        constraints = [
            models.UniqueConstraint(
                fields=["plan"], condition=Q(reopened_at__isnull=True), name="year_close_one_in_force"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="year_close_has_reason"),
            models.CheckConstraint(
                condition=Q(reopened_at__isnull=True) | ~Q(reopen_reason=""),
                name="year_close_reopening_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.plan} · {self.closed_at:%d/%m/%Y}"

    @property
    def in_force(self) -> bool:
        return self.reopened_at is None
