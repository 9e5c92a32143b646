from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from binhdan.accounts.login_views import admin_login
from binhdan.config.api import api
from binhdan.web.sitemaps import SITEMAPS
from binhdan.web.views import healthz

# The admin logs in through the staff login (lockout, two-factor step), not its own form.
admin.site.login = admin_login

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/v1/", api.urls),
    path("quan-tri/", admin.site.urls),
    path("tai-khoan/", include("binhdan.accounts.urls")),
    path("dia-ban/", include("binhdan.web.areas.urls")),
    path("nguoi-dan/", include("binhdan.people.urls")),
    path("kiem-tra-lua-dao/", include("binhdan.scamcheck.urls")),
    path("doi-hinh/", include("binhdan.volunteers.urls")),
    path("tinh-nguyen/", include("binhdan.volunteers.app_urls")),
    path("soan-bai/", include("binhdan.curriculum.authoring_urls")),
    # learning and classes choose their own prefixes (hoc/<topic>/kiem-tra/, c/<code>, ...)
    path("", include("binhdan.learning.urls")),
    path("", include("binhdan.classes.urls")),
    path("", include("binhdan.classes.console.urls")),
    path("", include("binhdan.people.card_urls")),
    path("hoc/", include("binhdan.curriculum.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("binhdan.web.urls")),
]

handler400 = "binhdan.web.views.bad_request"
handler403 = "binhdan.web.views.permission_denied"
handler404 = "binhdan.web.views.page_not_found"
handler500 = "binhdan.web.views.server_error"
