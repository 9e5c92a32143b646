"""People in the admin: view only. Registration, edits and merges go through
``people.services`` / ``people.merging`` (identity key, folded name, consent, scope)."""

from django.contrib import admin

from binhdan.core.admin import ReadOnlyModelAdmin
from binhdan.people.models import Person


@admin.register(Person)
class PersonAdmin(ReadOnlyModelAdmin):
    list_display = ["full_name", "birth_year", "village", "created_at"]
    list_select_related = ["village"]
    search_fields = ["full_name", "name_folded", "phone"]
    date_hierarchy = "created_at"
