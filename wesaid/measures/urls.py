from django.urls import path

from . import views

app_name = "measures"
urlpatterns = [
    path("", views.measure_list, name="list"),
    path("add/", views.measure_add, name="add"),
    path("licensed/", views.licensed_choose, name="licensed_choose"),
    path("licensed/licence/", views.licensed_licence, name="licensed_licence"),
    path("<int:instrument_id>/", views.measure_detail, name="detail"),
    path("<int:instrument_id>/new-version/", views.version_new, name="version_new"),
]
