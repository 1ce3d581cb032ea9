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
    path("projects/<int:pk>/surveys/", views.survey_overview, name="survey_overview"),
    path(
        "projects/<int:pk>/surveys/<str:stage>/questions/new/",
        views.survey_question_create,
        name="survey_question_create",
    ),
    path(
        "survey-questions/<int:pk>/edit/", views.survey_question_edit, name="survey_question_edit"
    ),
    path(
        "survey-questions/<int:pk>/delete/",
        views.survey_question_delete,
        name="survey_question_delete",
    ),
    path(
        "mobilities/<int:pk>/transfer-of-learning/",
        views.learning_transfer,
        name="learning_transfer",
    ),
    path("projects/<int:pk>/dissemination/", views.dissemination_list, name="dissemination_list"),
    path("projects/<int:pk>/dissemination/new/", views.event_create, name="event_create"),
    path("dissemination/<int:pk>/", views.event_edit, name="event_edit"),
    path("dissemination/<int:pk>/delete/", views.event_delete, name="event_delete"),
    path("dissemination/<int:pk>/evidence/", views.event_evidence, name="event_evidence"),
]
