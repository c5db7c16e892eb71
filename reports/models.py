"""Stored progress: snapshot tables written by the recompute job (``reports.progress``) so that
pages and PDF reports read figures without recomputing them. Each (period) is replaced as a
whole in one transaction; a row says when it was computed and from what."""

from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plans.rules import TaskStatus
from targets.progress import Status


def storages_reports():
    """Report PDFs live apart from public media (served only through an access check)."""
    return storages["reports"]


class ProgressRun(models.Model):
    """The last computation of a period's progress: when, and from what."""

    period = models.OneToOneField("plans.ReportingPeriod", on_delete=models.CASCADE,
                                  related_name="progress_run", verbose_name=_("kỳ báo cáo"))
    computed_at = models.DateTimeField(_("tính lúc"))
    results_used = models.PositiveIntegerField(_("số kết quả chỉ tiêu đã duyệt được dùng"))
    updates_used = models.PositiveIntegerField(_("số cập nhật nhiệm vụ đã duyệt được dùng"))
    source_updated_at = models.DateTimeField(_("số liệu mới nhất lúc"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("thời gian tính (ms)"), default=0)
    runs = models.PositiveIntegerField(_("số lần tính"), default=0)

    class Meta:
        verbose_name = _("lần tính tiến độ")
        verbose_name_plural = _("lần tính tiến độ")

    def __str__(self):
        return f"{self.period} @ {self.computed_at:%d/%m/%Y %H:%M}"


class PendingRecompute(models.Model):
    """A recompute of a period (and of the later periods of its plan) asked for and not done yet.
    It is written in the transaction of the change that asks for it, so a broker or a worker that
    is down loses nothing: the job removes it once it has run, the beat job
    (``reports.tasks.pending_jobs_dispatch``) sends again what is left, and the dashboards say
    their figures may be stale while one waits (``reports.jobs``)."""

    period = models.OneToOneField("plans.ReportingPeriod", on_delete=models.CASCADE,
                                  related_name="pending_recompute", verbose_name=_("kỳ báo cáo"))
    first_requested_at = models.DateTimeField(_("yêu cầu đầu tiên lúc"))
    requested_at = models.DateTimeField(_("yêu cầu gần nhất lúc"))

    class Meta:
        verbose_name = _("yêu cầu tính lại tiến độ")
        verbose_name_plural = _("yêu cầu tính lại tiến độ")

    def __str__(self):
        return f"{self.period_id} @ {self.first_requested_at:%d/%m/%Y %H:%M}"


class TargetProgress(models.Model):
    """A target's figure in a period: for the province (scope "province"), for one level
    ("level:xa") or for one agency ("agency:<id>"). ``value`` is year-to-date for counts and
    rates (6 tháng + Quý III at Quý III)."""

    period = models.ForeignKey("plans.ReportingPeriod", on_delete=models.CASCADE,
                               related_name="target_progress")
    target = models.ForeignKey("targets.Target", on_delete=models.CASCADE,
                               related_name="progress")
    scope = models.CharField(max_length=40)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, null=True,
                               blank=True, related_name="+")
    level = models.ForeignKey("agencies.AdministrativeLevel", on_delete=models.CASCADE,
                              null=True, blank=True, related_name="+")
    numerator = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    goal = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    progress = models.DecimalField(max_digits=12, decimal_places=6, null=True, blank=True)
    met = models.BooleanField(null=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    expected = models.DecimalField(max_digits=7, decimal_places=6)
    reported = models.PositiveIntegerField(default=0)
    missing = models.PositiveIntegerField(default=0)
    formula = models.CharField(max_length=255, blank=True)
    reason = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("tiến độ chỉ tiêu")
        verbose_name_plural = _("tiến độ chỉ tiêu")
        constraints = [models.UniqueConstraint(fields=["period", "target", "scope"],
                                               name="target_progress_unique_scope")]
        indexes = [models.Index(fields=["period", "scope"], name="target_progress_period_scope")]

    def __str__(self):
        return f"{self.target_id} · {self.scope} · {self.status}"


class TaskProgress(models.Model):
    """A task's derived status at the end of a period's window (lead agencies' approved
    updates; a recurring task judged within the period)."""

    period = models.ForeignKey("plans.ReportingPeriod", on_delete=models.CASCADE,
                               related_name="task_progress")
    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(max_length=12)
    due = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    leads = models.PositiveSmallIntegerField(default=0)
    leads_done = models.PositiveSmallIntegerField(default=0)
    percent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("tiến độ nhiệm vụ")
        verbose_name_plural = _("tiến độ nhiệm vụ")
        constraints = [models.UniqueConstraint(fields=["period", "task"],
                                               name="task_progress_unique")]

    def __str__(self):
        return f"{self.task_id} · {self.status}"


class RollupProgress(models.Model):
    """Counts for the plan (scope "plan"), an area ("area:<id>", "general" for plan-wide
    goals) in a period. ``progress_mean`` is the mean of the clamped progress of the
    non-stretch targets with data."""

    period = models.ForeignKey("plans.ReportingPeriod", on_delete=models.CASCADE,
                               related_name="rollups")
    scope = models.CharField(max_length=40)
    plan_area = models.ForeignKey("plans.PlanArea", on_delete=models.CASCADE, null=True,
                                  blank=True, related_name="+")
    targets = models.PositiveIntegerField(default=0)
    met = models.PositiveIntegerField(default=0)
    on_track = models.PositiveIntegerField(default=0)
    at_risk = models.PositiveIntegerField(default=0)
    off_track = models.PositiveIntegerField(default=0)
    no_data = models.PositiveIntegerField(default=0)
    stretch = models.PositiveIntegerField(default=0)
    progress_mean = models.DecimalField(max_digits=7, decimal_places=6, null=True, blank=True)
    tasks = models.PositiveIntegerField(default=0)
    tasks_done_on_time = models.PositiveIntegerField(default=0)
    tasks_done_late = models.PositiveIntegerField(default=0)
    tasks_overdue = models.PositiveIntegerField(default=0)
    tasks_in_progress = models.PositiveIntegerField(default=0)
    tasks_not_due = models.PositiveIntegerField(default=0)
    agencies = models.PositiveIntegerField(default=0)
    agencies_submitted = models.PositiveIntegerField(default=0)
    agencies_on_time = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tổng hợp tiến độ")
        verbose_name_plural = _("tổng hợp tiến độ")
        constraints = [models.UniqueConstraint(fields=["period", "scope"],
                                               name="rollup_unique_scope")]

    def __str__(self):
        return f"{self.period_id} · {self.scope}"

    @property
    def target_counts(self) -> dict[str, int]:
        """Targets by status: {"met": 3, "on_track": 1, …}."""
        return {status: getattr(self, status) for status in Status.values}

    @property
    def task_counts(self) -> dict[str, int]:
        """Tasks by derived status: {"done_on_time": 5, "overdue": 1, …}."""
        return {status: getattr(self, f"tasks_{status}") for status in TaskStatus.LABELS}


class AgencyProgress(models.Model):
    """One agency in a period: reporting on time, tasks it leads, targets it met."""

    period = models.ForeignKey("plans.ReportingPeriod", on_delete=models.CASCADE,
                               related_name="agency_progress")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    submission_status = models.CharField(max_length=10)   # missing / draft / submitted / …
    submitted_on_time = models.BooleanField(null=True)
    targets = models.PositiveIntegerField(default=0)
    targets_met = models.PositiveIntegerField(default=0)
    targets_no_data = models.PositiveIntegerField(default=0)
    tasks = models.PositiveIntegerField(default=0)
    tasks_done_on_time = models.PositiveIntegerField(default=0)
    tasks_overdue = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tiến độ của cơ quan")
        verbose_name_plural = _("tiến độ của cơ quan")
        constraints = [models.UniqueConstraint(fields=["period", "agency"],
                                               name="agency_progress_unique")]

    def __str__(self):
        return f"{self.period_id} · {self.agency_id}"


class Report(models.Model):
    """A report document for a period: the province's (``agency`` empty, issued by the plan's
    issuer) or an agency's own to the Sở Nội vụ. A draft takes the latest figures each time it
    is rendered; issuing freezes it: ``data`` (the snapshot of ``reports.documents``), the
    texts and the PDF stay as they were, and a later change makes a new version."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã phát hành")

    class Render(models.TextChoices):
        NONE = "none", _("Chưa tạo")
        QUEUED = "queued", _("Đang chờ tạo")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Đã tạo")
        FAILED = "failed", _("Tạo không thành công")

    period = models.ForeignKey("plans.ReportingPeriod", on_delete=models.PROTECT,
                               related_name="reports", verbose_name=_("kỳ báo cáo"))
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="reports",
                               verbose_name=_("cơ quan báo cáo"),
                               help_text=_("Để trống: báo cáo của UBND tỉnh."))
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices,
                             default=State.DRAFT)
    number = models.CharField(_("số văn bản"), max_length=20, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    # What the number is unique within, written when the report is issued (a constraint cannot
    # reach the plan's issuer through a join): the issuing body, the symbol printed after the
    # number ("BC-UBND") and the year of the issue date.
    issuer = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+", verbose_name=_("cơ quan ban hành"))
    series = models.CharField(_("ký hiệu văn bản"), max_length=40, blank=True)
    issued_year = models.PositiveSmallIntegerField(_("năm ban hành"), null=True, blank=True)
    texts = models.JSONField(_("nội dung các phần đã sửa"), default=dict, blank=True)
    texts_changed_at = models.DateTimeField(null=True, blank=True)
    data = models.JSONField(_("số liệu của báo cáo"), null=True, blank=True)
    data_taken_at = models.DateTimeField(_("lấy số liệu lúc"), null=True, blank=True)
    automatic = models.BooleanField(_("tạo tự động"), default=False)

    render_status = models.CharField(_("tình trạng tạo tệp"), max_length=10,
                                     choices=Render.choices, default=Render.NONE)
    render_progress = models.PositiveSmallIntegerField(_("tiến độ tạo tệp (%)"), default=0)
    render_error = models.TextField(_("lý do lỗi"), blank=True)
    render_attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    render_requested_at = models.DateTimeField(null=True, blank=True)
    render_started_at = models.DateTimeField(null=True, blank=True)
    render_finished_at = models.DateTimeField(null=True, blank=True)
    render_ms = models.PositiveIntegerField(_("thời gian tạo (ms)"), default=0)
    file = models.FileField(_("tệp PDF"), storage=storages_reports, blank=True)

    created_by = models.ForeignKey("agencies.User", on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey("agencies.User", on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+")
    issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["period", "agency", "-version"]
        constraints = [
            # one numbering of versions per document (the province's has no agency)
            models.UniqueConstraint(fields=["period", "version"], condition=Q(agency=None),
                                    name="report_province_version_unique"),
            models.UniqueConstraint(fields=["period", "agency", "version"],
                                    condition=Q(agency__isnull=False),
                                    name="report_agency_version_unique"),
            # at most one draft of a document at a time
            models.UniqueConstraint(fields=["period"], condition=Q(agency=None, state="draft"),
                                    name="report_province_one_draft"),
            models.UniqueConstraint(fields=["period", "agency"],
                                    condition=Q(agency__isnull=False, state="draft"),
                                    name="report_agency_one_draft"),
            models.CheckConstraint(condition=Q(state="draft") | Q(issued_on__isnull=False),
                                   name="report_issued_has_date"),
            # one number per issuer, symbol and year: "101/BC-UBND" of 2023 names one report,
            # even when two reviewers issue two drafts with it at the same moment
            models.UniqueConstraint(fields=["issuer", "series", "issued_year", "number"],
                                    condition=Q(state="issued"),
                                    name="report_issued_number_unique"),
            models.CheckConstraint(
                condition=Q(state="draft") | (Q(issuer__isnull=False, issued_year__isnull=False)
                                              & ~Q(series="") & ~Q(number="")),
                name="report_issued_has_reference"),
            models.CheckConstraint(condition=Q(render_progress__lte=100),
                                   name="report_render_progress_percent"),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def is_province(self) -> bool:
        return self.agency_id is None

    @property
    def title(self) -> str:
        who = self.agency.name if self.agency_id else _("UBND tỉnh")
        return f"{_('Báo cáo')} {self.period.title} — {who}"

    @property
    def is_busy(self) -> bool:
        return self.render_status in (self.Render.QUEUED, self.Render.RUNNING)

    @property
    def symbol(self) -> str:
        """What follows "BC-" in the number: as issued, or the issuer's today for a draft."""
        if self.series:
            return self.series.removeprefix("BC-")
        issuer = self.agency if self.agency_id else self.period.plan.issuer
        return issuer.symbol or "UBND"
