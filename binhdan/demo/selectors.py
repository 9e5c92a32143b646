from django.core.cache import cache

from binhdan.demo.models import DemoDataset

CACHE_KEY = "demo:loaded"


def demo_is_loaded() -> bool:
    loaded = cache.get(CACHE_KEY)
    if loaded is None:
        loaded = DemoDataset.objects.exists()
        cache.set(CACHE_KEY, loaded, 60)
    return loaded
