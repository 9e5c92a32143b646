from django.contrib import admin

from binhdan.classes.models import (
    BridgePoint,
    CheckIn,
    CheckInFlag,
    ClassSession,
    Headcount,
    SessionPoint,
)


class SessionPointInline(admin.TabularInline):
    model = SessionPoint
    extra = 0
    raw_id_fields = ["point"]
    readonly_fields = [
        "area_path",
        "opened_at",
        "last_heartbeat_at",
        "closed_at",
        "checkin_count",
        "headcount",
        "headcount_at",
    ]


@admin.register(ClassSession)
class ClassSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "area", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    raw_id_fields = ["area", "instructor", "created_by"]
    readonly_fields = ["area_path"]
    inlines = [SessionPointInline]

    def save_model(self, request, obj, form, change):
        obj.area_path = obj.area.path
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            instance.area_path = instance.point.area_path
            instance.save()
        formset.save_m2m()
        for deleted in formset.deleted_objects:
            deleted.delete()


@admin.register(BridgePoint)
class BridgePointAdmin(admin.ModelAdmin):
    list_display = ["name", "village", "is_active", "self_checkin_code"]
    search_fields = ["name", "self_checkin_code"]
    raw_id_fields = ["village"]
    filter_horizontal = ["operators"]
    readonly_fields = ["area_path"]

    def save_model(self, request, obj, form, change):
        obj.area_path = obj.village.path
        super().save_model(request, obj, form, change)


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    """Read-only: check-ins come from the consoles through the services."""

    list_display = ["session", "point", "full_name", "method", "checked_in_at", "received_at"]
    list_filter = ["method"]
    raw_id_fields = ["session", "point", "person", "recorded_by"]
    search_fields = ["full_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CheckInFlag)
class CheckInFlagAdmin(admin.ModelAdmin):
    list_display = ["session", "checkin", "other_point", "created_at", "resolved_at"]
    raw_id_fields = ["session", "checkin", "other_point"]
    readonly_fields = ["client_uuid", "created_at"]


@admin.register(Headcount)
class HeadcountAdmin(admin.ModelAdmin):
    list_display = ["session_point", "count", "counted_at", "received_at"]
    raw_id_fields = ["session_point", "recorded_by"]
    readonly_fields = ["client_uuid", "received_at"]
