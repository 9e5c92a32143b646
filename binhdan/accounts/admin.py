"""Users, role grants and API tokens in the admin.

Users are created and edited with Django's ``UserAdmin`` (no service covers them). A new
role grant goes through ``services.role_grant`` (role checked, ``user.manage`` scope,
``granted_by`` recorded); an existing grant is not edited, only removed (no service
revokes grants yet, so the admin is where that happens). Tokens are view only; revoking
goes through ``services.token_revoke``, which also makes every worker forget the token.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdan.accounts import services
from binhdan.accounts.models import ApiToken, RoleGrant, User
from binhdan.core.admin import ReadOnlyModelAdmin
from binhdan.core.errors import DomainError


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    fields = ["area", "role", "granted_by", "created_at"]
    raw_id_fields = ["area"]
    extra = 0
    readonly_fields = ["granted_by", "created_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        # Existing grants are shown read-only: a changed area or role is a new grant.
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [RoleGrantInline]
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    fieldsets = (*BaseUserAdmin.fieldsets, ("binhdan", {"fields": ("full_name", "phone")}))

    def save_formset(self, request, form, formset, change):
        if formset.model is not RoleGrant:
            return super().save_formset(request, form, formset, change)
        drafts = formset.save(commit=False)  # also fills deleted_objects
        for grant in formset.deleted_objects:
            grant.delete()
        for draft in drafts:
            if draft.pk is not None:
                continue  # existing grants are read-only (see the inline)
            try:
                services.role_grant(
                    actor=request.user, user=form.instance, area=draft.area, role=draft.role
                )
            except DomainError as exc:
                messages.error(request, exc.message)
        return None


@admin.action(description=gettext_lazy("Thu hồi mã truy cập đã chọn"))
def revoke_tokens(modeladmin, request, queryset):
    revoked = 0
    for token_id in queryset.values_list("pk", flat=True):
        try:
            services.token_revoke(actor=request.user, token_id=token_id)
        except DomainError as exc:
            modeladmin.message_user(request, exc.message, messages.ERROR)
            continue
        revoked += 1
    modeladmin.message_user(request, _("Đã thu hồi %(n)s mã truy cập.") % {"n": revoked})


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyModelAdmin):
    """Tokens are issued in the app (shown once) and only revoked here, by the action."""

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
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user", "bridge_point"]
    search_fields = ["name", "prefix", "user__username"]
    exclude = ["key_hash"]
    actions = [revoke_tokens]
