"""The year's final verdicts, frozen when the plan year is closed (``plans.models.YearClose``,
DOMAIN.md "Year close"): each target đạt / không đạt / chưa đủ căn cứ with the reason and the
figure, for the province and for each agency that reported it; each task hoàn thành đúng hạn /
hoàn thành quá hạn / không hoàn thành, for the task and for each of its lead agencies. Written
once by ``reporting.services.year_close``; a reopened year keeps them (its close says it was
reopened) and a new close writes new ones. Next year's draft and the PAR-index scoring read
them (``reporting.selectors.verdicts``)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plans.rules import TaskVerdict as TaskOutcome
from targets.progress import FINAL_STATUSES, Status


class TargetVerdict(models.Model):
    year_close = models.ForeignKey(
        "plans.YearClose",
        on_delete=models.CASCADE,
        related_name="target_verdicts",
        verbose_name=_("chốt năm"),
    )
    target = models.ForeignKey("targets.Target", on_delete=models.CASCADE, related_name="verdicts")
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Trống: kết quả toàn tỉnh."),
    )
    verdict = models.CharField(
        _("kết quả"), max_length=10, choices=[(s, Status(s).label) for s in FINAL_STATUSES]
    )
    value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    progress = models.DecimalField(max_digits=12, decimal_places=6, null=True, blank=True)
    figure = models.CharField(_("số liệu"), max_length=120, blank=True)
    reason = models.CharField(_("lý do"), max_length=255, blank=True)
    reported = models.PositiveIntegerField(default=0)
    expected = models.PositiveIntegerField(default=0)
    stretch = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("kết quả chỉ tiêu cả năm")
        verbose_name_plural = _("kết quả chỉ tiêu cả năm")
        constraints = [
            models.UniqueConstraint(
                fields=["year_close", "target"],
                condition=Q(agency__isnull=True),
                name="target_verdict_one_province",
            ),
            models.UniqueConstraint(
                fields=["year_close", "target", "agency"],
                condition=Q(agency__isnull=False),
                name="target_verdict_one_per_agency",
            ),
            models.CheckConstraint(condition=Q(verdict__in=FINAL_STATUSES), name="target_verdict_final"),
        ]

    def __str__(self):
        return f"{self.target_id} · {self.agency_id or 'province'} · {self.verdict}"


class TaskVerdict(models.Model):
    year_close = models.ForeignKey(
        "plans.YearClose", on_delete=models.CASCADE, related_name="task_verdicts", verbose_name=_("chốt năm")
    )
    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="verdicts")
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Trống: kết quả của nhiệm vụ; có: của một cơ quan chủ trì theo báo cáo của chính nó."),
    )
    verdict = models.CharField(_("kết quả"), max_length=12, choices=list(TaskOutcome.LABELS.items()))
    due = models.DateField(_("hạn"))
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    reason = models.CharField(_("lý do"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kết quả nhiệm vụ cả năm")
        verbose_name_plural = _("kết quả nhiệm vụ cả năm")
        constraints = [
            models.UniqueConstraint(
                fields=["year_close", "task"],
                condition=Q(agency__isnull=True),
                name="task_verdict_one_per_task",
            ),
            models.UniqueConstraint(
                fields=["year_close", "task", "agency"],
                condition=Q(agency__isnull=False),
                name="task_verdict_one_per_agency",
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=list(TaskOutcome.LABELS)), name="task_verdict_known"
            ),
        ]

    def __str__(self):
        return f"{self.task_id} · {self.agency_id or 'task'} · {self.verdict}"
