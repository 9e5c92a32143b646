from django.contrib import admin

from binhdan.areas.models import Area


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "kind", "parent"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "name_folded", "code"]
    readonly_fields = ["path", "name_folded", "created_at", "updated_at"]
    raw_id_fields = ["parent"]
