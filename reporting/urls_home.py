"""Each user's home page: what they have to do now (named "home", where a login lands)."""

from django.urls import path

from .views.home import home

urlpatterns = [
    path("", home, name="home"),
]
