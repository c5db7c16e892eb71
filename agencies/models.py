"""Agencies (cơ quan, đơn vị) and the people who work in them.

Agencies form a tree and carry validity dates and succession records, because the map changes
under the plans: on 1 July 2025 districts were abolished and provinces and departments merged.
A 2023 result must stay attributed to the body that reported it and still roll up into today's.
"""

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.collation import vietnamese


class AdministrativeLevel(models.Model):
    """Cấp hành chính as data (tỉnh, huyện, xã): levels come and go (cấp huyện ended 30/6/2025)."""

    code = models.SlugField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=50)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("cấp hành chính")
        verbose_name_plural = _("cấp hành chính")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class Agency(models.Model):
    class Kind(models.TextChoices):
        UBND_TINH = "ubnd_tinh", _("UBND tỉnh")
        VAN_PHONG_UBND = "van_phong_ubnd", _("Văn phòng UBND")
        SO = "so", _("Sở, cơ quan ngang sở")
        UBND_HUYEN = "ubnd_huyen", _("UBND huyện, thị xã, thành phố")
        UBND_XA = "ubnd_xa", _("UBND xã, phường, đặc khu")
        DON_VI_SU_NGHIEP = "don_vi_su_nghiep", _("Đơn vị sự nghiệp công lập")
        BAO_DAI = "bao_dai", _("Báo, đài")
        NGANH_DOC = "nganh_doc", _("Cơ quan ngành dọc")
        KHAC = "khac", _("Khác")

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    level = models.ForeignKey(
        AdministrativeLevel,
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name=_("cấp"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("trực thuộc"),
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    aliases = models.JSONField(_("tên gọi khác"), default=list, blank=True)

    # What the agency's documents print (Nghị định 30/2020/NĐ-CP layout).
    governing_body = models.CharField(
        _("cơ quan chủ quản"),
        max_length=255,
        blank=True,
        help_text=_("Dòng trên tên cơ quan ở góc trái văn bản, ví dụ: UBND TỈNH HƯNG YÊN."),
    )
    symbol = models.CharField(
        _("chữ viết tắt"),
        max_length=30,
        blank=True,
        help_text=_("Dùng trong số, ký hiệu văn bản: UBND, SNV, STP…"),
    )
    place_name = models.CharField(_("địa danh"), max_length=100, blank=True)
    signer_authority = models.CharField(
        _("thẩm quyền ký"),
        max_length=255,
        blank=True,
        help_text=_("Các dòng trên chức vụ người ký, ví dụ: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH."),
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)

    # A setting of the province (a UBND tỉnh), for every agency under it (issue 22).
    head_approval_required = models.BooleanField(
        _("Thủ trưởng cơ quan duyệt báo cáo trước khi gửi Sở Nội vụ"),
        default=False,
        help_text=_(
            "Chỉ đặt cho UBND tỉnh, áp dụng cho mọi cơ quan trong tỉnh: khi bật, báo cáo định kỳ "
            "cán bộ đầu mối gửi đi được chuyển tới thủ trưởng cơ quan; thủ trưởng duyệt thì báo "
            "cáo mới tới Sở Nội vụ."
        ),
    )

    class Meta:
        ordering = ["level__order", "kind", vietnamese("name")]
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="agency_valid_to_after_valid_from",
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="agency_not_own_parent"),
            models.CheckConstraint(
                condition=Q(head_approval_required=False) | Q(kind="ubnd_tinh"),
                name="agency_head_approval_set_on_province",
                violation_error_message=_(
                    "“Thủ trưởng cơ quan duyệt báo cáo trước khi gửi Sở Nội vụ” là cài đặt của tỉnh: "
                    "chỉ bật ở UBND tỉnh."
                ),
            ),
        ]
        indexes = [models.Index(fields=["parent", "kind"], name="agency_parent_kind_idx")]

    def __str__(self):
        return self.short_name or self.name


class AgencySuccession(models.Model):
    """A merge, split or rename: which body carried on another's work, and from when."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Hợp nhất, sáp nhập")
        SPLIT = "split", _("Chia tách")
        RENAME = "rename", _("Đổi tên")
        DISSOLVE = "dissolve", _("Giải thể, chuyển giao")

    predecessor = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="successions_out",
        verbose_name=_("cơ quan trước"),
    )
    successor = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="successions_in",
        verbose_name=_("cơ quan kế thừa"),
    )
    kind = models.CharField(_("hình thức"), max_length=10, choices=Kind.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    decision = models.CharField(_("văn bản quyết định"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["effective_date"]
        verbose_name = _("kế thừa cơ quan")
        verbose_name_plural = _("kế thừa cơ quan")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor", "effective_date"],
                name="agency_succession_unique",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")),
                name="agency_succession_not_self",
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.effective_date:%d/%m/%Y})"


class User(AbstractUser):
    """A person with one role, tied to the agency they report for or review from."""

    class Role(models.TextChoices):
        REPORTER = "reporter", _("Cán bộ đầu mối báo cáo")
        AGENCY_HEAD = "agency_head", _("Thủ trưởng cơ quan")
        REVIEWER = "reviewer", _("Chuyên viên Sở Nội vụ")
        COORDINATOR = "coordinator", _("Cơ quan theo dõi lĩnh vực")
        LEADERSHIP = "leadership", _("Lãnh đạo UBND tỉnh")

    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("cơ quan"),
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, blank=True)
    position = models.CharField(_("chức vụ"), max_length=100, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="") | Q(agency__isnull=False),
                name="user_with_role_has_agency",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        """Vietnamese order: family and middle names (last_name) before the given name."""
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()


class AdminAction(LogEntry):
    """Django's record of each add, change and delete made through the admin, under a name
    staff can read (Django's Vietnamese calls its log "mục đăng nhập"). SECURITY.md."""

    class Meta:
        proxy = True
        verbose_name = _("thao tác quản trị")
        verbose_name_plural = _("nhật ký thao tác quản trị")
