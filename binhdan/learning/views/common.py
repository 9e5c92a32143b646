"""What every learning page shares: the learner remembered in the browser session (and the
staff user helping them), and the rate-limit answer."""

from django.shortcuts import render

from binhdan.core.ratelimit import RateLimited, rate_limit
from binhdan.learning import selectors

SESSION_PERSON = "learner_person_id"
SESSION_HELPER = "learner_assisted_by"
SESSION_ATTEMPTS = "learner_attempts"
SESSION_PENDING = "learner_pending_lessons"


def helper(request):
    """The logged-in staff user helping a citizen, when the session is in assisted mode."""
    helper_id = request.session.get(SESSION_HELPER)
    if helper_id and request.user.is_authenticated and request.user.pk == helper_id:
        return request.user
    return None


def learner(request):
    person = selectors.learner_get(person_id=request.session.get(SESSION_PERSON))
    if person is None:
        return None
    # An assisted identification belongs to the helper's login: another login must not see it.
    if request.session.get(SESSION_HELPER) and helper(request) is None:
        return None
    return person


def learner_context(request) -> dict:
    return {"learner": learner(request), "helper": helper(request)}


def limited(request, scope: str, limit: int):
    """The 429 page once the address made ``limit`` requests of ``scope`` this minute."""
    try:
        rate_limit(request=request, scope=scope, limit=limit, window_seconds=60)
    except RateLimited as exc:
        return render(request, "learning/rate_limited.html", {"message": exc.message}, status=429)
    return None
