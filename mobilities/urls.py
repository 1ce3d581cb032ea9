from django.urls import path

from . import views

urlpatterns = [
    path("mobilities/<int:pk>/", views.mobility_detail, name="mobility_detail"),
]
