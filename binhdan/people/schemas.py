from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict

from binhdan.people.models import HouseholdStatus
from binhdan.people.selectors import can_see_sensitive


class PersonIn(Schema):
    model_config = ConfigDict(extra="forbid")

    client_uuid: UUID
    village_code: str = Field(max_length=32)
    full_name: str = Field(min_length=1, max_length=200)
    birth_year: int | None = Field(default=None, ge=1900, le=2100)
    phone: str = Field(default="", max_length=30)
    cccd: str = Field(default="", max_length=20, description="Never stored; only its HMAC.")
    has_disability: bool = False
    household_status: HouseholdStatus = HouseholdStatus.NONE
    sensitive_consent: bool = False


class PersonOut(Schema):
    """Sensitive flags are null unless the caller's role may see them."""

    id: int
    full_name: str
    birth_year: int | None
    village_code: str
    phone: str
    cccd_last4: str
    is_elderly: bool
    has_disability: bool | None = None
    household_status: str | None = None

    @staticmethod
    def resolve_village_code(person) -> str:
        return person.village.code

    @staticmethod
    def resolve_has_disability(person, context) -> bool | None:
        return person.has_disability if _sensitive_visible(person, context) else None

    @staticmethod
    def resolve_household_status(person, context) -> str | None:
        return person.household_status if _sensitive_visible(person, context) else None


def _sensitive_visible(person, context) -> bool:
    return can_see_sensitive(user=context["request"].user, person=person)
