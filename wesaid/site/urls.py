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
    # An organisation's own notices, public, for printed cards and letters.
    path(
        "organisations/<slug:organisation_slug>/privacy/",
        views.organisation_privacy,
        name="organisation_privacy",
    ),
    path(
        "organisations/<slug:organisation_slug>/privacy/easy-read/",
        views.organisation_privacy_easy_read,
        name="organisation_privacy_easy_read",
    ),
    path(
        "organisations/<slug:organisation_slug>/accessibility/",
        views.organisation_accessibility,
        name="organisation_accessibility",
    ),
    path(
        "organisations/<slug:organisation_slug>/accessibility/easy-read/",
        views.organisation_accessibility_easy_read,
        name="organisation_accessibility_easy_read",
    ),
]
