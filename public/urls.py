from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("ke-hoach/<int:pk>/", views.plan, name="plan"),
    path("bao-cao/<int:report_id>.pdf", views.report_pdf, name="report_pdf"),
    path("ke-hoach/<int:pk>/cong-khai/", views.plan_visibility, name="plan_visibility"),
]
