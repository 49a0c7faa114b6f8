from django.urls import path

from . import people_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-in/email/", views.sign_in_link_request, name="sign_in_link_request"),
    path("sign-in/link/", views.sign_in_link, name="sign_in_link"),
    path("sign-in/second-factor/", views.second_factor, name="second_factor"),
    path("account/second-factor/set-up/", views.second_factor_setup, name="second_factor_setup"),
    path("account/backup-codes/", views.backup_codes, name="backup_codes"),
    path("account/password/", views.set_password, name="set_password"),
    path("account/", views.account, name="account"),
    path("easy-read/", views.easy_read_choose, name="easy_read"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("signed-out/", views.signed_out, name="signed_out"),
    # Sign-ins staff give to someone else, under that person's address.
    path(
        "people/<int:person_id>/sign-in-card/",
        people_views.person_sign_in_card,
        name="sign_in_card",
    ),
    path("people/<int:person_id>/sign-in-link/", people_views.person_send_link, name="send_link"),
    path(
        "people/<int:person_id>/reset-second-step/",
        people_views.person_reset_second_factor,
        name="reset_second_factor",
    ),
]
