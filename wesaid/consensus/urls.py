from django.urls import path

from . import views

app_name = "consensus"
urlpatterns = [
    path("project/<int:project_id>/", views.project_studies, name="project"),
    path("project/<int:project_id>/start/", views.study_create, name="create"),
    path("<int:study_id>/", views.study_detail, name="study"),
    path("<int:study_id>/idea/", views.idea_give, name="idea"),
    path("<int:study_id>/idea/write-down/", views.idea_for_other, name="idea_for_other"),
    path("<int:study_id>/outcomes/add/", views.candidate_add, name="candidate_add"),
    path("outcome/<int:candidate_id>/change/", views.candidate_edit, name="candidate_edit"),
    path("outcome/<int:candidate_id>/merge/", views.candidate_merge, name="candidate_merge"),
    path("<int:study_id>/rounds/open/", views.round_open, name="round_open"),
    path("round/<int:round_id>/dates/", views.round_dates, name="round_dates"),
    path("round/<int:round_id>/close/", views.round_close, name="round_close"),
    path("round/<int:round_id>/results/", views.results, name="results"),
    path("outcome/<int:candidate_id>/rate/", views.rate, name="rate"),
    path("<int:study_id>/check/", views.check, name="check"),
    path("<int:study_id>/sheet/enter/", views.sheet_enter, name="sheet_enter"),
    path("<int:study_id>/sheet/print/", views.sheet_print, name="sheet_print"),
    path("<int:study_id>/export.csv", views.export, name="export"),
    path("<int:study_id>/agree/", views.agree, name="agree"),
]
