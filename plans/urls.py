from django.urls import path

from . import views, views_entry

app_name = "plans"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("ky/<int:period_id>/co-quan/<int:agency_id>/", views_entry.submission_entry,
         name="submission_entry"),
]
