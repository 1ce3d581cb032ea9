from django.urls import path

from . import views

app_name = "results"

urlpatterns = [
    path("mobilities/<int:pk>/results/", views.mobility_results, name="mobility_results"),
    path(
        "mobilities/<int:pk>/results/recognition/delete/",
        views.recognition_delete,
        name="recognition_delete",
    ),
]
