"""Report documents (the province's and an agency's own), their versions and their PDFs. The
stored progress they are written from lives in ``reporting.models``."""

from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def storages_reports():
    """Report PDFs live apart from public media (served only through an access check)."""
    return storages["reports"]


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

    period = models.ForeignKey(
        "plans.ReportingPeriod",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("kỳ báo cáo"),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("cơ quan báo cáo"),
        help_text=_("Để trống: báo cáo của UBND tỉnh."),
    )
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT)
    number = models.CharField(_("số văn bản"), max_length=20, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    # What the number is unique within, written when the report is issued (a constraint cannot
    # reach the plan's issuer through a join): the issuing body, the symbol printed after the
    # number ("BC-UBND") and the year of the issue date.
    issuer = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan ban hành"),
    )
    series = models.CharField(_("ký hiệu văn bản"), max_length=40, blank=True)
    issued_year = models.PositiveSmallIntegerField(_("năm ban hành"), null=True, blank=True)
    texts = models.JSONField(_("nội dung các phần đã sửa"), default=dict, blank=True)
    texts_changed_at = models.DateTimeField(null=True, blank=True)
    data = models.JSONField(_("số liệu của báo cáo"), null=True, blank=True)
    data_taken_at = models.DateTimeField(_("lấy số liệu lúc"), null=True, blank=True)
    automatic = models.BooleanField(_("tạo tự động"), default=False)

    render_status = models.CharField(
        _("tình trạng tạo tệp"), max_length=10, choices=Render.choices, default=Render.NONE
    )
    render_progress = models.PositiveSmallIntegerField(_("tiến độ tạo tệp (%)"), default=0)
    render_error = models.TextField(_("lý do lỗi"), blank=True)
    render_attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    render_requested_at = models.DateTimeField(null=True, blank=True)
    render_started_at = models.DateTimeField(null=True, blank=True)
    render_finished_at = models.DateTimeField(null=True, blank=True)
    render_ms = models.PositiveIntegerField(_("thời gian tạo (ms)"), default=0)
    file = models.FileField(_("tệp PDF"), storage=storages_reports, blank=True)

    created_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["period", "agency", "-version"]
        constraints = [
            # one numbering of versions per document (the province's has no agency)
            models.UniqueConstraint(
                fields=["period", "version"], condition=Q(agency=None), name="report_province_version_unique"
            ),
            models.UniqueConstraint(
                fields=["period", "agency", "version"],
                condition=Q(agency__isnull=False),
                name="report_agency_version_unique",
            ),
            # at most one draft of a document at a time
            models.UniqueConstraint(
                fields=["period"], condition=Q(agency=None, state="draft"), name="report_province_one_draft"
            ),
            models.UniqueConstraint(
                fields=["period", "agency"],
                condition=Q(agency__isnull=False, state="draft"),
                name="report_agency_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(issued_on__isnull=False), name="report_issued_has_date"
            ),
            # one number per issuer, symbol and year: "101/BC-UBND" of 2023 names one report,
            # even when two reviewers issue two drafts with it at the same moment
            models.UniqueConstraint(
                fields=["issuer", "series", "issued_year", "number"],
                condition=Q(state="issued"),
                name="report_issued_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(state="draft")
                | (Q(issuer__isnull=False, issued_year__isnull=False) & ~Q(series="") & ~Q(number="")),
                name="report_issued_has_reference",
            ),
            models.CheckConstraint(
                condition=Q(render_progress__lte=100), name="report_render_progress_percent"
            ),
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
