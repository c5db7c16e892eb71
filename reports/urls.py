from django.urls import path

from . import views, views_dashboards, views_documents

app_name = "reports"
urlpatterns = [
    path(
        "giai-trinh/ky/<int:period_id>/chi-tieu/<int:target_id>/", views.target_explain, name="target_explain"
    ),
    path("ke-hoach/<int:plan_id>/tong-quan/", views_dashboards.overview, name="overview"),
    path("ke-hoach/<int:plan_id>/lanh-dao/", views_dashboards.leadership, name="leadership"),
    path(
        "ke-hoach/<int:plan_id>/chi-tieu/<int:target_id>/", views_dashboards.target_drill, name="target_drill"
    ),
    path(
        "ke-hoach/<int:plan_id>/co-quan/<int:agency_id>/", views_dashboards.agency_drill, name="agency_drill"
    ),
    path("ke-hoach/<int:plan_id>/linh-vuc/<int:area_id>/", views_dashboards.area_drill, name="area_drill"),
    path(
        "ke-hoach/<int:plan_id>/phu-luc-ket-qua.xlsx",
        views_dashboards.task_results_xlsx,
        name="task_results_xlsx",
    ),
    path("ke-hoach/<int:plan_id>/van-ban/", views_documents.report_list, name="report_list"),
    path("ky/<int:period_id>/van-ban/tao/", views_documents.report_create, name="report_create"),
    path("van-ban/<int:report_id>/", views_documents.report_detail, name="report_detail"),
    path("van-ban/<int:report_id>/tao-tep/", views_documents.report_render, name="report_render"),
    path("van-ban/<int:report_id>/phat-hanh/", views_documents.report_issue, name="report_issue"),
    path(
        "van-ban/<int:report_id>/phien-ban-moi/",
        views_documents.report_new_version,
        name="report_new_version",
    ),
    path("van-ban/<int:report_id>/tinh-trang/", views_documents.report_status, name="report_status"),
    path("van-ban/<int:report_id>/pdf/", views_documents.report_pdf, name="report_pdf"),
    path("van-ban/<int:report_id>/xlsx/", views_documents.report_xlsx, name="report_xlsx"),
    path("van-ban/<int:report_id>/json/", views_documents.report_json, name="report_json"),
]
