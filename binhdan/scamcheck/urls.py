from django.urls import path

from binhdan.scamcheck import views

app_name = "scamcheck"

urlpatterns = [path("", views.check_page, name="check")]
