from django.urls import path

from . import views

app_name = "outcomes"
urlpatterns = [
    path("", views.library, name="library"),
    path("library/<int:library_outcome_id>/", views.library_outcome, name="library_outcome"),
    path("own/new/", views.own_outcome_create, name="own_create"),
    path("own/<int:own_outcome_id>/", views.own_outcome, name="own"),
    path("own/<int:own_outcome_id>/edit/", views.own_outcome_edit, name="own_edit"),
]
