"""API schemas of support visits and the to-do list.

Visit fields are loose on purpose, as for check-ins: a bad outcome, kind or time in one item
of a batch is that item's ``rejected`` result, not a 422 of the whole batch. Only what cannot
be parsed at all (``client_uuid``, ``visited_at``, ids) is a 422 naming the field.
"""

import datetime as dt
from uuid import UUID

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field


class VisitPersonIn(BaseModel):
    """A person registered (or found) inline, by the people services' identity rules."""

    model_config = ConfigDict(extra="forbid")

    full_name: str = Field(default="", max_length=200)
    birth_year: int | None = None
    phone: str = Field(default="", max_length=30)
    cccd: str = Field(default="", max_length=20, description="Never stored; only its HMAC.")
    village_code: str = Field(default="", max_length=32)
    has_disability: bool = False
    household_status: str = Field(default="", max_length=10)
    sensitive_consent: bool = False


class VisitIn(BaseModel):
    """A plain pydantic model (not a ninja ``Schema``): cheaper for 1,000 items."""

    model_config = ConfigDict(extra="forbid")

    client_uuid: UUID
    visited_at: dt.datetime = Field(description="When it happened on the phone (with offset).")
    person_id: int | None = None
    person: VisitPersonIn | None = None
    village_code: str = Field(default="", max_length=32, description="Default: the person's.")
    service_kinds: list[str] = Field(default_factory=list, max_length=20)
    outcome: str = Field(max_length=20, description="done | partly | follow_up")
    note: str = Field(default="", max_length=4000, description="At most 1,000 characters.")


class VisitEditIn(VisitIn):
    client_uuid: UUID | None = None
    base_updated_at: dt.datetime = Field(description="The visit's updated_at the phone saw.")


class VisitBatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    visits: list[VisitIn] = Field(description="1 to 1,000 visits.")


class VisitResultOut(Schema):
    client_uuid: UUID
    status: str = Field(description="created | duplicate | updated")
    visit_id: int
    updated_at: dt.datetime | None = None


class VisitItemResultOut(Schema):
    client_uuid: UUID
    status: str = Field(description="created | duplicate | rejected")
    visit_id: int | None = None
    code: str = ""
    message: str = ""
    field: str = ""


class VisitBatchOut(Schema):
    results: list[VisitItemResultOut]


class TodoItemOut(Schema):
    id: int
    person_id: int
    name: str = Field(description="In full only when the caller may see the person; else masked.")
    village: str
    source: str = Field(description="follow_up | imported | checkin_request")
    note: str
    since: dt.datetime
    elderly: bool
    has_disability: bool | None = Field(
        default=None, description="Only when the caller may see sensitive data (consented)."
    )
    household_status: str | None = Field(
        default=None, description="Only when the caller may see sensitive data (consented)."
    )
