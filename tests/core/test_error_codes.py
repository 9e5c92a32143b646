from django.utils.translation import gettext_lazy as _

from binhdan.core.errors import Conflict, ErrorCode, InvalidInput


class SampleErrors(ErrorCode):
    NAME_REQUIRED = "name_required", InvalidInput, _("Hãy nhập họ và tên."), "full_name"
    TOO_MANY = "too_many", InvalidInput, _("Tối đa %(limit)s dòng.")
    TAKEN = "taken", Conflict, _("Hãy nhập họ và tên.")


def test_error_carries_code_status_message_and_field():
    exc = SampleErrors.NAME_REQUIRED.error()
    assert isinstance(exc, InvalidInput)
    assert (exc.code, exc.status, exc.message) == ("name_required", 422, "Hãy nhập họ và tên.")
    assert exc.details == {"field": "full_name"}


def test_message_placeholders_are_filled():
    assert SampleErrors.TOO_MANY.error(limit=500).message == "Tối đa 500 dòng."


def test_members_with_the_same_message_stay_distinct():
    assert SampleErrors.TAKEN is not SampleErrors.NAME_REQUIRED
    assert SampleErrors.by_code("taken").kind is Conflict
    assert SampleErrors.by_code("nope") is None
