from django.urls import path

from binhdan.people import card_views

app_name = "cards"

urlpatterns = [
    path("nguoi-dan/<int:person_id>/the-diem-danh/", card_views.person_card, name="person"),
]
