"""``{% my_sessions %}``: the upcoming sessions of the logged-in user (dashboard)."""

from django import template

from binhdan.classes.planning.calendar import upcoming_sessions_for

register = template.Library()


@register.inclusion_tag("classes/_my_sessions.html", takes_context=True)
def my_sessions(context, limit: int = 5):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_sessions": []}
    return {"my_sessions": upcoming_sessions_for(user=user, limit=limit)}
