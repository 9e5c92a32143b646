"""Shared pieces of the Django admin.

The admin is read-only where a service exists: it never writes around the services'
validation, scope checks and side effects (reminders, caches, audit). What it may still
change goes through a service (an admin action or a ``save_model`` calling it).
"""

from django.contrib import admin


class ReadOnlyAdminMixin:
    """View only: no add, no change, no delete (rows here have dependants or are written
    by a service). Works for a ``ModelAdmin`` and an inline; actions that call services
    stay available, ``delete_selected`` goes away with the delete permission."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyModelAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyTabularInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    show_change_link = True
