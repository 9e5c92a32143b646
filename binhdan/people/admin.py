from django.contrib import admin

from binhdan.core.text import fold
from binhdan.people.models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "birth_year", "village", "created_at"]
    search_fields = ["full_name", "phone"]
    raw_id_fields = ["village"]
    readonly_fields = [
        "identity_key",
        "cccd_last4",
        "area_path",
        "client_uuid",
        "sensitive_consent_at",
        "sensitive_consent_by",
        "created_by",
    ]

    def save_model(self, request, obj, form, change):
        obj.name_folded = fold(obj.full_name)  # what the staff search and matching read
        super().save_model(request, obj, form, change)
