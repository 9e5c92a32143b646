from django.contrib import admin

from binhdan.scamcheck.models import ScamCheckDay, ScamReport


@admin.register(ScamReport)
class ScamReportAdmin(admin.ModelAdmin):
    list_display = ["kind", "value", "status", "created_at", "moderated_by"]
    list_filter = ["kind", "status"]
    search_fields = ["value"]
    readonly_fields = ["client_uuid", "created_at", "moderated_at", "moderated_by"]


@admin.register(ScamCheckDay)
class ScamCheckDayAdmin(admin.ModelAdmin):
    list_display = ["day", "verdict", "count"]
