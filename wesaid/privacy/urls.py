from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("account/my-data/", views.my_data, name="my_data"),
    path("account/my-data.pdf", views.my_data_pdf, name="my_data_pdf"),
    path("account/my-data.json", views.my_data_json, name="my_data_json"),
    path("people/<int:person_id>/data/", views.person_data, name="person_data"),
    path("people/<int:person_id>/data.pdf", views.person_data_pdf, name="person_data_pdf"),
    path("people/<int:person_id>/data.json", views.person_data_json, name="person_data_json"),
    path("people/<int:person_id>/leave/", views.person_deactivate, name="deactivate"),
    path("people/<int:person_id>/erase/", views.person_erase, name="erase"),
    path("data-protection/", views.hub, name="hub"),
    path("data-protection/retention/", views.retention, name="retention"),
    path("data-protection/privacy-notice/", views.notice_edit, name="notice_edit"),
    path("data-protection/accessibility-statement/", views.statement_edit, name="statement_edit"),
]
