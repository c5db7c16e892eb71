"""PAR-index scoring: criteria sets by year, the year's round for a province, each unit's
assessment and its leaves' scores, the council, explanations, files, and the published decision.

A criteria set is kept as the UBND tỉnh issued it (a published set never changes; a new version
may). A leaf's score keeps every hand side by side: the points computed from the plan's data with
their evidence, the unit's own, the appraisal, the council's decision, the survey's; an override of
a computed value needs a reason kept beside it, and every change is in the leaf's history."""

from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .rules import Group, Level, RuleKind, State


def _files_storage():
    """Files of the scoring round live with the evidence files: outside the web root, served only
    through the access-checked download view."""
    return storages["evidence"]


def _publication_storage():
    return storages["reports"]


def scoring_upload_to(instance, filename: str) -> str:
    """Never the user's name on disk: cham-diem/year/month/uuid.ext (the name is kept in the
    row)."""
    import uuid

    from django.utils import timezone

    return f"cham-diem/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{instance.kind}"


class CriteriaSet(models.Model):
    """A "Bộ Chỉ số cải cách hành chính" of one province for one year, as its Quyết định
    issued it: its tree of lĩnh vực → tiêu chí → tiêu chí thành phần, the groups of units it
    applies to and the bands of the ranking."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        PUBLISHED = "published", _("Đã ban hành")

    province = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="criteria_sets",
        verbose_name=_("tỉnh"),
        limit_choices_to={"kind": "ubnd_tinh"},
    )
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    code = models.SlugField(_("mã bộ chỉ số"), max_length=40, help_text=_("Ví dụ: so-ban-nganh, cap-xa."))
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    title = models.CharField(_("tên bộ chỉ số"), max_length=500)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_title = models.CharField(_("trích yếu quyết định"), max_length=500, blank=True)
    applies_to = models.JSONField(
        _("nhóm đơn vị áp dụng"), default=list, help_text=_("Danh sách mã nhóm: so, xa, huyen.")
    )
    bands = models.JSONField(_("xếp loại"), default=list, blank=True)
    is_example = models.BooleanField(
        _("bộ chỉ số ví dụ"),
        default=False,
        help_text=_(
            "Không phải quyết định thật của tỉnh: dựng theo cấu trúc văn bản ghi ở nguồn, để minh họa."
        ),
    )
    source_note = models.TextField(_("nguồn, văn bản dựa theo"), blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("sao chép từ"),
    )
    published_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "code", "-version"]
        verbose_name = _("bộ chỉ số CCHC")
        verbose_name_plural = _("bộ chỉ số CCHC")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year", "code", "version"], name="criteria_set_unique_version"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="criteria_set_year_plausible"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="criteria_set_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="criteria_set_published_has_time",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="criteria_set_version_positive"),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def groups_display(self) -> str:
        labels = dict(Group.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.applies_to)


class CriteriaNode(models.Model):
    """One row of a set's table: a lĩnh vực, a tiêu chí or a tiêu chí thành phần, its code as
    printed and its maximum. A node without children is a leaf: it has a scoring rule (its kind and
    parameters, checked by ``rules.validate_rule``), what evidence is asked, and may be bound to a
    measure of the plan's data (``sources.MEASURES``)."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("thuộc"),
    )
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    code = models.CharField(_("số thứ tự"), max_length=20, help_text=_("Như in: 1, 1.1, 1.1.1."))
    title = models.TextField(_("nội dung"))
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    position = models.PositiveIntegerField(_("thứ tự"))
    reform_area = models.ForeignKey(
        "plans.ReformArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lĩnh vực CCHC chuẩn"),
    )
    rule_kind = models.CharField(_("cách chấm"), max_length=12, choices=RuleKind.choices, blank=True)
    rule_params = models.JSONField(_("tham số cách chấm"), default=dict, blank=True)
    guidance = models.TextField(_("cách chấm (như in)"), blank=True)
    evidence_asked = models.TextField(_("tài liệu kiểm chứng"), blank=True)
    measure = models.CharField(_("tính từ dữ liệu"), max_length=40, blank=True)
    measure_params = models.JSONField(_("tham số số liệu"), default=dict, blank=True)

    class Meta:
        ordering = ["criteria_set", "position"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="criteria_node_unique_code"),
            models.UniqueConstraint(
                fields=["criteria_set", "position"], name="criteria_node_unique_position"
            ),
            models.CheckConstraint(condition=Q(max_points__gte=0), name="criteria_node_points_not_negative"),
            models.CheckConstraint(condition=Q(level__in=Level.values), name="criteria_node_level_valid"),
            models.CheckConstraint(
                condition=Q(rule_kind="") | Q(rule_kind__in=RuleKind.values),
                name="criteria_node_rule_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(measure="") | ~Q(rule_kind=""), name="criteria_node_measure_needs_rule"
            ),
        ]

    def __str__(self):
        return f"{self.code}. {self.title[:80]}"


