from django.urls import path

from binhdan.classes.checkin import device_token_views
from binhdan.classes.console import self_checkin_find
from binhdan.classes.documents import sheet_views
from binhdan.classes.documents import views as documents_views
from binhdan.classes.planning import import_views, point_views, views

app_name = "classes"

urlpatterns = [
    path("lop-hoc/", views.calendar, name="calendar"),
    path("lop-hoc/tao/", views.session_create, name="session_create"),
    path("lop-hoc/<int:pk>/", views.session_detail, name="session"),
    path("lop-hoc/<int:pk>/sua/", views.session_edit, name="session_edit"),
    path("lop-hoc/<int:pk>/huy/", views.session_cancel, name="session_cancel"),
    path("lop-hoc/<int:pk>/them-diem-cau/", views.session_point_add, name="session_point_add"),
    path(
        "lop-hoc/<int:pk>/chon-diem-cau/",
        views.session_points_choose,
        name="session_points_choose",
    ),
    path(
        "lop-hoc/<int:pk>/diem-cau/<int:point_pk>/bo/",
        views.session_point_remove,
        name="session_point_remove",
    ),
    path("lop-hoc/<int:pk>/ap-phich.pdf", documents_views.session_posters, name="session_posters"),
    path(
        "lop-hoc/<int:pk>/diem-cau/<int:point_pk>/ap-phich.pdf",
        documents_views.point_poster,
        name="point_poster",
    ),
    path("lop-hoc/<int:pk>/diem-danh.xlsx", documents_views.session_export, name="session_export"),
    path(
        "lop-hoc/<int:pk>/diem-cau/<int:point_pk>/diem-danh.xlsx",
        documents_views.point_export,
        name="point_export",
    ),
    path(
        "lop-hoc/<int:pk>/diem-cau/<int:point_pk>/nhap-danh-sach/",
        sheet_views.sheet_import,
        name="sheet_import",
    ),
    path(
        "lop-hoc/<int:pk>/diem-cau/<int:point_pk>/nhap-danh-sach/mau.xlsx",
        sheet_views.sheet_import_template,
        name="sheet_import_template",
    ),
    path("diem-cau/", point_views.points_home, name="points_home"),
    path("diem-cau/dia-ban/<str:code>/", point_views.points, name="points"),
    path("diem-cau/dia-ban/<str:code>/them/", point_views.point_create, name="point_create"),
    path(
        "diem-cau/dia-ban/<str:code>/moi-thon-mot-diem/",
        point_views.points_bulk,
        name="points_bulk",
    ),
    path("diem-cau/dia-ban/<str:code>/nhap/", import_views.points_import, name="points_import"),
    path(
        "diem-cau/dia-ban/<str:code>/nhap/mau.xlsx",
        import_views.points_import_template,
        name="points_import_template",
    ),
    path("diem-danh/", self_checkin_find.self_checkin_find, name="self_checkin_find"),
    path("diem-cau/<int:pk>/sua/", point_views.point_edit, name="point_edit"),
    path("diem-cau/<int:pk>/ma-thiet-bi/", device_token_views.point_tokens, name="point_tokens"),
    path(
        "diem-cau/<int:pk>/ma-thiet-bi/<int:token_id>/thu-hoi/",
        device_token_views.point_token_revoke,
        name="point_token_revoke",
    ),
]
