from django.contrib import admin

from .models import DossierCounts, ImportBatch, Index766, TargetBinding


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["imported_at", "kind", "province", "period", "file_name", "rows", "imported_by"]
    list_filter = ["kind", "province"]
    readonly_fields = ["imported_at"]


@admin.register(DossierCounts)
class DossierCountsAdmin(admin.ModelAdmin):
    list_display = [
        "agency",
        "period",
        "received_total",
        "resolved_total",
        "resolved_late",
        "pending_overdue",
    ]
    list_filter = ["period__plan"]
    list_select_related = ["agency", "period__plan"]


@admin.register(Index766)
class Index766Admin(admin.ModelAdmin):
    list_display = ["agency", "month", "total", "band"]
    list_select_related = ["agency"]


@admin.register(TargetBinding)
class TargetBindingAdmin(admin.ModelAdmin):
    list_display = ["target", "source", "formula", "index_field"]
    list_select_related = ["target"]
