"""Authoring pages, mounted at ``soan-bai/``."""

from django.urls import path

from binhdan.curriculum import authoring_views as views

app_name = "authoring"

urlpatterns = [
    path("", views.topic_list, name="topic_list"),
    path("chuyen-de/moi/", views.topic_create, name="topic_create"),
    path("xem-truoc/", views.lesson_preview, name="lesson_preview"),
    path("chuyen-de/<slug:topic>/", views.topic_edit, name="topic_edit"),
    path("chuyen-de/<slug:topic>/bai-moi/", views.lesson_create, name="lesson_create"),
    path("chuyen-de/<slug:topic>/<slug:lesson>/", views.lesson_edit, name="lesson_edit"),
    path("chuyen-de/<slug:topic>/<slug:lesson>/chuyen/", views.lesson_move, name="lesson_move"),
    path("chuyen-de/<slug:topic>/<slug:lesson>/xoa/", views.lesson_delete, name="lesson_delete"),
    path(
        "chuyen-de/<slug:topic>/<slug:lesson>/tai-lieu/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "chuyen-de/<slug:topic>/<slug:lesson>/tai-lieu/<int:pk>/xoa/",
        views.attachment_delete,
        name="attachment_delete",
    ),
]
