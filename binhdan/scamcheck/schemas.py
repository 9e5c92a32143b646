from ninja import Field, Schema
from pydantic import ConfigDict

from binhdan.scamcheck.checker import MAX_CHARS


class ScamCheckIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=MAX_CHARS, description="The message, link or number to check.")


class ReasonOut(Schema):
    code: str
    message_vi: str
    evidence: str


class ScamCheckOut(Schema):
    verdict: str = Field(description='"danger", "suspicious" or "no_sign" (never "safe")')
    score: float
    reasons: list[ReasonOut]
    advice_vi: str
