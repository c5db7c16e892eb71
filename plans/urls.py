from django.urls import path

from . import views_appendix, views_periods

app_name = "plans"
urlpatterns = [
    path("<int:pk>/ky-bao-cao/", views_periods.plan_periods, name="plan_periods"),
    path("<int:pk>/phu-luc.xlsx", views_appendix.appendix_download, name="appendix_download"),
    path("<int:pk>/phu-luc.json", views_appendix.appendix_json, name="appendix_json"),
    path("<int:pk>/nhap-phu-luc/", views_appendix.appendix_upload, name="appendix_upload"),
    path("<int:pk>/nhap-phu-luc/xem-truoc/", views_appendix.appendix_preview, name="appendix_preview"),
]
