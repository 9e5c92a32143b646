"""The volunteer app's PWA files: the service worker (scope ``/tinh-nguyen/``) and the web
app manifest. Pages are never cached with their to-do list: the worker keeps an empty shell
of the app (``?shell=1``) that the app's script fills from the phone's one-day cache."""

import json
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from binhdan.core.pwa import ICONS, OfflineApp

SCOPE = "/tinh-nguyen/"
SHELL_QUERY = "?shell=1"

VOLUNTEER_APP = OfflineApp(
    scope=SCOPE,
    worker_template="volunteers/app/sw.js",
    worker_path=Path(__file__).parent / "templates" / "volunteers" / "app" / "sw.js",
    shell_assets=(
        "web/app.css",
        "volunteers/app.css",
        "web/offline-queue.js",
        "volunteers/app.js",
        *ICONS,
        "django_htmx/htmx-2.min.js",
        "django_htmx/django-htmx.js",
    ),
    name=_("Bình dân học vụ số: tình nguyện viên"),
    short_name=_("Tình nguyện"),
    start_url_name="volunteer_app:home",
    theme_color="#1d5fa8",
    worker_context={"shell_page_json": json.dumps(SCOPE + SHELL_QUERY)},
)

service_worker = VOLUNTEER_APP.service_worker_view()
manifest = VOLUNTEER_APP.manifest_view()
