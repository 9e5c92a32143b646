"""Sessions, bridge points and check-ins in the admin: view only.

They are written by ``planning`` (scope, validation, the "point has check-ins" refusal,
reminders) and ``services`` (check-ins, headcounts), through the planning pages and the
console. The one field only the admin edits is ``CheckInFlag.resolved_at``.
"""

from django.contrib import admin

from binhdan.classes.models import (
    BridgePoint,
    CheckIn,
    CheckInFlag,
    ClassSession,
    Headcount,
    SessionPoint,
)
from binhdan.core.admin import ReadOnlyModelAdmin, ReadOnlyTabularInline


class SessionPointInline(ReadOnlyTabularInline):
    model = SessionPoint
    fields = [
        "point",
        "opened_at",
        "last_heartbeat_at",
        "closed_at",
        "checkin_count",
        "headcount",
        "headcount_at",
    ]
    readonly_fields = fields
    show_change_link = False


@admin.register(ClassSession)
class ClassSessionAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "kind", "starts_at", "area", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "area__name"]
    list_select_related = ["area"]
    date_hierarchy = "starts_at"
    inlines = [SessionPointInline]


@admin.register(BridgePoint)
class BridgePointAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "village", "is_active", "self_checkin_code"]
    list_filter = ["is_active"]
    search_fields = ["name", "self_checkin_code", "village__name"]
    list_select_related = ["village"]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyModelAdmin):
    list_display = ["session", "point", "full_name", "method", "checked_in_at", "received_at"]
    list_filter = ["method"]
    list_select_related = ["session", "point"]
    search_fields = ["full_name"]


@admin.register(CheckInFlag)
class CheckInFlagAdmin(admin.ModelAdmin):
    """Flags are created by the check-in service; marking one resolved is the only edit
    (no service resolves flags yet), everything else is read-only."""

    list_display = ["session", "checkin", "other_point", "created_at", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter)]
    fields = ["session", "checkin", "other_point", "client_uuid", "created_at", "resolved_at"]
    readonly_fields = ["session", "checkin", "other_point", "client_uuid", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Headcount)
class HeadcountAdmin(ReadOnlyModelAdmin):
    list_display = ["session_point", "count", "counted_at", "received_at"]