class ScoringRound(models.Model):
    """A province's scoring of one year: the windows the Sở Nội vụ sets for each step, its
    council, and when its final result was fixed."""

    province = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="scoring_rounds",
        verbose_name=_("tỉnh"),
        limit_choices_to={"kind": "ubnd_tinh"},
    )
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    title = models.CharField(_("tên đợt"), max_length=255)
    self_start = models.DateField(_("tự chấm từ ngày"), null=True, blank=True)
    self_end = models.DateField(_("tự chấm đến ngày"), null=True, blank=True)
    appraisal_start = models.DateField(_("thẩm định từ ngày"), null=True, blank=True)
    appraisal_end = models.DateField(_("thẩm định đến ngày"), null=True, blank=True)
    explanation_start = models.DateField(_("giải trình từ ngày"), null=True, blank=True)
    explanation_end = models.DateField(_("hạn giải trình"), null=True, blank=True)
    finalized_at = models.DateTimeField(_("chốt kết quả lúc"), null=True, blank=True)
    finalized_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    computed_at = models.DateTimeField(_("tính từ dữ liệu lúc"), null=True, blank=True)
    computed_ms = models.PositiveIntegerField(_("thời gian tính (ms)"), default=0)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("đợt chấm điểm")
        verbose_name_plural = _("đợt chấm điểm")
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="scoring_round_unique_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="scoring_round_year_plausible"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{step}_start__isnull": True})
                    | Q(**{f"{step}_end__isnull": True})
                    | Q(**{f"{step}_end__gte": models.F(f"{step}_start")}),
                    name=f"scoring_round_{step}_window_ordered",
                )
                for step in ("self", "appraisal", "explanation")
            ],
        ]

    def __str__(self):
        return self.title

    @property
    def is_final(self) -> bool:
        return self.finalized_at is not None


class CouncilMembership(models.Model):
    """A member of the appraisal council (Hội đồng thẩm định) of a round and the units assigned
    to them: they score those units' leaves, and only those."""

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="council")
    user = models.ForeignKey(
        "agencies.User",
        on_delete=models.CASCADE,
        related_name="council_memberships",
        verbose_name=_("thành viên"),
    )
    title = models.CharField(_("chức danh trong Hội đồng"), max_length=255, blank=True)
    units = models.ManyToManyField(
        "agencies.Agency", related_name="+", blank=True, verbose_name=_("đơn vị được phân công")
    )

    class Meta:
        verbose_name = _("thành viên Hội đồng thẩm định")
        verbose_name_plural = _("thành viên Hội đồng thẩm định")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="council_membership_unique_user")
        ]

    def __str__(self):
        return f"{self.user} · {self.round}"


