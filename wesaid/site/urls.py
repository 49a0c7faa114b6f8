from django.urls import path

from . import views

app_name = "site"
urlpatterns = [
    path("", views.landing, name="home"),
    path("home/", views.dashboard, name="dashboard"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accessibility/easy-read/", views.accessibility_easy_read, name="accessibility_easy_read"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/easy-read/", views.privacy_easy_read, name="privacy_easy_read"),
    path("cookies/", views.cookies, name="cookies"),
]
