"""Client systems of the read API, managed by an administrator: adding one issues its token,
shown once in the page's message (only its hash is kept); revoking refuses it from then on;
"renewing" revokes it and issues a new one. The call log is read-only."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import ApiCall, ApiClient, token_hash, token_new


def _show_token(request, client, token):
    messages.warning(
        request,
        _(
            "Mã truy cập của “%(name)s” (chỉ hiện một lần, hãy chép và chuyển cho đơn vị "
            "quản lý hệ thống): %(token)s"
        )
        % {"name": client.name, "token": token},
    )


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "token_hint", "is_active", "created_at", "revoked_at", "issued_by"]
    list_filter = ["is_active", "province"]
    fields = [
        "name",
        "province",
        "note",
        "token_hint",
        "is_active",
        "issued_by",
        "created_at",
        "revoked_at",
        "revoked_by",
    ]
    readonly_fields = ["token_hint", "is_active", "issued_by", "created_at", "revoked_at", "revoked_by"]
    actions = ["revoke", "renew"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        token = token_new()
        obj.token_hash, obj.token_hint, obj.issued_by = token_hash(token), token[:10], request.user
        super().save_model(request, obj, form, change)
        _show_token(request, obj, token)

    @admin.action(description=gettext_lazy("Thu hồi mã truy cập"))
    def revoke(self, request, queryset):
        for client in queryset:
            services.client_revoke(client=client, user=request.user)
        messages.success(request, _("Đã thu hồi %(n)s mã truy cập.") % {"n": queryset.count()})

    @admin.action(description=gettext_lazy("Cấp mã mới (thu hồi mã cũ)"))
    def renew(self, request, queryset):
        for client in queryset:
            new, token = services.client_token_renew(client=client, user=request.user)
            _show_token(request, new, token)


@admin.register(ApiCall)
class ApiCallAdmin(admin.ModelAdmin):
    list_display = ["at", "client", "method", "path", "status", "duration_ms"]
    list_filter = ["status", "client"]
    list_select_related = ["client"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
