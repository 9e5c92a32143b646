"""Operator console, self check-in and live wall. Mounted at "": these are full paths."""

from django.urls import path

from binhdan.classes.console import live_wall, pwa, self_checkin, views

app_name = "console"

urlpatterns = [
    path("van-hanh/", views.console_home, name="home"),
    path("van-hanh/sw.js", pwa.service_worker, name="service_worker"),
    path("van-hanh/manifest.webmanifest", pwa.manifest, name="manifest"),
    path("van-hanh/<int:session_id>/<int:point_id>/", views.point_screen, name="point"),
    path(
        "van-hanh/<int:session_id>/<int:point_id>/trang-thai/",
        views.point_status,
        name="point_status",
    ),
    path(
        "van-hanh/<int:session_id>/<int:point_id>/diem-danh/",
        views.point_checkin,
        name="point_checkin",
    ),
    path(
        "van-hanh/<int:session_id>/<int:point_id>/bao-so/",
        views.point_headcount,
        name="point_headcount",
    ),
    path("van-hanh/<int:session_id>/<int:point_id>/mo/", views.point_open, name="point_open"),
    path("van-hanh/<int:session_id>/<int:point_id>/dong/", views.point_close, name="point_close"),
    path("diem-danh/<str:code>/", self_checkin.self_checkin, name="self_checkin"),
    path("truc-tiep/<int:session_id>/", live_wall.live_wall, name="live_wall"),
    path("truc-tiep/<int:session_id>/khung/", live_wall.live_wall_frame, name="live_wall_frame"),
]
