"""Teams, members, visits and to-do items in the admin: view only (they are written by
volunteers.services, the member import and the visit API). Staff add service kinds here."""

from django.contrib import admin

from binhdan.core.admin import ReadOnlyModelAdmin
from binhdan.volunteers.models import ServiceKind, SupportVisit, Team, TodoItem, Volunteer


@admin.register(Team)
class TeamAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "commune", "leader", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "commune__name"]
    list_select_related = ["commune", "leader"]


@admin.register(Volunteer)
class VolunteerAdmin(ReadOnlyModelAdmin):
    list_display = ["full_name", "birth_year", "phone", "commune", "team", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["full_name", "phone", "team__name"]
    list_select_related = ["commune", "team"]


@admin.register(SupportVisit)
class SupportVisitAdmin(ReadOnlyModelAdmin):
    list_display = ["visited_at", "volunteer", "team", "person", "outcome"]
    list_filter = ["outcome", "services"]
    date_hierarchy = "visited_at"
    list_select_related = ["volunteer", "team", "person"]


@admin.register(TodoItem)
class TodoItemAdmin(ReadOnlyModelAdmin):
    list_display = ["team", "person", "source", "created_at", "done_at"]
    list_filter = ["source"]
    list_select_related = ["team", "person"]


@admin.register(ServiceKind)
class ServiceKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"code": ["name"]}

    def has_delete_permission(self, request, obj=None):
        # Deleting a kind would drop it from every stored visit: switch it off instead.
        return False
