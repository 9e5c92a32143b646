from django.conf import settings

from binhdan.demo.selectors import demo_is_loaded


def site(request):
    return {
        "site_name": settings.BINHDAN_SITE_NAME,
        "demo_banner": demo_is_loaded(),
    }
