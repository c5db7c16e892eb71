"""The reporting cycle's pages: under /ke-hoach/ beside the plan's own, and the agency
restructuring (which moves the open work) under /co-quan/. Each user's home page is
``urls_home`` (the name "home", without a namespace, is where a login lands)."""

from django.urls import path

from .views import (
    entry,
    evidence,
    extensions,
    extraction,
    items,
    periods,
    restructuring,
    review,
    rollover,
    year_close,
)

app_name = "reporting"
urlpatterns = [
    path(
        "ke-hoach/ky/<int:period_id>/co-quan/<int:agency_id>/",
        entry.submission_entry,
        name="submission_entry",
    ),
    path(
        "ke-hoach/ky/<int:period_id>/co-quan/<int:agency_id>/rut-lai/",
        entry.submission_withdraw,
        name="submission_withdraw",
    ),
    path(
        "ke-hoach/ky/<int:period_id>/co-quan/<int:agency_id>/lich-su/",
        entry.submission_entry_history,
        name="submission_entry_history",
    ),
    path(
        "ke-hoach/ky/<int:period_id>/co-quan/<int:agency_id>/thu-truong-duyet/",
        entry.submission_head_decide,
        name="submission_head_decide",
    ),
    path("ke-hoach/<int:pk>/lap-ke-hoach-nam-sau/", rollover.plan_rollover_create, name="plan_rollover"),
    path("ke-hoach/<int:pk>/trich-chi-tieu/", extraction.extraction_start, name="target_extraction"),
    path(
        "ke-hoach/<int:pk>/trich-chi-tieu/xem-xet/",
        extraction.extraction_review,
        name="target_extraction_review",
    ),
    path(
        "ke-hoach/ky/<int:period_id>/co-quan/<int:agency_id>/mo-lai/",
        periods.period_reopen,
        name="period_reopen",
    ),
    path("ke-hoach/chi-tieu/<int:pk>/", items.target_detail, name="target_detail"),
    path("ke-hoach/nhiem-vu/<int:pk>/", items.task_detail, name="task_detail"),
    path("ke-hoach/nhiem-vu/<int:pk>/gia-han/", extensions.extension_request, name="extension_request"),
    path("ke-hoach/gia-han/<int:pk>/quyet-dinh/", extensions.extension_decide, name="extension_decide"),
    path("ke-hoach/<int:pk>/gia-han/", extensions.plan_extensions, name="plan_extensions"),
    path("ke-hoach/minh-chung/<int:pk>/", evidence.evidence_download, name="evidence_download"),
    path("ke-hoach/ky/<int:period_id>/duyet/", review.period_review_queue, name="review_queue"),
    path("ke-hoach/bao-cao/<int:submission_id>/duyet/", review.submission_review, name="submission_review"),
    path("ke-hoach/<int:pk>/ket-qua-ca-nam/", year_close.plan_year_results, name="plan_year_results"),
    path("ke-hoach/<int:pk>/chot-nam/", year_close.plan_year_close, name="plan_year_close"),
    path("ke-hoach/<int:pk>/mo-lai-nam/", year_close.plan_year_reopen, name="plan_year_reopen"),
    path("ke-hoach/<int:pk>/cap-khong-ap-dung/", year_close.plan_levels, name="plan_levels"),
    path("co-quan/sap-xep/", restructuring.restructuring, name="restructuring"),
]
