"""The volunteers' API: support visits (single and batch, idempotent) and a team's to-do."""

import json
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from binhdan.accounts.auth import api_auth
from binhdan.volunteers import todo, visits
from binhdan.volunteers.errors import VisitErrors
from binhdan.volunteers.schemas import (
    TodoItemOut,
    VisitBatchIn,
    VisitBatchOut,
    VisitEditIn,
    VisitIn,
    VisitResultOut,
)

router = Router(tags=["volunteers"])

_ITEM_FIELDS = (
    "client_uuid",
    "visited_at",
    "outcome",
    "person_id",
    "village_code",
    "service_kinds",
    "note",
)


def _item(payload: VisitIn, client_uuid: UUID | None = None) -> visits.VisitItem:
    item = visits.VisitItem(**{f: getattr(payload, f) for f in _ITEM_FIELDS})
    item.person = payload.person.model_dump() if payload.person is not None else None
    if client_uuid is not None:
        item.client_uuid = client_uuid
    return item


def _single(result: visits.VisitResult) -> dict:
    return {
        "client_uuid": result.client_uuid,
        "status": result.status,
        "visit_id": result.visit_id,
        "updated_at": result.updated_at,
    }


@router.post(
    "/visits",
    response={200: VisitResultOut, 201: VisitResultOut},
    summary="One support visit (201 created, 200 duplicate; a rejected visit is a 4xx)",
    auth=api_auth,
)
def visit_create(request: HttpRequest, payload: VisitIn):
    member = visits.member_for_visits(request.user)
    result = visits.visits_record(member=member, actor=request.user, items=[_item(payload)])[0]
    if result.error is not None:
        raise result.error
    return Status(201 if result.status == visits.CREATED else 200, _single(result))


@router.post(
    "/visits/batch",
    response=VisitBatchOut,
    summary="1 to 1,000 support visits of the caller (offline upload); one result per item",
    auth=api_auth,
)
def visit_batch(request: HttpRequest, payload: VisitBatchIn):
    member = visits.member_for_visits(request.user)
    results = visits.visits_record(
        member=member, actor=request.user, items=[_item(v) for v in payload.visits]
    )
    body = {
        "results": [
            {
                "client_uuid": str(r.client_uuid),
                "status": r.status,
                "visit_id": r.visit_id,
                "code": r.error.code if r.error else "",
                "message": r.error.message if r.error else "",
                "field": r.field,
            }
            for r in results
        ]
    }
    # Built as the schema says; not re-validated item by item (1,000 of them).
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )


@router.put(
    "/visits/{client_uuid}",
    response=VisitResultOut,
    summary="Edit a stored visit; 409 visit_conflict with both versions if it changed since",
    auth=api_auth,
)
def visit_update(request: HttpRequest, client_uuid: UUID, payload: VisitEditIn):
    if payload.client_uuid is not None and payload.client_uuid != client_uuid:
        raise VisitErrors.CLIENT_UUID_MISMATCH.error()
    visit = visits.visit_edit(
        actor=request.user,
        item=_item(payload, client_uuid),
        base_updated_at=payload.base_updated_at,
    )
    return {
        "client_uuid": visit.client_uuid,
        "status": visits.UPDATED,
        "visit_id": visit.pk,
        "updated_at": visit.updated_at,
    }


@router.get(
    "/teams/{team_id}/todo",
    response=list[TodoItemOut],
    summary="A team's open to-do items: elderly and consented vulnerable first, then oldest",
    auth=api_auth,
)
def team_todo(request: HttpRequest, team_id: int):
    return todo.todo_for_user(user=request.user, team_id=team_id)
