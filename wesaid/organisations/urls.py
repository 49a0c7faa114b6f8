from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.people, name="people"),
    path("add/", views.person_add, name="person_add"),
    path("<int:person_id>/", views.person_detail, name="person"),
    path("<int:person_id>/roles/", views.person_roles, name="person_roles"),
]
