from django.urls import path

from . import views_plan_text, views_plans

app_name = "targets"
urlpatterns = [
    path("", views_plans.PlanListView.as_view(), name="plan_list"),
    path("<int:pk>/", views_plans.PlanDetailView.as_view(), name="plan_detail"),
    path("tao-tu-van-ban/", views_plan_text.plan_from_text_start, name="plan_from_text"),
    path("tao-tu-van-ban/xem-lai/", views_plan_text.plan_from_text_review, name="plan_from_text_review"),
]
