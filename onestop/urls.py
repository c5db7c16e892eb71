from django.urls import path

from . import views

app_name = "onestop"
urlpatterns = [
    path("ke-hoach/<int:pk>/nhap/", views.import_upload, name="import_upload"),
    path("ke-hoach/<int:pk>/nhap/xem-truoc/", views.import_preview, name="import_preview"),
    path("ke-hoach/<int:pk>/gan-chi-tieu/", views.bindings, name="bindings"),
    path("ke-hoach/<int:pk>/chi-so-766/", views.index766, name="index766"),
]