class Assessment(models.Model):
    """One unit's scoring in a round, on the set of its group, and where it stands."""

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="assessments")
    unit = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="assessments", verbose_name=_("đơn vị")
    )
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("bộ chỉ số")
    )
    group = models.CharField(_("nhóm"), max_length=10, choices=Group.choices)
    state = models.CharField(_("bước"), max_length=20, choices=State.choices, default=State.SELF)
    submitted_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("trình thủ trưởng lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("thủ trưởng duyệt, gửi lúc"), null=True, blank=True)
    return_note = models.TextField(_("lý do thủ trưởng trả lại"), blank=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "group", "unit__name"]
        verbose_name = _("kết quả chấm điểm của đơn vị")
        verbose_name_plural = _("kết quả chấm điểm của đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="assessment_unique_unit"),
            models.CheckConstraint(condition=Q(state__in=State.values), name="assessment_state_valid"),
            models.CheckConstraint(condition=Q(group__in=Group.values), name="assessment_group_valid"),
        ]

    def __str__(self):
        return f"{self.unit} · {self.round}"


class ScoringFile(models.Model):
    """A file a unit attached to a leaf (tài liệu kiểm chứng) or to an explanation. Checked by
    content like every evidence file (``plans.evidence.check_upload``); stored as
    cham-diem/year/month/uuid, the user's name kept here, sanitised."""

    unit = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    file = models.FileField(_("tệp"), storage=_files_storage, upload_to=scoring_upload_to, max_length=200)
    name = models.CharField(_("tên tệp"), max_length=160)
    kind = models.CharField(_("loại"), max_length=5)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("tệp kiểm chứng chấm điểm")
        verbose_name_plural = _("tệp kiểm chứng chấm điểm")

    def __str__(self):
        return self.name


class LeafScore(models.Model):
    """A unit's leaf: every hand's points side by side. Overriding the points computed from the
    data (the unit's own score, or the appraisal) needs a reason, checked by the services against
    the computed value of the moment (a later recompute may move it: the override and its reason
    stay as given); the council's decision always has one. Every change is in the history with
    who, when and why."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    node = models.ForeignKey(CriteriaNode, on_delete=models.PROTECT, related_name="+")
    computed_points = models.DecimalField(
        _("điểm tính từ dữ liệu"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    computed_evidence = models.JSONField(_("căn cứ tính điểm"), default=dict, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    self_points = models.DecimalField(
        _("điểm tự chấm"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    self_reason = models.TextField(_("lý do khác điểm tính từ dữ liệu"), blank=True)
    self_note = models.TextField(_("giải trình, thuyết minh"), blank=True)
    files = models.ManyToManyField(
        ScoringFile, blank=True, related_name="leaf_scores", verbose_name=_("tài liệu kiểm chứng")
    )
    appraised_points = models.DecimalField(
        _("điểm thẩm định"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    appraisal_comment = models.TextField(_("nhận xét thẩm định"), blank=True)
    appraised_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    appraised_at = models.DateTimeField(null=True, blank=True)
    council_points = models.DecimalField(
        _("điểm Hội đồng quyết định"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    council_reason = models.TextField(_("lý do của Hội đồng"), blank=True)
    survey_points = models.DecimalField(
        _("điểm điều tra xã hội học"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "node__position"]
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "node"], name="leaf_score_unique_node"),
            models.CheckConstraint(
                condition=(Q(self_points__isnull=True) | Q(self_points__gte=0))
                & (Q(appraised_points__isnull=True) | Q(appraised_points__gte=0))
                & (Q(council_points__isnull=True) | Q(council_points__gte=0))
                & (Q(survey_points__isnull=True) | Q(survey_points__gte=0))
                & (Q(computed_points__isnull=True) | Q(computed_points__gte=0)),
                name="leaf_score_points_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(council_points__isnull=True) | ~Q(council_reason=""),
                name="leaf_score_council_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.assessment} · {self.node.code}"


class ExplanationRequest(models.Model):
    """A leaf the council asks the unit to explain (giải trình), and the unit's answer with its
    files, by the round's deadline."""

    score = models.OneToOneField(LeafScore, on_delete=models.CASCADE, related_name="explanation")
    question = models.TextField(_("nội dung yêu cầu giải trình"))
    requested_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    due_on = models.DateField(_("hạn giải trình"), null=True, blank=True)
    answer = models.TextField(_("nội dung giải trình"), blank=True)
    files = models.ManyToManyField(
        ScoringFile, blank=True, related_name="explanations", verbose_name=_("tệp kèm theo")
    )
    answered_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("giải trình lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yêu cầu giải trình")
        verbose_name_plural = _("yêu cầu giải trình")
        constraints = [
            models.CheckConstraint(condition=~Q(question=""), name="explanation_request_has_question"),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer=""), name="explanation_answered_has_text"
            ),
        ]

    def __str__(self):
        return f"{self.score} · {self.question[:40]}"


