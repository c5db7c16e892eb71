from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("giai-trinh/ky/<int:period_id>/chi-tieu/<int:target_id>/", views.target_explain,
         name="target_explain"),
]
