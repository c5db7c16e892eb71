"""Plans (kế hoạch CCHC), their reform areas, tasks and reporting periods."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency

from .evidence import LABELS as EVIDENCE_LABELS
from .evidence import evidence_storage, evidence_upload_to


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
        Agency, on_delete=models.PROTECT, related_name="issued_plans",
        verbose_name=_("cơ quan ban hành"),
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    end_year = models.PositiveSmallIntegerField(
        _("đến năm"), null=True, blank=True, help_text=_("Chỉ với kế hoạch nhiều năm."),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("kế hoạch giai đoạn"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT,
    )
    legal_bases = models.TextField(_("căn cứ"), blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=255, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    source_note = models.CharField(_("nguồn"), max_length=255, blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies",
        verbose_name=_("lập từ kế hoạch"),
        help_text=_("Kế hoạch năm trước mà dự thảo này được sao chép từ đó."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number"], condition=~Q(number=""),
                name="plan_number_unique_per_issuer",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=models.F("year")),
                name="plan_end_year_not_before_year",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="plan_year_plausible",
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
    area = models.ForeignKey(ReformArea, on_delete=models.PROTECT, related_name="plan_areas",
                             verbose_name=_("lĩnh vực"))
    code = models.CharField(_("số thứ tự trong kế hoạch"), max_length=10)
    title = models.CharField(_("tiêu đề"), max_length=255)
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    lead_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="led_plan_areas",
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
        PlanArea, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("lĩnh vực"),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="subtasks",
        verbose_name=_("thuộc nhiệm vụ"),
    )
    code = models.CharField(_("số hiệu"), max_length=20, help_text=_("Như in trong kế hoạch."))
    position = models.PositiveIntegerField(_("thứ tự"))
    text = models.TextField(_("nội dung"))
    lead_agencies = models.ManyToManyField(
        Agency, related_name="led_tasks", blank=True, verbose_name=_("cơ quan chủ trì"),
    )
    lead_groups = models.CharField(_("nhóm chủ trì"), max_length=255, blank=True)
    cooperating_agencies = models.ManyToManyField(
        Agency, related_name="cooperating_tasks", blank=True, verbose_name=_("cơ quan phối hợp"),
    )
    cooperating_groups = models.CharField(
        _("nhóm phối hợp"), max_length=255, blank=True,
        help_text=_("Như kế hoạch ghi, ví dụ: các sở, ban, ngành; UBND cấp xã."),
    )
    product = models.CharField(_("sản phẩm"), max_length=255, blank=True)
    due_text = models.CharField(_("thời gian (như in)"), max_length=120, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    recurring = models.BooleanField(_("thường xuyên"), default=False)
    extended_due_date = models.DateField(
        _("hạn đã gia hạn"), null=True, blank=True,
        help_text=_("Hạn mới được Sở Nội vụ chấp thuận; hạn ban đầu vẫn giữ ở trên."),
    )
    carried_over_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_into",
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
        Q1 = "q1", _("Quý I")
        H1 = "h1", _("6 tháng")
        Q3 = "q3", _("Quý III")
        YEAR = "year", _("Năm")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("kỳ"), max_length=5, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    window_start = models.DateField(_("số liệu từ ngày"))
    window_end = models.DateField(_("số liệu đến ngày"))
    deadline = models.DateField(_("hạn báo cáo"))
    grace_days = models.PositiveSmallIntegerField(
        _("số ngày gia hạn"), default=0,
        help_text=_("Sau hạn báo cáo, cơ quan còn được nhập và gửi trong chừng ấy ngày; sau đó "
                    "kỳ báo cáo bị khóa (Sở Nội vụ có thể mở lại cho từng cơ quan)."),
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
        return f"{self.get_kind_display()} {self.plan.year}"

    @property
    def title(self) -> str:
        """"Quý I năm 2024", "6 tháng năm 2024", "Năm 2024" (the year of the window's end:
        no query for the plan)."""
        year = self.window_end.year
        if self.kind == self.Kind.YEAR:
            return gettext("Năm %(year)s") % {"year": year}
        return gettext("%(period)s năm %(year)s") % {"period": self.get_kind_display(),
                                                     "year": year}


class PeriodReopening(models.Model):
    """The reviewer reopens a locked period for one agency, with a reason, until a date.
    Rows are kept: the latest one in force decides."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE,
                               related_name="reopenings", verbose_name=_("kỳ báo cáo"))
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="reopenings",
                               verbose_name=_("cơ quan"))
    until = models.DateField(_("mở đến hết ngày"))
    reason = models.TextField(_("lý do mở lại"))
    created_by = models.ForeignKey("agencies.User", on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("người mở"))
    created_at = models.DateTimeField(_("thời điểm mở"), auto_now_add=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("mở lại kỳ báo cáo")
        verbose_name_plural = _("mở lại kỳ báo cáo")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="reopening_has_reason"),
        ]
        indexes = [models.Index(fields=["period", "agency"], name="reopening_period_agency")]

    def __str__(self):
        return f"{self.period} · {self.agency} → {self.until:%d/%m/%Y}"


