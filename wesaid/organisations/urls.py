from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.people, name="people"),
    path("add/", views.person_add, name="person_add"),
    path("<int:person_id>/", views.person_detail, name="person"),
    path("<int:person_id>/roles/", views.person_roles, name="person_roles"),
    path("<int:person_id>/sign-in-card/", views.person_sign_in_card, name="sign_in_card"),
    path("<int:person_id>/sign-in-link/", views.person_send_link, name="send_link"),
    path(
        "<int:person_id>/reset-second-step/",
        views.person_reset_second_factor,
        name="reset_second_factor",
    ),
]
