from django.urls import path

from targets import views as target_views

from . import (
    views,
    views_appendix,
    views_entry,
    views_evidence,
    views_extensions,
    views_items,
    views_periods,
    views_review,
    views_rollover,
)

app_name = "plans"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("ky/<int:period_id>/co-quan/<int:agency_id>/", views_entry.submission_entry,
         name="submission_entry"),
    path("<int:pk>/ky-bao-cao/", views_periods.plan_periods, name="plan_periods"),
    path("<int:pk>/phu-luc.xlsx", views_appendix.appendix_download, name="appendix_download"),
    path("<int:pk>/nhap-phu-luc/", views_appendix.appendix_upload, name="appendix_upload"),
    path("<int:pk>/nhap-phu-luc/xem-truoc/", views_appendix.appendix_preview,
         name="appendix_preview"),
    path("<int:pk>/lap-ke-hoach-nam-sau/", views_rollover.plan_rollover_create,
         name="plan_rollover"),
    path("<int:pk>/trich-chi-tieu/", target_views.extraction_start, name="target_extraction"),
    path("<int:pk>/trich-chi-tieu/xem-xet/", target_views.extraction_review,
         name="target_extraction_review"),
    path("ky/<int:period_id>/co-quan/<int:agency_id>/mo-lai/", views_periods.period_reopen,
         name="period_reopen"),
    path("chi-tieu/<int:pk>/", views_items.target_detail, name="target_detail"),
    path("nhiem-vu/<int:pk>/", views_items.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/gia-han/", views_extensions.extension_request,
         name="extension_request"),
    path("gia-han/<int:pk>/quyet-dinh/", views_extensions.extension_decide,
         name="extension_decide"),
    path("<int:pk>/gia-han/", views_extensions.plan_extensions, name="plan_extensions"),
    path("minh-chung/<int:pk>/", views_evidence.evidence_download, name="evidence_download"),
    path("ky/<int:period_id>/duyet/", views_review.period_review_queue, name="review_queue"),
    path("bao-cao/<int:submission_id>/duyet/", views_review.submission_review,
         name="submission_review"),
]
