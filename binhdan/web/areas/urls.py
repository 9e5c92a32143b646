from django.urls import path

from binhdan.web.areas import picker_views, views

app_name = "areas"

urlpatterns = [
    path("", views.browse, name="browse"),
    path("chon/<slug:kind>/", picker_views.pick, name="picker"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/nhap-thon/", views.import_villages, name="import_villages"),
    path(
        "<str:code>/nhap-thon/mau.xlsx",
        views.import_villages_template,
        name="import_villages_template",
    ),
]