class RecomputeRequest(models.Model):
    """A recompute of a round's bound leaves asked for and not done yet: written in the
    transaction of the change that asks for it, removed by the job once it has run; the beat job
    sends again what waits (``scoring.jobs``)."""

    round = models.OneToOneField(ScoringRound, on_delete=models.CASCADE, related_name="recompute_request")
    first_requested_at = models.DateTimeField()
    requested_at = models.DateTimeField()

    class Meta:
        verbose_name = _("yêu cầu tính lại điểm")
        verbose_name_plural = _("yêu cầu tính lại điểm")

    def __str__(self):
        return f"{self.round_id} @ {self.first_requested_at:%d/%m/%Y %H:%M}"


class Publication(models.Model):
    """The Quyết định công bố of a round's result: a draft in the NĐ30 layout with the ranking by
    group as its appendix; issuing it (number and date) freezes the ranking (``data``) and makes
    it visible to every unit of the province."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")

    class Render(models.TextChoices):
        NONE = "none", _("Chưa tạo")
        QUEUED = "queued", _("Đang chờ tạo")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Đã tạo")
        FAILED = "failed", _("Tạo không thành công")

    round = models.ForeignKey(
        ScoringRound, on_delete=models.PROTECT, related_name="publications", verbose_name=_("đợt chấm điểm")
    )
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT)
    number = models.CharField(_("số quyết định"), max_length=20, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    series = models.CharField(_("ký hiệu"), max_length=40, blank=True)
    issued_year = models.PositiveSmallIntegerField(null=True, blank=True)
    data = models.JSONField(_("kết quả công bố"), null=True, blank=True)
    data_taken_at = models.DateTimeField(null=True, blank=True)
    render_status = models.CharField(max_length=10, choices=Render.choices, default=Render.NONE)
    render_error = models.TextField(blank=True)
    render_attempts = models.PositiveSmallIntegerField(default=0)
    render_requested_at = models.DateTimeField(null=True, blank=True)
    render_started_at = models.DateTimeField(null=True, blank=True)
    render_finished_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(_("tệp PDF"), storage=_publication_storage, blank=True)
    created_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        "agencies.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("quyết định công bố chỉ số CCHC")
        verbose_name_plural = _("quyết định công bố chỉ số CCHC")
        constraints = [
            models.UniqueConstraint(
                fields=["round"], condition=Q(state="draft"), name="publication_one_draft"
            ),
            models.UniqueConstraint(
                fields=["round"], condition=Q(state="issued"), name="publication_one_issued"
            ),
            models.UniqueConstraint(
                fields=["issuer", "series", "issued_year", "number"],
                condition=Q(state="issued"),
                name="publication_issued_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(state="draft")
                | (
                    Q(
                        issued_on__isnull=False,
                        issuer__isnull=False,
                        issued_year__isnull=False,
                        data__isnull=False,
                    )
                    & ~Q(number="")
                    & ~Q(series="")
                ),
                name="publication_issued_has_reference",
            ),
        ]

    def __str__(self):
        return f"{self.round} · {self.get_state_display()}"

    @property
    def is_issued(self) -> bool:
        return self.state == self.State.ISSUED

    @property
    def is_busy(self) -> bool:
        return self.render_status in (self.Render.QUEUED, self.Render.RUNNING)
