"""``{{ point.self_checkin_code|point_code }}``: the code as a person reads and types it."""

from django import template

from binhdan.classes.point_codes import display_code

register = template.Library()


@register.filter
def point_code(stored: str) -> str:
    return display_code(stored or "")
