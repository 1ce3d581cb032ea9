from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
]
