from django.urls import path

from binhdan.volunteers import import_views

app_name = "volunteers"

urlpatterns = [
    path("nhap/<str:code>/", import_views.import_members, name="import_members"),
    path(
        "nhap/<str:code>/mau.xlsx",
        import_views.import_members_template,
        name="import_members_template",
    ),
]
