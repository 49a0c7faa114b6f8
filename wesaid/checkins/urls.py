from django.urls import path

from . import views

app_name = "checkins"
urlpatterns = [
    path("project/<int:project_id>/new/", views.checkin_create, name="create"),
    path("<int:checkin_id>/", views.checkin_answer, name="answer"),
    path("<int:checkin_id>/thanks/", views.checkin_thanks, name="thanks"),
    path("<int:checkin_id>/results/", views.checkin_results_view, name="results"),
    path("<int:checkin_id>/close/", views.checkin_close, name="close"),
]
