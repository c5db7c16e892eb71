"""Stored progress: snapshot tables written by the recompute job (``reporting.progress``) so that
pages and PDF reports read figures without recomputing them. Each (period) is replaced as a
whole in one transaction; a row says when it was computed and from what. They moved here from
reports/ (issue 20) keeping their tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.rules import TaskStatus
from targets.progress import Status


class ProgressRun(models.Model):
    """The last computation of a period's progress: when, and from what."""

    period = models.OneToOneField(
        "plans.ReportingPeriod",
        on_delete=models.CASCADE,
        related_name="progress_run",
        verbose_name=_("kỳ báo cáo"),
    )
    computed_at = models.DateTimeField(_("tính lúc"))
    results_used = models.PositiveIntegerField(_("số kết quả chỉ tiêu đã duyệt được dùng"))
    updates_used = models.PositiveIntegerField(_("số cập nhật nhiệm vụ đã duyệt được dùng"))
    source_updated_at = models.DateTimeField(_("số liệu mới nhất lúc"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("thời gian tính (ms)"), default=0)
    runs = models.PositiveIntegerField(_("số lần tính"), default=0)

    class Meta:
        db_table = "reports_progressrun"  # kept from before the move (issue 20)
        verbose_name = _("lần tính tiến độ")
        verbose_name_plural = _("lần tính tiến độ")

    def __str__(self):
        return f"{self.period} @ {self.computed_at:%d/%m/%Y %H:%M}"


#: a ``TargetDrillRows`` row's values, in this order (``TargetProgress``'s fields)
TARGET_DRILL_FIELDS = (
    "scope",
    "agency_id",
    "level_id",
    "value",
    "goal",
    "progress",
    "met",
    "status",
    "reported",
    "missing",
    "not_applicable",
    "formula",
    "reason",
)
#: the decimal fields among them, stored as exact strings ("95.0000")
DRILL_DECIMALS = ("value", "goal", "progress")


class TargetDrillRows(models.Model):
    """A target's figures of one run (its ``ProgressRun``), as its drill-down reads them: every
    scope's row of the period (the province's, each level's, each agency's) as plain values
    (``TARGET_DRILL_FIELDS``: numbers as exact decimal strings, ids, judgement
    codes; never a formatted figure, which depends on the reader's language). Written by the
    recompute in the transaction of the rows it copies, so the page reads its figures in one
    query and no model object of them (issue 26); a run before these existed has none, and the
    page then reads ``TargetProgress``."""

    run = models.ForeignKey(ProgressRun, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey("targets.Target", on_delete=models.CASCADE, related_name="+")
    rows = models.JSONField(default=list)

    class Meta:
        verbose_name = _("số liệu chỉ tiêu theo cơ quan đã tính sẵn")
        verbose_name_plural = _("số liệu chỉ tiêu theo cơ quan đã tính sẵn")
        constraints = [models.UniqueConstraint(fields=["run", "target"], name="target_drill_rows_unique")]

    def __str__(self):
        return f"{self.run_id} · {self.target_id}"


class AreaDrillRows(models.Model):
    """A reform area's page of one run, as plain values: its roll-up's counts, its targets'
    province figures (with which the later pages draw this period's point of the trend) and
    its tasks' status (``reports.dashboards.area_view``). Written with the run's rows, as
    ``TargetDrillRows``."""

    run = models.ForeignKey(ProgressRun, on_delete=models.CASCADE, related_name="+")
    plan_area = models.ForeignKey("plans.PlanArea", on_delete=models.CASCADE, related_name="+")
    rows = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("số liệu lĩnh vực đã tính sẵn")
        verbose_name_plural = _("số liệu lĩnh vực đã tính sẵn")
        constraints = [models.UniqueConstraint(fields=["run", "plan_area"], name="area_drill_rows_unique")]

    def __str__(self):
        return f"{self.run_id} · {self.plan_area_id}"


class PendingRecompute(models.Model):
    """A recompute of a period (and of the later periods of its plan) asked for and not done yet.
    It is written in the transaction of the change that asks for it, so a broker or a worker that
    is down loses nothing: the job removes it once it has run, the beat job
    (``reports.tasks.pending_jobs_dispatch``) sends again what is left, and the dashboards say
    their figures may be stale while one waits (``reporting.jobs``)."""

    period = models.OneToOneField(
        "plans.ReportingPeriod",
        on_delete=models.CASCADE,
        related_name="pending_recompute",
        verbose_name=_("kỳ báo cáo"),
    )
    first_requested_at = models.DateTimeField(_("yêu cầu đầu tiên lúc"))
    requested_at = models.DateTimeField(_("yêu cầu gần nhất lúc"))

    class Meta:
        db_table = "reports_pendingrecompute"  # kept from before the move (issue 20)
        verbose_name = _("yêu cầu tính lại tiến độ")
        verbose_name_plural = _("yêu cầu tính lại tiến độ")

    def __str__(self):
        return f"{self.period_id} @ {self.first_requested_at:%d/%m/%Y %H:%M}"


class TargetProgress(models.Model):
    """A target's figure in a period: for the province (scope "province"), for one level
    ("level:xa") or for one agency ("agency:<id>"). ``value`` is year-to-date for counts and
    rates (6 tháng + Quý III at Quý III)."""

    period = models.ForeignKey(
        "plans.ReportingPeriod", on_delete=models.CASCADE, related_name="target_progress"
    )
    target = models.ForeignKey("targets.Target", on_delete=models.CASCADE, related_name="progress")
    scope = models.CharField(max_length=40)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    level = models.ForeignKey(
        "agencies.AdministrativeLevel", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    numerator = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    goal = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    progress = models.DecimalField(max_digits=12, decimal_places=6, null=True, blank=True)
    met = models.BooleanField(null=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    expected = models.DecimalField(max_digits=7, decimal_places=6)
    reported = models.PositiveIntegerField(default=0)  # "không phát sinh" included: a valid answer
    missing = models.PositiveIntegerField(default=0)
    not_applicable = models.PositiveIntegerField(default=0)  # of ``reported``: "không phát sinh"
    formula = models.CharField(max_length=255, blank=True)
    reason = models.CharField(max_length=255, blank=True)

    class Meta:
        db_table = "reports_targetprogress"  # kept from before the move (issue 20)
        verbose_name = _("tiến độ chỉ tiêu")
        verbose_name_plural = _("tiến độ chỉ tiêu")
        constraints = [
            models.UniqueConstraint(fields=["period", "target", "scope"], name="target_progress_unique_scope")
        ]
        indexes = [models.Index(fields=["period", "scope"], name="target_progress_period_scope")]

    def __str__(self):
        return f"{self.target_id} · {self.scope} · {self.status}"


class TaskProgress(models.Model):
    """A task's derived status at a period's data cut-off (lead agencies' approved updates; a
    recurring task judged within the period; a parent from its sub-items). ``due``: the date it
    was judged against (a recurring task: the period's deadline). Sub-items are stored too, and
    counted only through their parent."""

    period = models.ForeignKey(
        "plans.ReportingPeriod", on_delete=models.CASCADE, related_name="task_progress"
    )
    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(max_length=16)
    due = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    leads = models.PositiveSmallIntegerField(default=0)
    leads_done = models.PositiveSmallIntegerField(default=0)
    percent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "reports_taskprogress"  # kept from before the move (issue 20)
        verbose_name = _("tiến độ nhiệm vụ")
        verbose_name_plural = _("tiến độ nhiệm vụ")
        constraints = [models.UniqueConstraint(fields=["period", "task"], name="task_progress_unique")]

    def __str__(self):
        return f"{self.task_id} · {self.status}"


#: the roll-up's column of a target status whose value is not a column name
ROLLUP_FIELD = {Status.NOT_APPLICABLE: "not_applicable"}


class RollupProgress(models.Model):
    """Counts for the plan (scope "plan"), an area ("area:<id>", "general" for plan-wide
    goals) in a period. ``progress_mean`` is the mean of the clamped progress of the targets
    with data that count in it (``targets.progress.counts_in_mean``: no stretch target, no
    milestone before its date). Tasks are counted once: a sub-item only through its parent."""

    period = models.ForeignKey("plans.ReportingPeriod", on_delete=models.CASCADE, related_name="rollups")
    scope = models.CharField(max_length=40)
    plan_area = models.ForeignKey(
        "plans.PlanArea", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    targets = models.PositiveIntegerField(default=0)
    met = models.PositiveIntegerField(default=0)
    on_track = models.PositiveIntegerField(default=0)
    at_risk = models.PositiveIntegerField(default=0)
    off_track = models.PositiveIntegerField(default=0)
    no_data = models.PositiveIntegerField(default=0)
    not_met = models.PositiveIntegerField(default=0)
    no_basis = models.PositiveIntegerField(default=0)
    not_applicable = models.PositiveIntegerField(default=0)
    stretch = models.PositiveIntegerField(default=0)
    progress_mean = models.DecimalField(max_digits=7, decimal_places=6, null=True, blank=True)
    tasks = models.PositiveIntegerField(default=0)
    tasks_done_on_time = models.PositiveIntegerField(default=0)
    tasks_done_late = models.PositiveIntegerField(default=0)
    tasks_overdue = models.PositiveIntegerField(default=0)
    tasks_in_progress = models.PositiveIntegerField(default=0)
    tasks_not_due = models.PositiveIntegerField(default=0)
    tasks_performed = models.PositiveIntegerField(default=0)
    tasks_not_performed = models.PositiveIntegerField(default=0)
    tasks_unreported = models.PositiveIntegerField(default=0)
    agencies = models.PositiveIntegerField(default=0)
    agencies_submitted = models.PositiveIntegerField(default=0)
    agencies_on_time = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "reports_rollupprogress"  # kept from before the move (issue 20)
        verbose_name = _("tổng hợp tiến độ")
        verbose_name_plural = _("tổng hợp tiến độ")
        constraints = [models.UniqueConstraint(fields=["period", "scope"], name="rollup_unique_scope")]

    def __str__(self):
        return f"{self.period_id} · {self.scope}"

    @property
    def target_counts(self) -> dict[str, int]:
        """Targets by status: {"met": 3, "on_track": 1, …}."""
        return {status: getattr(self, ROLLUP_FIELD.get(status, status)) for status in Status.values}

    @property
    def task_counts(self) -> dict[str, int]:
        """Tasks by derived status: {"done_on_time": 5, "overdue": 1, …}."""
        return {status: getattr(self, f"tasks_{status}") for status in TaskStatus.LABELS}


class AgencyProgress(models.Model):
    """One agency in a period: reporting on time (by its first sending), tasks it leads, targets
    it met. ``targets`` are those it is judged on: no stretch target, no "không phát sinh",
    none that cannot be judged for want of a baseline or a level."""

    period = models.ForeignKey(
        "plans.ReportingPeriod", on_delete=models.CASCADE, related_name="agency_progress"
    )
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    submission_status = models.CharField(max_length=10)  # missing / draft / submitted / …
    submitted_on_time = models.BooleanField(null=True)
    targets = models.PositiveIntegerField(default=0)
    targets_met = models.PositiveIntegerField(default=0)
    targets_no_data = models.PositiveIntegerField(default=0)
    tasks = models.PositiveIntegerField(default=0)
    tasks_done_on_time = models.PositiveIntegerField(default=0)
    tasks_overdue = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "reports_agencyprogress"  # kept from before the move (issue 20)
        verbose_name = _("tiến độ của cơ quan")
        verbose_name_plural = _("tiến độ của cơ quan")
        constraints = [models.UniqueConstraint(fields=["period", "agency"], name="agency_progress_unique")]

    def __str__(self):
        return f"{self.period_id} · {self.agency_id}"
