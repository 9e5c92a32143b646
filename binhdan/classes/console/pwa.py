"""The console's PWA files: the service worker (cached shell, scope ``/van-hanh/``) and
the web app manifest."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from binhdan.core.pwa import ICONS, OfflineApp

SCOPE = "/van-hanh/"

CONSOLE_APP = OfflineApp(
    scope=SCOPE,
    worker_template="classes/console/sw.js",
    worker_path=Path(__file__).parent.parent / "templates" / "classes" / "console" / "sw.js",
    shell_assets=(
        "web/app.css",
        "classes/console.css",
        "web/offline-queue.js",
        "classes/console.js",
        *ICONS,
        "django_htmx/htmx-2.min.js",
        "django_htmx/django-htmx.js",
    ),
    name=_("Bình dân học vụ số: vận hành điểm cầu"),
    short_name=_("Điểm cầu"),
    start_url_name="console:home",
    theme_color="#b3261e",
)

service_worker = CONSOLE_APP.service_worker_view()
manifest = CONSOLE_APP.manifest_view()
