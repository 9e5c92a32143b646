from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from binhdan.accounts.models import ApiToken, RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    raw_id_fields = ["area"]
    extra = 0
    readonly_fields = ["granted_by", "created_at"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [RoleGrantInline]
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    fieldsets = (*BaseUserAdmin.fieldsets, ("binhdan", {"fields": ("full_name", "phone")}))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued in the app (shown once); here they can only be renamed, shortened
    or revoked: nobody re-points a token to another user or another bridge point."""

    list_display = [
        "name",
        "user",
        "bridge_point",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = [
        "user",
        "bridge_point",
        "created_by",
        "prefix",
        "key_hash",
        "created_at",
        "last_used_at",
    ]

    def has_add_permission(self, request):
        return False
