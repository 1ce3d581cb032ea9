from django.urls import path

from . import views

urlpatterns = [
    path("participants/<int:pk>/", views.participant_detail, name="participant_detail"),
]
