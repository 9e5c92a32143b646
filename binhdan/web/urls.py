from django.urls import path

from binhdan.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("bang-dieu-khien/", views.dashboard, name="dashboard"),
]
