from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("partners/<int:pk>/", views.partner_detail, name="partner_detail"),
]
