from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdan.core.admin import ReadOnlyModelAdmin
from binhdan.core.errors import DomainError
from binhdan.scamcheck import services
from binhdan.scamcheck.models import DomainListSource, ScamCheckDay, ScamReport


def _moderate(modeladmin, request, queryset, decision: str) -> None:
    try:
        count = services.reports_moderate_selected(
            actor=request.user,
            report_ids=list(queryset.values_list("pk", flat=True)),
            decision=decision,
        )
    except DomainError as exc:
        modeladmin.message_user(request, exc.message, messages.ERROR)
        return
    modeladmin.message_user(
        request, _("Đã cập nhật %(n)s báo cáo trong địa bàn của bạn.") % {"n": count}
    )


@admin.action(description=gettext_lazy("Xác nhận là lừa đảo"))
def confirm_reports(modeladmin, request, queryset):
    _moderate(modeladmin, request, queryset, "confirm")


@admin.action(description=gettext_lazy("Bác bỏ (không phải lừa đảo)"))
def reject_reports(modeladmin, request, queryset):
    _moderate(modeladmin, request, queryset, "reject")


@admin.register(ScamReport)
class ScamReportAdmin(ReadOnlyModelAdmin):
    """View only: reports come from ``report_submit``; the only writes are the moderation
    actions, which call ``reports_moderate_selected`` (scope, audit fields)."""

    list_display = ["kind", "value", "status", "area", "created_at", "moderated_by"]
    list_filter = ["kind", "status"]
    search_fields = ["value"]
    list_select_related = ["area", "moderated_by"]
    actions = [confirm_reports, reject_reports]


@admin.register(ScamCheckDay)
class ScamCheckDayAdmin(ReadOnlyModelAdmin):
    """Daily counters written by the checker service: view only."""

    list_display = ["day", "verdict", "count"]
    list_filter = ["verdict"]


@admin.register(DomainListSource)
class DomainListSourceAdmin(admin.ModelAdmin):
    """Read-only: lists are loaded with ``binhdan import_domain_list``; deleting a source
    here removes its entries."""

    list_display = ["name", "kind", "entry_count", "imported_at", "file_name", "skipped_lines"]
    list_filter = ["kind"]
    readonly_fields = [
        "name", "kind", "entry_count", "skipped_lines", "file_name", "imported_at", "imported_by",
    ]  # fmt: skip

    def has_add_permission(self, request) -> bool:
        return False
