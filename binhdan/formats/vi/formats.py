"""Django's Vietnamese formats, plus digit grouping (250.000) for figures shown with intcomma."""

from django.conf.locale.vi.formats import *  # noqa: F403

NUMBER_GROUPING = 3
