"""An installable offline app's two files: its service worker and its web app manifest.

The operator console (``/van-hanh/``) and the volunteer app (``/tinh-nguyen/``) each
describe themselves once with :class:`OfflineApp`; the worker template gets the scope,
the static prefix, the shell's asset URLs and a version that changes whenever a cached
asset or the worker itself changes (so phones drop a stale shell).
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

ICONS = ("classes/icon-192.png", "classes/icon-512.png")
# What every worker shares (its constants, dropping older caches): part of each version.
COMMON_WORKER = Path(__file__).parent / "templates" / "core" / "_sw_common.js"


@dataclass(frozen=True)
class OfflineApp:
    scope: str
    worker_template: str  # template name, also found on disk for the version hash
    worker_path: Path
    shell_assets: tuple[str, ...]
    name: str  # lazy translations
    short_name: str
    start_url_name: str
    theme_color: str
    worker_context: dict = field(default_factory=dict)

    def asset_version(self) -> str:
        digest = hashlib.sha256()
        for name in self.shell_assets:
            digest.update(static(name).encode())
            found = finders.find(name)
            if found:
                with open(found, "rb") as handle:
                    digest.update(handle.read())
        digest.update(self.worker_path.read_bytes())
        digest.update(COMMON_WORKER.read_bytes())
        return digest.hexdigest()[:12]

    def service_worker_view(self):
        @never_cache
        @require_GET
        def service_worker(request):
            context = {
                "version": self.asset_version(),
                "scope": self.scope,
                "scope_json": json.dumps(self.scope),
                "static_json": json.dumps(static("x")[:-1]),
                "shell_json": json.dumps([static(name) for name in self.shell_assets]),
                **self.worker_context,
            }
            response = render(
                request,
                self.worker_template,
                context,
                content_type="application/javascript; charset=utf-8",
            )
            response["Service-Worker-Allowed"] = self.scope
            return response

        return service_worker

    def manifest_view(self):
        @require_GET
        def manifest(request):
            small, large = ICONS
            data = {
                "name": str(self.name),
                "short_name": str(self.short_name),
                "lang": "vi",
                "start_url": reverse(self.start_url_name),
                "scope": self.scope,
                "display": "standalone",
                "background_color": "#ffffff",
                "theme_color": self.theme_color,
                "icons": [
                    {"src": static(small), "sizes": "192x192", "type": "image/png"},
                    {
                        "src": static(large),
                        "sizes": "512x512",
                        "type": "image/png",
                        "purpose": "any maskable",
                    },
                ],
            }
            return HttpResponse(
                json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
            )

        return manifest