class ReviewStatus(models.TextChoices):
    """Per line of a submission: only approved lines count in official figures."""

    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")


class ReviewedLine(models.Model):
    """What every line of a submission has: "nothing to report" and the reviewer's verdict."""

    not_applicable = models.BooleanField(_("không phát sinh"), default=False)
    review_status = models.CharField(_("duyệt"), max_length=10, choices=ReviewStatus.choices,
                                     default=ReviewStatus.PENDING)
    review_note = models.TextField(_("lý do trả lại"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Submission(models.Model):
    """One agency's report for one period: the page a reporter fills instead of an Excel file."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang nhập")
        SUBMITTED = "submitted", _("Đã gửi")
        RETURNED = "returned", _("Bị trả lại")
        APPROVED = "approved", _("Đã duyệt")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="submissions",
                               verbose_name=_("cơ quan"))
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT,
                               related_name="submissions", verbose_name=_("kỳ báo cáo"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    submitted_by = models.ForeignKey("agencies.User", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    reviewed_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)
    reviewed_by = models.ForeignKey("agencies.User", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)
    version = models.PositiveIntegerField(
        _("phiên bản"), default=0,
        help_text=_("Tăng mỗi lần lưu: lần lưu dựa trên phiên bản cũ bị từ chối."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "agency"]
        verbose_name = _("báo cáo định kỳ của cơ quan")
        verbose_name_plural = _("báo cáo định kỳ của cơ quan")
        constraints = [
            models.UniqueConstraint(fields=["agency", "period"],
                                    name="submission_unique_agency_period"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="submission_sent_has_date",
            ),
        ]
        indexes = [models.Index(fields=["period", "status"], name="submission_period_status")]

    def __str__(self):
        return f"{self.agency} · {self.period}"

    @property
    def is_editable_by_agency(self):
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class EvidenceFile(models.Model):
    """An uploaded evidence file (tài liệu kiểm chứng). Stored as year/month/uuid outside the
    web root; the user's file name is kept here, sanitised, for display and download."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="evidence_files",
                               verbose_name=_("cơ quan"))
    file = models.FileField(_("tệp"), storage=evidence_storage, upload_to=evidence_upload_to,
                            max_length=200)
    name = models.CharField(_("tên tệp"), max_length=160)
    kind = models.CharField(_("loại"), max_length=5,
                            choices=[(k, v) for k, v in EVIDENCE_LABELS.items()])
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey("agencies.User", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name=_("người tải lên"))
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")

    def __str__(self):
        return self.name


class TaskUpdate(ReviewedLine):
    """An agency's progress on one task in one period, with the evidence of completion."""

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa triển khai")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE,
                                   related_name="task_updates")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="updates")
    progress = models.CharField(_("tình hình"), max_length=12, choices=Progress.choices,
                                default=Progress.NOT_STARTED)
    percent = models.PositiveSmallIntegerField(_("% hoàn thành"), default=0)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    evidence_number = models.CharField(_("số, ký hiệu văn bản"), max_length=60, blank=True)
    evidence_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    evidence_file = models.ForeignKey(EvidenceFile, on_delete=models.PROTECT, null=True,
                                      blank=True, related_name="task_updates",
                                      verbose_name=_("tệp kiểm chứng"))
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiến độ nhiệm vụ")
        verbose_name_plural = _("tiến độ nhiệm vụ")
        constraints = [
            models.UniqueConstraint(fields=["submission", "task"],
                                    name="task_update_unique_line"),
            models.CheckConstraint(condition=Q(percent__lte=100), name="task_update_percent_max"),
            models.CheckConstraint(
                condition=~Q(progress="done") | Q(completed_on__isnull=False),
                name="task_update_done_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.task.code} · {self.get_progress_display()}"


class TaskExtension(models.Model):
    """A lead agency's one request to move a task's deadline, and the reviewer's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã chấp thuận")
        REFUSED = "refused", _("Không chấp thuận")

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="extension",
                                verbose_name=_("nhiệm vụ"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="task_extensions",
                               verbose_name=_("cơ quan đề nghị"))
    original_due_date = models.DateField(_("hạn ban đầu"))
    requested_due_date = models.DateField(_("hạn đề nghị"))
    reason = models.TextField(_("lý do"))
    requested_by = models.ForeignKey("agencies.User", on_delete=models.SET_NULL, null=True,
                                     related_name="+", verbose_name=_("người đề nghị"))
    requested_at = models.DateTimeField(_("thời điểm đề nghị"), auto_now_add=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    decided_by = models.ForeignKey("agencies.User", on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("người quyết định"))
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến của Sở Nội vụ"), blank=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="task_extension_has_reason"),
            models.CheckConstraint(
                condition=Q(requested_due_date__gt=models.F("original_due_date")),
                name="task_extension_later_date",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False),
                name="task_extension_decided_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.task.code}: {self.original_due_date:%d/%m/%Y} → {self.requested_due_date:%d/%m/%Y}"
