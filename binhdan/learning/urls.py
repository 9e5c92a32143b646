"""Citizen learning pages: quizzes, lesson completion, certificates and staff figures.

Mounted at "" (before curriculum's "hoc/"), so every path here is a full path.
"""

from django.urls import path

from binhdan.learning.views import certificates, identify, lessons, quiz, staff

app_name = "learning"

urlpatterns = [
    path("hoc/<slug:topic>/kiem-tra/", quiz.quiz, name="quiz"),
    path("hoc/<slug:topic>/kiem-tra/cau-hoi/", quiz.quiz_question, name="quiz_question"),
    path(
        "hoc/<slug:topic>/kiem-tra/ket-qua/<int:attempt_id>/", quiz.quiz_result, name="quiz_result"
    ),
    path("hoc/<slug:topic>/<slug:lesson>/da-hoc/", lessons.lesson_done, name="lesson_done"),
    path("hoc-tap/nhan-dien/", identify.identify, name="identify"),
    path("hoc-tap/khong-phai-toi/", identify.forget, name="forget"),
    path("hoc-tap/cua-toi/", certificates.my_learning, name="my_learning"),
    path("c/", certificates.certificate_lookup, name="certificate_lookup"),
    path("c/<str:code>/", certificates.certificate_verify, name="certificate_verify"),
    path("c/<str:code>/pdf", certificates.certificate_pdf, name="certificate_pdf"),
    path("hoc-tap/chung-nhan/", staff.staff_certificates, name="staff_certificates"),
    path(
        "hoc-tap/chung-nhan/<int:pk>/thu-hoi/",
        staff.staff_certificate_revoke,
        name="staff_certificate_revoke",
    ),
    path("hoc-tap/tien-do/", staff.staff_progress, name="staff_progress"),
]
