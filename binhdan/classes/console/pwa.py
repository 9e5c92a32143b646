"""The console's PWA files: the service worker (cached shell, scope ``/van-hanh/``) and
the web app manifest."""

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

SCOPE = "/van-hanh/"
SW_TEMPLATE = Path(__file__).parent.parent / "templates" / "classes" / "console" / "sw.js"
SHELL_ASSETS = [
    "web/app.css",
    "classes/console.css",
    "web/offline-queue.js",
    "classes/console.js",
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
    static_prefix = static("x")[:-1]
    response = render(
        request,
        "classes/console/sw.js",
        {
            "version": _asset_version(),
            "scope": SCOPE,
            "scope_json": json.dumps(SCOPE),
            "static_json": json.dumps(static_prefix),
            "shell_json": json.dumps([static(name) for name in SHELL_ASSETS]),
        },
        content_type="application/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = SCOPE
    return response


@require_GET
def manifest(request):
    data = {
        "name": _("Bình dân học vụ số: vận hành điểm cầu"),
        "short_name": _("Điểm cầu"),
        "lang": "vi",
        "start_url": reverse("console:home"),
        "scope": SCOPE,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#b3261e",
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
