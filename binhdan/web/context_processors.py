from functools import cached_property

from django.conf import settings

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can_anywhere
from binhdan.accounts.two_factor import two_factor_available_to
from binhdan.demo.selectors import demo_is_loaded
from binhdan.volunteers.access import member_of


class StaffMenu:
    """What the signed-in user may open, computed only if a template asks (one query)."""

    def __init__(self, user):
        self._user = user

    def _can(self, action: Action) -> bool:
        return self._user.is_authenticated and user_can_anywhere(user=self._user, action=action)

    @cached_property
    def areas(self) -> bool:
        return self._can(Action.AREA_VIEW)

    @cached_property
    def people(self) -> bool:
        return self._can(Action.PERSON_VIEW)

    @cached_property
    def people_create(self) -> bool:
        return self._can(Action.PERSON_CREATE)

    @cached_property
    def sessions(self) -> bool:
        return self._can(Action.SESSION_VIEW)

    @cached_property
    def plan(self) -> bool:
        return self._can(Action.SESSION_MANAGE)

    @cached_property
    def operate(self) -> bool:
        if self._can(Action.CHECKIN_WRITE):
            return True
        return self._user.is_authenticated and self._user.operated_points.exists()

    @cached_property
    def author(self) -> bool:
        return self._can(Action.CURRICULUM_EDIT)

    @cached_property
    def learning(self) -> bool:
        return self._can(Action.LEARNING_VIEW)

    @cached_property
    def certificates(self) -> bool:
        return self._can(Action.CERTIFICATE_REVOKE)

    @cached_property
    def moderate(self) -> bool:
        return self._can(Action.SCAM_MODERATE)

    @cached_property
    def teams(self) -> bool:
        return self._can(Action.TEAM_VIEW) or self.volunteer_app

    @cached_property
    def volunteer_app(self) -> bool:
        """An active member: the phone app for logging visits."""
        return member_of(self._user) is not None

    @cached_property
    def two_factor(self) -> bool:
        return two_factor_available_to(user=self._user)


def site(request):
    return {
        "site_name": settings.BINHDAN_SITE_NAME,
        "demo_banner": demo_is_loaded(),
        "menu": StaffMenu(request.user) if hasattr(request, "user") else None,
    }
