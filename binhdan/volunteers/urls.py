from django.urls import path

from binhdan.volunteers import import_views, views

app_name = "volunteers"

urlpatterns = [
    path("nhap/<str:code>/", import_views.import_members, name="import_members"),
    path(
        "nhap/<str:code>/mau.xlsx",
        import_views.import_members_template,
        name="import_members_template",
    ),
    path("", views.team_list, name="teams"),
    path("<int:pk>/", views.team_detail, name="team"),
    path("<int:pk>/sua/", views.team_edit, name="team_edit"),
    path("<int:pk>/doi-truong/", views.team_leader, name="team_leader"),
    path("<int:pk>/them-doan-vien/", views.member_add, name="member_add"),
    path("xa/<str:code>/them/", views.team_create, name="team_create"),
    path("xep-hang/<str:code>/", views.leaderboard, name="leaderboard"),
    path("doan-vien/<int:pk>/sua/", views.member_edit, name="member_edit"),
    path("doan-vien/<int:pk>/hoat-dong/", views.member_active, name="member_active"),
    path("doan-vien/<int:pk>/chuyen-doi/", views.member_move, name="member_move"),
]
