from django.contrib import admin
from django.urls import include, path

from binhdan.config.api import api
from binhdan.web.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("quan-tri/", admin.site.urls),
    path("tai-khoan/", include("binhdan.accounts.urls")),
    path("dia-ban/", include("binhdan.areas.urls")),
    path("nguoi-dan/", include("binhdan.people.urls")),
    path("kiem-tra-lua-dao/", include("binhdan.scamcheck.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("binhdan.web.urls")),
]
