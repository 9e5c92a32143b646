"""The area picker's endpoint: public, read-only, the same answer for HTMX and plain GET."""

import re

from django.shortcuts import render
from django.views.decorators.http import require_GET

from binhdan.accounts import area_picker as picker
from binhdan.areas import selectors

FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")


@require_GET
def pick(request, kind: str):
    """Areas of picker ``kind`` matching ``<field>_q`` (see ``binhdan.accounts.area_picker``).

    HTMX asks for the results of one picker (target ``<field>-results``) or for a whole
    picker (the villages once a commune is chosen, ``parent`` or ``parent_field`` naming
    it); a plain GET gets a page with a search form and the matching areas.
    """
    source = picker.picker_source(kind)
    field = request.GET.get("field", "")
    if not FIELD_NAME.fullmatch(field):
        field = "area"
    parent = None
    if source.by_parent:
        parent_field = request.GET.get("parent_field", "")
        code = request.GET.get("parent") or (
            request.GET.get(parent_field, "") if FIELD_NAME.fullmatch(parent_field) else ""
        )
        parent = selectors.commune_by_code(code=code)
    state = picker.picker_state(
        source=source,
        user=request.user,
        field=field,
        data=request.GET,
        parent=parent,
        optional=request.GET.get("optional") == "1",
    )
    state.prompt = False  # while typing: the count alone is read out
    context = {"p": state, "oob": True}
    if request.htmx and request.htmx.target == f"{field}-results":
        return render(request, "areas/_picker_results.html", context)
    if request.htmx:
        return render(request, "areas/_picker.html", context)
    return render(request, "areas/picker_page.html", context)
