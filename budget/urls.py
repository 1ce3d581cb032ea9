from django.urls import path

from . import views

app_name = "budget"

urlpatterns = [
    path("projects/<int:pk>/budget/", views.project_budget, name="project_budget"),
    path("rates/", views.rates_latest, name="rates_latest"),
    path("rates/<int:year>/", views.rates, name="rates"),
]
