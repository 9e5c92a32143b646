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
    PERSON_MERGE = "person.merge"
    USER_MANAGE = "user.manage"
    CURRICULUM_EDIT = "curriculum.edit"
    LEARNING_VIEW = "learning.view"
    CERTIFICATE_REVOKE = "certificate.revoke"
    SESSION_VIEW = "session.view"
    SESSION_MANAGE = "session.manage"
    CHECKIN_WRITE = "checkin.write"
    SCAM_MODERATE = "scam.moderate"
    TEAM_VIEW = "team.view"
    TEAM_MANAGE = "team.manage"
    VISIT_WRITE = "visit.write"


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.PROVINCE_ADMIN: frozenset(Action),
    # Topics are province-wide: commune officers teach them but do not author them.
    Role.COMMUNE_OFFICER: frozenset(Action) - {Action.CURRICULUM_EDIT},
    # Team leaders plan door-to-door help: they must see who is vulnerable in their area.
    Role.TEAM_LEADER: frozenset(
        {
            Action.AREA_VIEW,
            Action.PERSON_VIEW,
            Action.PERSON_CREATE,
            Action.PERSON_VIEW_SENSITIVE,
            Action.SESSION_VIEW,
            Action.CHECKIN_WRITE,
            # Their own team they manage as its leader (volunteers.access), not by grant.
            Action.TEAM_VIEW,
            Action.VISIT_WRITE,
        }
    ),
    Role.VOLUNTEER: frozenset({Action.AREA_VIEW, Action.PERSON_CREATE, Action.VISIT_WRITE}),
    Role.OPERATOR: frozenset(
        {Action.AREA_VIEW, Action.PERSON_CREATE, Action.SESSION_VIEW, Action.CHECKIN_WRITE}
    ),
    Role.INSTRUCTOR: frozenset(
        {Action.AREA_VIEW, Action.CURRICULUM_EDIT, Action.LEARNING_VIEW, Action.SESSION_VIEW}
    ),
}


def roles_allowed(action: Action) -> list[str]:
    return [role for role, actions in ROLE_ACTIONS.items() if action in actions]
