"""The volunteer's phone app, mounted at ``/tinh-nguyen/``."""

from django.urls import path

from binhdan.volunteers import app_views, pwa

app_name = "volunteer_app"

urlpatterns = [
    path("", app_views.app_home, name="home"),
    path("ghi-nhan/", app_views.visit_record, name="record"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
]
