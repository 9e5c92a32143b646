"""Device tokens: an API token for the phone or tablet that checks people in at one point.

The model (docs/operations.md, "Tokens"): a device token belongs to the manager who issued
it (a user with ``session.manage`` over the point: its commune officer, a province admin)
and is bound to that bridge point. It authenticates only the check-in endpoints (open,
heartbeat, close, check-ins, headcounts, the operator's session list), only for its point,
and within what its issuer may still do there: check-ins are recorded as by the issuer, and
the token stops working when the issuer loses the right, is deactivated, or the token is
revoked or expires. Nobody obtains a token acting as another user.
"""

from django.db import transaction

from binhdan.accounts.models import ApiToken, User
from binhdan.accounts.permissions import Action
from binhdan.accounts.services import IssuedToken, token_create, token_revoke
from binhdan.classes.errors import CheckInErrors
from binhdan.classes.models import BridgePoint
from binhdan.classes.planning.selectors import point_get_for_user


def point_for_device_tokens(*, user: User, point_id: int) -> BridgePoint:
    """The bridge point whose device tokens ``user`` manages; NotFound outside their scope."""
    return point_get_for_user(user=user, pk=point_id, action=Action.SESSION_MANAGE)


def device_tokens_of_point(*, point: BridgePoint):
    """Every device token of ``point`` (live, expired and revoked), newest first."""
    return (
        ApiToken.objects.filter(bridge_point=point)
        .select_related("user", "created_by")
        .order_by("-created_at")
    )


@transaction.atomic
def device_token_issue(*, actor: User, point_id: int, name: str) -> IssuedToken:
    """Issue a token bound to the bridge point, for its check-in device (shown once)."""
    point = point_for_device_tokens(user=actor, point_id=point_id)
    return token_create(user=actor, name=name, created_by=actor, bridge_point_id=point.pk)


def device_token_revoke(*, actor: User, point_id: int, token_id: int) -> ApiToken:
    """Revoke one of the point's device tokens, whoever of its managers issued it."""
    point = point_for_device_tokens(user=actor, point_id=point_id)
    if not ApiToken.objects.filter(pk=token_id, bridge_point=point).exists():
        raise CheckInErrors.TOKEN_NOT_FOUND.error()
    return token_revoke(actor=actor, token_id=token_id)
