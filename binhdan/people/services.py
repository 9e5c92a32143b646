"""Writes about citizens."""

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import require_permission
from binhdan.areas.models import Area
from binhdan.core.errors import InvalidInput
from binhdan.core.text import clean
from binhdan.people.identity import identity_key_for, normalize_phone, parse_cccd
from binhdan.people.models import HouseholdStatus, Person


def _field_error(exc: InvalidInput, field: str) -> InvalidInput:
    exc.details = {"field": field}
    return exc


def person_register(
    *,
    actor: User | None,
    village: Area,
    full_name: str,
    birth_year: int | None = None,
    phone: str = "",
    cccd: str = "",
    has_disability: bool = False,
    household_status: str = "",
    sensitive_consent: bool = False,
    client_uuid: uuid.UUID | None = None,
) -> tuple[Person, bool]:
    """Register a citizen, or return the one already known. Returns ``(person, created)``.

    Idempotent twice over: a repeated ``client_uuid`` returns the row it created, and the
    same identity (CCCD, else phone + name, else name + birth year + village) returns the
    existing person. ``actor`` None is the command line.
    """
    if client_uuid is not None:
        existing = Person.objects.filter(client_uuid=client_uuid).first()
        if existing is not None:
            return existing, False
    if village.level != Area.Level.VILLAGE:
        raise InvalidInput(
            _("Hãy chọn thôn/tổ dân phố nơi người dân sinh sống."),
            code="village_required",
            details={"field": "village"},
        )
    if actor is not None:
        require_permission(user=actor, action=Action.PERSON_CREATE, area=village)

    full_name = clean(full_name)
    if not full_name:
        raise InvalidInput(
            _("Hãy nhập họ và tên."), code="name_required", details={"field": "full_name"}
        )
    if len(full_name) > 200:
        raise InvalidInput(
            _("Họ và tên quá dài (tối đa 200 ký tự)."),
            code="name_too_long",
            details={"field": "full_name"},
        )
    this_year = timezone.localdate().year
    if birth_year is not None and not 1900 <= birth_year <= this_year:
        raise InvalidInput(
            _("Năm sinh phải từ 1900 đến %(year)s.") % {"year": this_year},
            code="birth_year_invalid",
            details={"field": "birth_year"},
        )
    phone_e164 = ""
    if phone and phone.strip():
        try:
            phone_e164 = normalize_phone(phone)
        except InvalidInput as exc:
            raise _field_error(exc, "phone") from None
    citizen_id = None
    if cccd and cccd.strip():
        try:
            citizen_id = parse_cccd(cccd, birth_year=birth_year)
        except InvalidInput as exc:
            raise _field_error(exc, "cccd") from None
        birth_year = birth_year or citizen_id.birth_year

    if household_status not in HouseholdStatus.values:
        raise InvalidInput(
            _("Tình trạng hộ không hợp lệ."),
            code="household_status_invalid",
            details={"field": "household_status"},
        )
    sensitive = bool(has_disability or household_status)
    if sensitive:
        if not sensitive_consent:
            raise InvalidInput(
                _(
                    "Chỉ ghi nhận khuyết tật hoặc hộ nghèo/cận nghèo khi người dân đồng ý. "
                    "Hãy hỏi và đánh dấu ô đồng ý."
                ),
                code="consent_required",
                details={"field": "sensitive_consent"},
            )
        if actor is not None:
            require_permission(user=actor, action=Action.PERSON_VIEW_SENSITIVE, area=village)

    key = identity_key_for(
        cccd=citizen_id,
        phone_e164=phone_e164,
        full_name=full_name,
        birth_year=birth_year,
        village_code=village.code,
    )
    existing = Person.objects.filter(identity_key=key).first()
    if existing is not None:
        return existing, False

    person = Person(
        full_name=full_name,
        birth_year=birth_year,
        village=village,
        area_path=village.path,
        phone=phone_e164,
        identity_key=key,
        cccd_last4=citizen_id.last4 if citizen_id else "",
        has_disability=has_disability,
        household_status=household_status,
        sensitive_consent_at=timezone.now() if sensitive else None,
        sensitive_consent_by=actor if sensitive else None,
        client_uuid=client_uuid or uuid.uuid4(),
        created_by=actor,
    )
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        # A concurrent request registered the same person or the same client UUID.
        winner = Person.objects.filter(identity_key=key).first() or (
            Person.objects.filter(client_uuid=client_uuid).first() if client_uuid else None
        )
        if winner is None:
            raise
        return winner, False
    return person, True
