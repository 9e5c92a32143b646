"""Citizen learning pages: quizzes, lesson completion, certificates and staff figures.

Mounted at "" (before curriculum's "hoc/"), so every path here is a full path.
"""

from django.urls import path

from binhdan.learning import views

app_name = "learning"

urlpatterns = [
    path("hoc/<slug:topic>/kiem-tra/", views.quiz, name="quiz"),
    path("hoc/<slug:topic>/kiem-tra/cau-hoi/", views.quiz_question, name="quiz_question"),
    path(
        "hoc/<slug:topic>/kiem-tra/ket-qua/<int:attempt_id>/", views.quiz_result, name="quiz_result"
    ),
    path("hoc/<slug:topic>/<slug:lesson>/da-hoc/", views.lesson_done, name="lesson_done"),
    path("hoc-tap/nhan-dien/", views.identify, name="identify"),
    path("hoc-tap/khong-phai-toi/", views.forget, name="forget"),
    path("hoc-tap/cua-toi/", views.my_learning, name="my_learning"),
    path("c/", views.certificate_lookup, name="certificate_lookup"),
    path("c/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("c/<str:code>/pdf", views.certificate_pdf, name="certificate_pdf"),
    path("hoc-tap/chung-nhan/", views.staff_certificates, name="staff_certificates"),
    path(
        "hoc-tap/chung-nhan/<int:pk>/thu-hoi/",
        views.staff_certificate_revoke,
        name="staff_certificate_revoke",
    ),
    path("hoc-tap/tien-do/", views.staff_progress, name="staff_progress"),
]
