"""The per-period reporting cycle's records: an agency's report for a period (submission), its
lines (target results and task updates, each reviewed), the evidence files behind them, a
period reopened for one agency, and a task's deadline extension. They moved here from plans/
and targets/ (issue 20) keeping their tables; their history tables keep their names too."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from plans.models import ReportingPeriod, Task
from targets.models import Target

from ..evidence import LABELS as EVIDENCE_LABELS
from ..evidence import evidence_storage, evidence_upload_to


class PeriodReopening(models.Model):
    """The reviewer reopens a locked period for one agency, with a reason, until a date.
    Rows are kept: the latest one in force decides."""

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="reopenings", verbose_name=_("kỳ báo cáo")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="reopenings", verbose_name=_("cơ quan")
    )
    until = models.DateField(_("mở đến hết ngày"))
    reason = models.TextField(_("lý do mở lại"))
    created_by = models.ForeignKey(
        "agencies.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người mở"),
    )
    created_at = models.DateTimeField(_("thời điểm mở"), auto_now_add=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        db_table = "plans_periodreopening"  # kept from before the move (issue 20)
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
    review_status = models.CharField(
        _("duyệt"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    review_note = models.TextField(_("lý do trả lại"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Submission(models.Model):
    """One agency's report for one period: the page a reporter fills instead of an Excel file."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang nhập")
        #: sent by the reporter to the agency's head, where the province asks the head to approve
        #: before the Sở Nội vụ receives it (``Agency.head_approval_required``); not sent yet
        AWAITING_HEAD = "to_head", _("Chờ thủ trưởng duyệt")
        SUBMITTED = "submitted", _("Đã gửi")
        RETURNED = "returned", _("Bị trả lại")
        APPROVED = "approved", _("Đã duyệt")

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("cơ quan")
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("kỳ báo cáo")
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(
        _("gửi lần đầu lúc"),
        null=True,
        blank=True,
        help_text=_(
            "Lần gửi đầu tiên, không bao giờ ghi đè: đúng hạn hay muộn tính theo lần gửi này "
            "(bị trả lại rồi gửi lại vẫn giữ)."
        ),
    )
    submitted_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(
        _("Sở Nội vụ mở lúc"),
        null=True,
        blank=True,
        help_text=_(
            "Lần đầu Sở Nội vụ mở báo cáo đang chờ duyệt; từ đó cơ quan không rút lại được. "
            "Mỗi lần gửi lại thì xóa."
        ),
    )
    head_from_status = models.CharField(
        _("trạng thái trước khi trình thủ trưởng"),
        max_length=10,
        blank=True,
        help_text=_(
            "Đang nhập hoặc bị trả lại: thủ trưởng trả lại hoặc cơ quan rút lại thì báo cáo về "
            "đúng trạng thái này."
        ),
    )
    head_return_reason = models.TextField(_("lý do thủ trưởng trả lại"), blank=True)
    reviewed_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)
    version = models.PositiveIntegerField(
        _("phiên bản"),
        default=0,
        help_text=_("Tăng mỗi lần lưu: lần lưu dựa trên phiên bản cũ bị từ chối."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(table_name="plans_historicalsubmission")

    class Meta:
        db_table = "plans_submission"  # kept from before the move (issue 20)
        ordering = ["period", "agency"]
        verbose_name = _("báo cáo định kỳ của cơ quan")
        verbose_name_plural = _("báo cáo định kỳ của cơ quan")
        constraints = [
            models.UniqueConstraint(fields=["agency", "period"], name="submission_unique_agency_period"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "to_head"]) | Q(submitted_at__isnull=False),
                name="submission_sent_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="to_head") | Q(head_from_status__in=["draft", "returned"]),
                name="submission_awaiting_head_knows_where_from",
            ),
            models.CheckConstraint(
                condition=Q(first_submitted_at__isnull=True)
                | Q(submitted_at__isnull=True)
                | Q(first_submitted_at__lte=models.F("submitted_at")),
                name="submission_first_sending_not_after_latest",
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

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="evidence_files", verbose_name=_("cơ quan")
    )
    file = models.FileField(_("tệp"), storage=evidence_storage, upload_to=evidence_upload_to, max_length=200)
    name = models.CharField(_("tên tệp"), max_length=160)
    kind = models.CharField(_("loại"), max_length=5, choices=[(k, v) for k, v in EVIDENCE_LABELS.items()])
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        "agencies.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        db_table = "plans_evidencefile"  # kept from before the move (issue 20)
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

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="task_updates")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="updates")
    progress = models.CharField(
        _("tình hình"), max_length=12, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(_("% hoàn thành"), default=0)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    evidence_number = models.CharField(_("số, ký hiệu văn bản"), max_length=60, blank=True)
    evidence_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    evidence_file = models.ForeignKey(
        EvidenceFile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="task_updates",
        verbose_name=_("tệp kiểm chứng"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords(table_name="plans_historicaltaskupdate")

    class Meta:
        db_table = "plans_taskupdate"  # kept from before the move (issue 20)
        verbose_name = _("tiến độ nhiệm vụ")
        verbose_name_plural = _("tiến độ nhiệm vụ")
        constraints = [
            models.UniqueConstraint(fields=["submission", "task"], name="task_update_unique_line"),
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

    task = models.OneToOneField(
        Task, on_delete=models.CASCADE, related_name="extension", verbose_name=_("nhiệm vụ")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="task_extensions", verbose_name=_("cơ quan đề nghị")
    )
    original_due_date = models.DateField(_("hạn ban đầu"))
    requested_due_date = models.DateField(_("hạn đề nghị"))
    reason = models.TextField(_("lý do"))
    requested_by = models.ForeignKey(
        "agencies.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người đề nghị"),
    )
    requested_at = models.DateTimeField(_("thời điểm đề nghị"), auto_now_add=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        "agencies.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người quyết định"),
    )
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến của Sở Nội vụ"), blank=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        db_table = "plans_taskextension"  # kept from before the move (issue 20)
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


class TargetResult(ReviewedLine):
    """What one agency reports for one target in one period. A rate is kept as numerator and
    denominator so that province figures are Σ numerators / Σ denominators."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="target_results")
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="results")
    numerator = models.DecimalField(_("tử số"), max_digits=16, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(_("mẫu số"), max_digits=16, decimal_places=4, null=True, blank=True)
    value = models.DecimalField(_("giá trị"), max_digits=16, decimal_places=4, null=True, blank=True)
    done = models.BooleanField(_("đã hoàn thành"), null=True, blank=True)
    transactions = models.PositiveIntegerField(
        _("số lượt, hồ sơ"),
        null=True,
        blank=True,
        help_text=_(
            "Với thời gian bình quân (phút/lượt, ngày): số lượt giao dịch hoặc hồ sơ mà con số "
            "đó tính trên; không bắt buộc. Khi mọi cơ quan đều ghi, số toàn tỉnh là bình quân "
            "gia quyền theo số lượt."
        ),
    )
    not_applicable_reason = models.CharField(_("lý do không phát sinh"), max_length=255, blank=True)
    comment = models.TextField(_("thuyết minh"), blank=True)
    # Where the figure came from (issue 24): typed by the agency, or proposed from the one-stop
    # system's imported figures and confirmed as it was, or corrected with a reason.
    source = models.CharField(
        _("nguồn số liệu"),
        max_length=12,
        choices=[
            ("", _("Cơ quan nhập")),
            ("onestop", _("Hệ thống một cửa, cơ quan xác nhận")),
            ("corrected", _("Hệ thống một cửa, cơ quan sửa")),
        ],
        default="",
        blank=True,
    )
    source_label = models.CharField(
        _("số liệu đề xuất từ"),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ: Hệ thống một cửa, nhập ngày 05/04/2023."),
    )
    correction_reason = models.CharField(_("lý do sửa số liệu đề xuất"), max_length=500, blank=True)
    history = HistoricalRecords(table_name="targets_historicaltargetresult")

    class Meta:
        db_table = "targets_targetresult"  # kept from before the move (issue 20)
        verbose_name = _("kết quả chỉ tiêu")
        verbose_name_plural = _("kết quả chỉ tiêu")
        constraints = [
            models.UniqueConstraint(fields=["submission", "target"], name="target_result_unique_line"),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="target_result_denominator_positive",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True)
                | Q(denominator__isnull=True)
                | Q(numerator__lte=models.F("denominator")),
                name="target_result_numerator_not_above_denominator",
            ),
            models.CheckConstraint(
                condition=(Q(numerator__isnull=True) | Q(numerator__gte=0))
                & (Q(value__isnull=True) | Q(value__gte=0)),
                name="target_result_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(source="corrected") | ~Q(correction_reason=""),
                name="target_result_correction_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["target", "review_status"], name="target_result_target_status")]

    def __str__(self):
        return f"{self.target.code} · {self.submission}"
