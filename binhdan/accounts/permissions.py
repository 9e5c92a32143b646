"""What each role may do. A grant's role applies over the grant's area subtree.

This table is the single source of truth; tests/accounts/test_permission_matrix.py
checks it role by role, inside and outside the granted area.
"""

from enum import StrEnum

from binhdan.accounts.models import Role


class Action(StrEnum):
    AREA_VIEW = "area.view"
    VILLAGE_MANAGE = "area.manage_villages"
    PERSON_VIEW = "person.view"
    PERSON_CREATE = "person.create"
    PERSON_VIEW_SENSITIVE = "person.view_sensitive"
    USER_MANAGE = "user.manage"


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.PROVINCE_ADMIN: frozenset(Action),
    Role.COMMUNE_OFFICER: frozenset(
        {
            Action.AREA_VIEW,
            Action.VILLAGE_MANAGE,
            Action.PERSON_VIEW,
            Action.PERSON_CREATE,
            Action.PERSON_VIEW_SENSITIVE,
            Action.USER_MANAGE,
        }
    ),
    # Team leaders plan door-to-door help: they must see who is vulnerable in their area.
    Role.TEAM_LEADER: frozenset(
        {Action.AREA_VIEW, Action.PERSON_VIEW, Action.PERSON_CREATE, Action.PERSON_VIEW_SENSITIVE}
    ),
    Role.VOLUNTEER: frozenset({Action.AREA_VIEW, Action.PERSON_CREATE}),
    Role.OPERATOR: frozenset({Action.AREA_VIEW, Action.PERSON_CREATE}),
    Role.INSTRUCTOR: frozenset({Action.AREA_VIEW}),
}


def roles_allowed(action: Action) -> list[str]:
    return [role for role, actions in ROLE_ACTIONS.items() if action in actions]
