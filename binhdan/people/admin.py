from django.contrib import admin

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
