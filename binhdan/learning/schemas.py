from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict


class LearnerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    full_name: str = Field(min_length=1, max_length=200)
    birth_year: int = Field(ge=1900, le=2100)
    phone: str = Field(default="", max_length=30)
    cccd: str = Field(default="", max_length=20, description="Never stored; only its HMAC.")
    village_code: str = Field(max_length=32)


class AnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    question_key: str = Field(max_length=80)
    choice_index: int = Field(ge=0, description="0-based, in the order the choices are listed.")


class QuizAttemptIn(Schema):
    model_config = ConfigDict(extra="forbid")

    client_uuid: UUID
    topic_slug: str = Field(max_length=80)
    person: LearnerIn
    answers: list[AnswerIn] = Field(max_length=200)


class CertificateLinkOut(Schema):
    code: str
    verify_url: str
    pdf_url: str


class FeedbackOut(Schema):
    question_key: str
    correct: bool
    correct_choice_index: int | None
    explanation: str


class QuizAttemptOut(Schema):
    attempt_id: int
    correct: int
    total: int
    percent: int
    passed: bool
    certificate: CertificateLinkOut | None
    feedback: list[FeedbackOut]


class CertificateOut(Schema):
    """What anyone may know about a certificate: the holder's name is masked."""

    code: str
    status: str = Field(description="valid | revoked")
    holder: str = Field(description="Family name and initials only, e.g. 'Nguyễn V*** A***'.")
    holder_birth_year: int | None = Field(
        description="Shown with the masked name so two holders of one name are told apart."
    )
    issuer: str = Field(description="The body that issued it (BINHDAN_CERTIFICATE_ISSUER).")
    topic_slug: str
    topic_title: str
    issued_on: str = Field(description="YYYY-MM-DD, local date")
    revoked_on: str | None
    revoke_reason: str | None
