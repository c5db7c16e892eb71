from django.urls import path

from . import views_plans

app_name = "targets"
urlpatterns = [
    path("", views_plans.PlanListView.as_view(), name="plan_list"),
    path("<int:pk>/", views_plans.PlanDetailView.as_view(), name="plan_detail"),
]
