from django.contrib import admin

from binhdan.areas.models import Area
from binhdan.core.admin import ReadOnlyModelAdmin


@admin.register(Area)
class AreaAdmin(ReadOnlyModelAdmin):
    """View only: provinces and communes come from ``load_areas``, villages from the village
    import, both of which keep ``path`` (and every descendant's) and ``name_folded`` true.
    An edit here changed a parent or code without moving the subtree's paths."""

    list_display = ["name", "code", "level", "kind", "parent"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "name_folded", "code"]
    raw_id_fields = ["parent"]
