"""API schemas of the check-in endpoints.

Item fields are kept loose on purpose (a bad phone or CCCD in one item of a batch is that
item's ``rejected`` result, not a 422 of the whole batch); only what we cannot answer for
without (``client_uuid``) or cannot parse at all is a 422.
"""

import datetime as dt
from uuid import UUID

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field


class CheckInItemIn(BaseModel):
    """A plain pydantic model (not a ninja ``Schema``): validating 1,000 items through
    ninja's ORM-aware wrapper cost more than storing them (measured)."""

    model_config = ConfigDict(extra="forbid")

    client_uuid: UUID
    method: str = Field(max_length=10)
    checked_in_at: dt.datetime | None = None
    phone: str = Field(default="", max_length=30)
    cccd: str = Field(default="", max_length=20, description="Never stored; only its HMAC.")
    full_name: str = Field(default="", max_length=200)
    birth_year: int | None = None
    village_code: str = Field(default="", max_length=32)
    card: str = Field(default="", max_length=100)


class CheckInIn(CheckInItemIn):
    session_id: int
    point_id: int


class CheckInBatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session_id: int
    point_id: int
    items: list[CheckInItemIn] = Field(description="At most 1,000 items.")


class ItemResultOut(Schema):
    client_uuid: UUID
    status: str = Field(description="created | duplicate | rejected")
    reason: str = ""
    name_masked: str = Field(
        default="",
        description=(
            "A phone check-in sent without a name and matched to the one known person of the "
            "point's commune with that phone: that person's name, masked."
        ),
    )
    message: str = Field(
        default="",
        description="A rejected item: why, in Vietnamese (the message of its reason).",
    )


class BatchResultOut(Schema):
    created: int
    duplicate: int
    rejected: int
    results: list[ItemResultOut]


class HeadcountIn(Schema):
    model_config = ConfigDict(extra="forbid")

    client_uuid: UUID
    session_id: int
    point_id: int
    count: int = Field(ge=0, le=100_000)
    counted_at: dt.datetime


class HeadcountOut(Schema):
    client_uuid: UUID
    count: int
    counted_at: dt.datetime
    created: bool
    point_headcount: int | None
    point_headcount_at: dt.datetime | None


class PointStatusOut(Schema):
    session_id: int
    point_id: int
    opened_at: dt.datetime | None
    last_heartbeat_at: dt.datetime | None
    closed_at: dt.datetime | None
    checkin_count: int
    headcount: int | None


class CommuneFiguresOut(Schema):
    code: str
    name: str
    points_expected: int
    points_opened: int
    attendance: int


class LatestOut(Schema):
    at: str = Field(description="When the server received it.")
    checked_in_at: str = Field(default="", description="When it happened (offline: earlier).")
    point_name: str
    name_masked: str


class LiveOut(Schema):
    points_expected: int
    points_opened: int
    points_silent: int
    points_closed: int
    checkins: int
    attendance: int
    unique_people: int
    flagged: int
    by_commune: list[CommuneFiguresOut]
    latest: list[LatestOut]
    generated_at: str


class VillageOut(Schema):
    code: str
    name: str


class OperatorSessionOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    stream_url: str


class OperatorPointOut(Schema):
    id: int
    name: str
    address: str
    village_code: str
    village_name: str
    self_checkin_code: str


class OperatorSessionPointOut(Schema):
    session: OperatorSessionOut
    point: OperatorPointOut
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None
    checkin_count: int
    headcount: int | None
    villages: list[VillageOut] = Field(
        description="Villages of the point's commune (the name + birth year + village method)."
    )
