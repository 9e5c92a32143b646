from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from binhdan.accounts import selectors as scope
from binhdan.areas import selectors
from binhdan.areas.models import Area
from binhdan.web.areas.schemas import AreaDetailOut, AreaOut

router = Router(tags=["areas"])


class AreaFilter(Schema):
    parent: str | None = None
    level: Area.Level | None = None
    q: str | None = None


@router.get("", response=list[AreaOut], summary="Areas in my scope")
@paginate(LimitOffsetPagination)
def area_list(request: HttpRequest, filters: Query[AreaFilter]):
    if filters.q:
        return scope.area_search(user=request.user, query=filters.q, limit=200)
    areas = scope.areas_for_user(user=request.user).select_related("parent")
    if filters.parent:
        parent = scope.area_get_for_user(user=request.user, code=filters.parent)
        areas = areas.filter(parent=parent)
    if filters.level:
        areas = areas.filter(level=filters.level)
    return areas


@router.get("/{code}", response=AreaDetailOut, summary="One area with its counts")
def area_detail(request: HttpRequest, code: str):
    area = scope.area_get_for_user(user=request.user, code=code)
    counts = selectors.subtree_counts(area=area)
    area.commune_count = counts["commune"]
    area.village_count = counts["village"]
    return area
