"""The volunteer app's PWA files: the service worker (scope ``/tinh-nguyen/``) and the web
app manifest. Pages are never cached with their to-do list: the worker keeps an empty shell
of the app (``?shell=1``) that the app's script fills from the phone's one-day cache."""

import hashlib
import json
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

SCOPE = "/tinh-nguyen/"
SHELL_QUERY = "?shell=1"
SW_TEMPLATE = Path(__file__).parent / "templates" / "volunteers" / "app" / "sw.js"
SHELL_ASSETS = [
    "web/app.css",
    "volunteers/app.css",
    "web/offline-queue.js",
    "volunteers/app.js",
    "classes/icon-192.png",
    "classes/icon-512.png",
    "django_htmx/htmx-2.min.js",
    "django_htmx/django-htmx.js",
]


def _asset_version() -> str:
    """Changes whenever a cached asset or the worker itself changes."""
    digest = hashlib.sha256()
    for name in SHELL_ASSETS:
        digest.update(static(name).encode())
        found = finders.find(name)
        if found:
            with open(found, "rb") as handle:
                digest.update(handle.read())
    digest.update(SW_TEMPLATE.read_bytes())
    return digest.hexdigest()[:12]


@never_cache
@require_GET
def service_worker(request):
    response = render(
        request,
        "volunteers/app/sw.js",
        {
            "version": _asset_version(),
            "scope": SCOPE,
            "scope_json": json.dumps(SCOPE),
            "shell_page_json": json.dumps(SCOPE + SHELL_QUERY),
            "static_json": json.dumps(static("x")[:-1]),
            "shell_json": json.dumps([static(name) for name in SHELL_ASSETS]),
        },
        content_type="application/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = SCOPE
    return response


@require_GET
def manifest(request):
    data = {
        "name": _("Bình dân học vụ số: tình nguyện viên"),
        "short_name": _("Tình nguyện"),
        "lang": "vi",
        "start_url": reverse("volunteer_app:home"),
        "scope": SCOPE,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d5fa8",
        "icons": [
            {"src": static("classes/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {
                "src": static("classes/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "any maskable",
            },
        ],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )
