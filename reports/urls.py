from django.urls import path

from . import views, views_dashboards

app_name = "reports"
urlpatterns = [
    path("giai-trinh/ky/<int:period_id>/chi-tieu/<int:target_id>/", views.target_explain,
         name="target_explain"),
    path("ke-hoach/<int:plan_id>/tong-quan/", views_dashboards.overview, name="overview"),
    path("ke-hoach/<int:plan_id>/lanh-dao/", views_dashboards.leadership, name="leadership"),
    path("ke-hoach/<int:plan_id>/chi-tieu/<int:target_id>/", views_dashboards.target_drill,
         name="target_drill"),
    path("ke-hoach/<int:plan_id>/co-quan/<int:agency_id>/", views_dashboards.agency_drill,
         name="agency_drill"),
    path("ke-hoach/<int:plan_id>/linh-vuc/<int:area_id>/", views_dashboards.area_drill,
         name="area_drill"),
]
