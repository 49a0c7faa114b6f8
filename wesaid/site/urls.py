from django.urls import path

from . import views

app_name = "site"
urlpatterns = [
    path("", views.landing, name="home"),
    path("home/", views.dashboard, name="dashboard"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
]
