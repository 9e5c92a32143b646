from django.urls import path

from binhdan.scamcheck import views

app_name = "scamcheck"

urlpatterns = [
    path("", views.check_page, name="check"),
    path("bao-cao/", views.report_page, name="report"),
    path("kiem-duyet/", views.moderation_queue, name="moderation"),
    path("kiem-duyet/nhom/", views.moderate_group, name="moderate_group"),
    path("kiem-duyet/bao-cao/<int:report_id>/", views.moderate_report, name="moderate_report"),
    path("thong-ke/", views.stats_page, name="stats"),
    path("danh-sach-ten-mien/", views.domain_lists_page, name="domain_lists"),
]
