"""Learning API: a whole quiz attempt from the mobile app, and public certificate checks."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Status

from binhdan.accounts.auth import citizen_or_helper_auth, helper_of
from binhdan.core.ratelimit import rate_limit
from binhdan.learning import selectors, services
from binhdan.learning.codes import format_code
from binhdan.learning.models import Certificate, QuizAttempt
from binhdan.learning.schemas import CertificateOut, QuizAttemptIn, QuizAttemptOut

router = Router(tags=["Học tập"])

SUBMIT_LIMIT = 30  # attempts per minute and address
VERIFY_LIMIT = 20


def _certificate_links(request: HttpRequest, certificate: Certificate) -> dict:
    code = format_code(certificate.code)
    return {
        "code": code,
        "verify_url": request.build_absolute_uri(
            reverse("learning:certificate_verify", args=[code])
        ),
        "pdf_url": request.build_absolute_uri(reverse("learning:certificate_pdf", args=[code])),
    }


def _attempt_out(request: HttpRequest, attempt: QuizAttempt) -> dict:
    certificate = None
    if attempt.passed:
        certificate = selectors.valid_certificate(
            person_id=attempt.person_id, topic_id=attempt.quiz.topic_id
        )
    return {
        "attempt_id": attempt.pk,
        "correct": attempt.correct_count,
        "total": attempt.question_count,
        "percent": attempt.percent,
        "passed": attempt.passed,
        "certificate": _certificate_links(request, certificate) if certificate else None,
        "feedback": selectors.attempt_feedback(attempt=attempt),
    }


@router.post(
    "quiz-attempts",
    auth=citizen_or_helper_auth,
    response={200: QuizAttemptOut, 201: QuizAttemptOut},
    summary="Submit a whole quiz attempt (idempotent on client_uuid; no login needed)",
    description=(
        "Citizens submit without credentials. A volunteer who sends their Bearer token (or "
        "browser session) records the attempt as help given (assisted mode): the citizen must "
        "be in the volunteer's area, else 403 `outside_scope`. A token that does not "
        "authenticate is a 401."
    ),
)
def quiz_attempt_submit(request: HttpRequest, payload: QuizAttemptIn):
    rate_limit(request=request, scope="api-quiz-attempt", limit=SUBMIT_LIMIT, window_seconds=60)
    attempt, created = services.quiz_attempt_submit(
        client_uuid=payload.client_uuid,
        topic_slug=payload.topic_slug,
        person=services.PersonData(
            full_name=payload.person.full_name,
            birth_year=payload.person.birth_year,
            village_code=payload.person.village_code,
            phone=payload.person.phone,
            cccd=payload.person.cccd,
        ),
        answers=[(a.question_key, a.choice_index) for a in payload.answers],
        actor=helper_of(request),
    )
    attempt = QuizAttempt.objects.select_related("quiz").get(pk=attempt.pk)
    return Status(201 if created else 200, _attempt_out(request, attempt))


@router.get(
    "certificates/{code}",
    auth=None,
    response=CertificateOut,
    summary="Verify a certificate by its code (public; the holder's name is masked)",
)
def certificate_verify(request: HttpRequest, code: str):
    rate_limit(request=request, scope="certificate-verify", limit=VERIFY_LIMIT, window_seconds=60)
    certificate = selectors.certificate_get_by_code(code=code)
    revoked = certificate.revoked_at
    return {
        "code": format_code(certificate.code),
        "status": "revoked" if revoked else "valid",
        "holder": selectors.mask_name(certificate.person.full_name),
        "holder_birth_year": certificate.person.birth_year,
        "issuer": settings.BINHDAN_CERTIFICATE_ISSUER,
        "topic_slug": certificate.topic.slug,
        "topic_title": certificate.topic.title,
        "issued_on": timezone.localdate(certificate.issued_at).isoformat(),
        "revoked_on": timezone.localdate(revoked).isoformat() if revoked else None,
        "revoke_reason": certificate.get_revoke_reason_display() if revoked else None,
    }
