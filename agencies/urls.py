from django.urls import path

from . import views

app_name = "agencies"
urlpatterns = [
    path("sap-xep/", views.restructuring, name="restructuring"),
]
