from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import area_get_for_user
from binhdan.people import selectors, services
from binhdan.people.schemas import PersonIn, PersonOut

router = Router(tags=["people"])


class PersonFilter(Schema):
    q: str = ""
    village: str = ""


@router.post(
    "",
    response={200: PersonOut, 201: PersonOut},
    summary="Register a citizen (idempotent on client_uuid and on identity)",
)
def person_create(request: HttpRequest, payload: PersonIn):
    village = area_get_for_user(
        user=request.user, code=payload.village_code, action=Action.PERSON_CREATE
    )
    person, created = services.person_register(
        actor=request.user,
        village=village,
        full_name=payload.full_name,
        birth_year=payload.birth_year,
        phone=payload.phone,
        cccd=payload.cccd,
        has_disability=payload.has_disability,
        household_status=payload.household_status.value,
        sensitive_consent=payload.sensitive_consent,
        client_uuid=payload.client_uuid,
    )
    return Status(201 if created else 200, person)


@router.get("", response=list[PersonOut], summary="Citizens in my scope")
@paginate(LimitOffsetPagination)
def person_list(request: HttpRequest, filters: Query[PersonFilter]):
    people = selectors.people_for_user(
        user=request.user, query=filters.q, village_code=filters.village
    )
    return people


@router.get("/{person_id}", response=PersonOut, summary="One citizen")
def person_detail(request: HttpRequest, person_id: int):
    return selectors.person_get_for_user(user=request.user, person_id=person_id)
