"""A lesson page must stay light for cheap phones on 3G: under 60 kB of HTML + CSS + JS."""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db

BUDGET = 60_000
ASSET = re.compile(r'(?:src|href)="/static/([^"]+)"')


def measure(client, url: str) -> dict[str, tuple[int, int]]:
    """Bytes of the page and each local CSS/JS it loads: (raw, gzip)."""
    html = client.get(url).content
    sizes = {"html": (len(html), len(gzip.compress(html)))}
    for name in ASSET.findall(html.decode()):
        if not name.endswith((".css", ".js")):
            continue
        data = Path(finders.find(name)).read_bytes()
        sizes[name] = (len(data), len(gzip.compress(data)))
    return sizes


def test_lesson_page_weight_is_under_budget(client, loaded):
    url = reverse("curriculum:lesson", args=["dich-vu-cong-truc-tuyen", "dich-vu-cong-la-gi"])
    sizes = measure(client, url)
    raw = sum(r for r, _ in sizes.values())
    zipped = sum(z for _, z in sizes.values())
    print(f"\nlesson page weight: {raw:,} bytes raw, {zipped:,} gzip")
    for name, (r, z) in sizes.items():
        print(f"  {name:<40} {r:>7,} {z:>7,}")
    assert not any("htmx" in name for name in sizes), "lesson pages do not need htmx"
    assert raw < BUDGET
