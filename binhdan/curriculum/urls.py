"""Public citizen pages, mounted at ``hoc/``."""

from django.urls import path

from binhdan.curriculum import views

app_name = "curriculum"

urlpatterns = [
    path("", views.topic_list, name="topic_list"),
    path("<slug:topic>/", views.topic_detail, name="topic"),
    path("<slug:topic>/<slug:lesson>/", views.lesson, name="lesson"),
    path("<slug:topic>/<slug:lesson>/<int:screen>/", views.lesson, name="lesson_screen"),
    path("<slug:topic>/<slug:lesson>/<int:screen>/nghe/", views.lesson_audio, name="lesson_audio"),
    path("<slug:topic>/<slug:lesson>/tep/<int:pk>/", views.attachment_download, name="attachment"),
]
