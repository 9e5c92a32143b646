"""Check-in API for bridge-point operators' consoles (and scripts).

Every write is idempotent on its ``client_uuid``: a console retries until it gets an answer.
The endpoints with ``auth=checkin_auth`` also take a bridge point's device token (for its
point only); every other endpoint of the API refuses one (403 ``token_not_allowed``).
"""

import datetime as dt
import json

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from binhdan.accounts.auth import checkin_auth
from binhdan.areas.paths import commune_path
from binhdan.classes.checkin import selectors, services
from binhdan.classes.errors import CheckInErrors, CheckInReasons
from binhdan.classes.schemas import (
    BatchResultOut,
    CheckInBatchIn,
    CheckInIn,
    HeadcountIn,
    HeadcountOut,
    ItemResultOut,
    LiveOut,
    OperatorSessionPointOut,
    PointStatusOut,
)

router = Router(tags=["Lớp học"])

_ITEM_FIELDS = (
    "client_uuid",
    "method",
    "checked_in_at",
    "phone",
    "cccd",
    "full_name",
    "birth_year",
    "village_code",
    "card",
)


def _json(body: dict, status: int = 200) -> HttpResponse:
    """The response as the declared schema says, without re-validating what we built."""
    return HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def _item(payload) -> services.CheckInItem:
    return services.CheckInItem(**{f: getattr(payload, f) for f in _ITEM_FIELDS})


@router.post(
    "/checkins",
    response={200: ItemResultOut, 201: ItemResultOut},
    summary="One check-in (201 created, 200 duplicate; a rejected item is a 422)",
    auth=checkin_auth,
)
def checkin_create(request: HttpRequest, payload: CheckInIn):
    session_point = services.session_point_for_write(
        actor=request.user,
        session_id=payload.session_id,
        point_id=payload.point_id,
        recent=True,
    )
    result = services.checkins_record(
        actor=request.user, session_point=session_point, items=[_item(payload)]
    )[0]
    if result.status == services.REJECTED:
        reason = CheckInReasons.by_code(result.reason)
        raise reason.error(details={"field": reason.field or "body"})
    return _json(_result(result), status=201 if result.status == services.CREATED else 200)


def _result(result: services.ItemResult, texts: dict[str, str] | None = None) -> dict:
    out = {"client_uuid": str(result.client_uuid), "status": result.status, "reason": result.reason}
    if result.name_masked:
        out["name_masked"] = result.name_masked
    if result.status == services.REJECTED:
        texts = texts or CheckInReasons.texts()
        out["message"] = texts.get(result.reason, "")
    return out


@router.post(
    "/checkins/batch",
    response=BatchResultOut,
    summary="Up to 1,000 check-ins of one point (offline upload); one result per item",
    auth=checkin_auth,
)
def checkin_batch(request: HttpRequest, payload: CheckInBatchIn):
    if len(payload.items) > services.MAX_BATCH:
        raise CheckInErrors.BATCH_TOO_LARGE.error(n=services.MAX_BATCH)
    session_point = services.session_point_for_write(
        actor=request.user,
        session_id=payload.session_id,
        point_id=payload.point_id,
        recent=True,
    )
    results = services.checkins_record(
        actor=request.user,
        session_point=session_point,
        items=[_item(item) for item in payload.items],
    )
    counts = {services.CREATED: 0, services.DUPLICATE: 0, services.REJECTED: 0}
    for result in results:
        counts[result.status] += 1
    texts = CheckInReasons.texts() if counts[services.REJECTED] else None
    return {
        "created": counts[services.CREATED],
        "duplicate": counts[services.DUPLICATE],
        "rejected": counts[services.REJECTED],
        "results": [_result(r, texts) for r in results],
    }


@router.post(
    "/headcounts",
    response={200: HeadcountOut, 201: HeadcountOut},
    summary="A point's headcount (idempotent; the latest counted_at wins)",
    auth=checkin_auth,
)
def headcount_create(request: HttpRequest, payload: HeadcountIn):
    session_point = services.session_point_for_write(
        actor=request.user, session_id=payload.session_id, point_id=payload.point_id
    )
    headcount, created = services.headcount_record(
        actor=request.user,
        session_point=session_point,
        count=payload.count,
        counted_at=payload.counted_at,
        client_uuid=payload.client_uuid,
    )
    return Status(
        201 if created else 200,
        {
            "client_uuid": headcount.client_uuid,
            "count": headcount.count,
            "counted_at": headcount.counted_at,
            "created": created,
            "point_headcount": session_point.headcount,
            "point_headcount_at": session_point.headcount_at,
        },
    )


def _status(session_point) -> dict:
    return {
        "session_id": session_point.session_id,
        "point_id": session_point.point_id,
        "opened_at": session_point.opened_at,
        "last_heartbeat_at": session_point.last_heartbeat_at,
        "closed_at": session_point.closed_at,
        "checkin_count": session_point.checkin_count,
        "headcount": session_point.headcount,
    }


def _point_action(action):
    def endpoint(
        request: HttpRequest, session_id: int, point_id: int, at: dt.datetime | None = None
    ):
        """``at``: when it happened on the console (an offline console sends it later): with
        its time zone, at most 5 minutes ahead and not before the session's day, else 422
        ``at_invalid``."""
        session_point = services.session_point_for_write(
            actor=request.user, session_id=session_id, point_id=point_id
        )
        return _status(action(actor=request.user, session_point=session_point, at=at))

    return endpoint


for _name, _action, _summary in (
    ("open", services.point_open, "The operator opens the point (idempotent)"),
    ("heartbeat", services.point_heartbeat, "The console is alive (every 30 s while open)"),
    ("close", services.point_close, "The operator closes the point (idempotent)"),
):
    router.post(
        f"/sessions/{{session_id}}/points/{{point_id}}/{_name}",
        response=PointStatusOut,
        summary=_summary,
        auth=checkin_auth,
        operation_id=f"session_point_{_name}",
    )(_point_action(_action))


@router.get(
    "/sessions/{session_id}/live",
    response=LiveOut,
    summary="Live figures of a session in my scope (cached a few seconds)",
)
def session_live(request: HttpRequest, session_id: int):
    session = selectors.session_get_for_view(user=request.user, session_id=session_id)
    return selectors.session_live_figures(session=session, user=request.user)


@router.get(
    "/operator/sessions",
    response=list[OperatorSessionPointOut],
    summary="What my operator console needs to work offline",
    auth=checkin_auth,
)
def operator_sessions(request: HttpRequest):
    session_points = list(selectors.operator_sessions(user=request.user))
    villages = selectors.commune_villages(area_paths={sp.area_path for sp in session_points})
    return [
        {
            "session": sp.session,
            "point": {
                "id": sp.point_id,
                "name": sp.point.name,
                "address": sp.point.address,
                "village_code": sp.point.village.code,
                "village_name": sp.point.village.name,
                "self_checkin_code": sp.point.self_checkin_code,
            },
            "opened_at": sp.opened_at,
            "closed_at": sp.closed_at,
            "checkin_count": sp.checkin_count,
            "headcount": sp.headcount,
            "villages": villages.get(commune_path(sp.area_path), []),
        }
        for sp in session_points
    ]
