from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import AdminAction, AdministrativeLevel, Agency, AgencySuccession, User


@admin.register(AdministrativeLevel)
class AdministrativeLevelAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order", "valid_to"]


class SuccessionOutInline(admin.TabularInline):
    model = AgencySuccession
    fk_name = "predecessor"
    autocomplete_fields = ["successor"]
    extra = 0
    verbose_name_plural = _("Kế thừa bởi")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "level", "parent", "symbol", "valid_from", "valid_to"]
    list_filter = ["kind", "level", "parent", "head_approval_required"]
    list_select_related = ["level", "parent"]
    search_fields = ["name", "short_name", "code", "symbol"]
    autocomplete_fields = ["parent"]
    inlines = [SuccessionOutInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "short_name", "kind", "level", "parent", "aliases"]}),
        (_("Hiệu lực"), {"fields": ["valid_from", "valid_to"]}),
        (_("Quy trình báo cáo của tỉnh (chỉ UBND tỉnh)"), {"fields": ["head_approval_required"]}),
        (
            _("Thể thức văn bản"),
            {
                "fields": [
                    "governing_body",
                    "symbol",
                    "place_name",
                    "signer_authority",
                    "signer_title",
                    "signer_name",
                ]
            },
        ),
    ]


@admin.register(AgencySuccession)
class AgencySuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "effective_date", "decision"]
    list_filter = ["kind"]
    autocomplete_fields = ["predecessor", "successor"]
    search_fields = ["predecessor__name", "successor__name", "decision"]


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "get_full_name", "role", "agency", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_staff", "agency__kind"]
    list_select_related = ["agency"]
    search_fields = ["username", "first_name", "last_name", "email", "agency__name"]
    autocomplete_fields = ["agency"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Cơ quan và vai trò"), {"fields": ["agency", "role", "position", "phone"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        (_("Cơ quan và vai trò"), {"fields": ["agency", "role"]}),
    ]


@admin.register(AdminAction)
class AdminActionAdmin(admin.ModelAdmin):
    """What was added, changed or deleted through this admin, by whom and when (Django records
    it; SECURITY.md). Read-only, and readable by every staff user."""

    list_display = ["action_time", "user", "action_flag", "content_type", "object_repr", "change"]
    list_filter = ["action_flag", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"

    @admin.display(description=_("nội dung thay đổi"))
    def change(self, obj):
        return obj.get_change_message()

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
