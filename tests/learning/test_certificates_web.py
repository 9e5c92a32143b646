from unittest import mock

import pytest
from django.urls import reverse

from binhdan.learning import services
from binhdan.learning.codes import format_code
from binhdan.learning.models import Certificate
from binhdan.learning.selectors import mask_name
from binhdan.learning.views.certificates import VERIFY_LIMIT
from binhdan.learning.views.common import SESSION_PERSON
from tests.accounts.factories import UserFactory
from tests.learning.factories import finished_attempt
from tests.learning.pdf_text import font_names, pdf_text


@pytest.fixture
def certificate(quiz, person):
    finished_attempt(quiz, person, correct=4)
    return Certificate.objects.select_related("person", "topic").get()


def verify(client, code):
    return client.get(reverse("learning:certificate_verify", args=[code]))


def test_mask_name_keeps_the_family_name_and_initials():
    assert mask_name("Nguyễn Văn An") == "Nguyễn V*** A***"
    assert mask_name("  Lê   Thị  Hồng Nhung ") == "Lê T*** H*** N***"
    assert mask_name("Tráng") == "Tráng"


def test_verify_page_shows_a_valid_certificate_with_a_masked_name(client, certificate):
    page = verify(client, certificate.code)

    html = page.content.decode()
    assert page.status_code == 200
    assert "Chứng nhận hợp lệ" in html
    assert "Nguyễn V*** A***" in html
    assert certificate.topic.title in html
    assert certificate.issued_at.strftime("%Y") in html


def test_verify_page_never_shows_full_name_phone_or_birth_year(client, certificate):
    html = verify(client, certificate.code).content.decode()

    assert "Nguyễn Văn An" not in html
    assert "0912345678" not in html and "912 345 678" not in html and "+8491" not in html
    assert "sinh năm 1958" in html  # the year tells namesakes apart (issue 11)


def test_verify_page_is_not_indexed(client, certificate):
    html = verify(client, certificate.code).content.decode()

    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("typed", ["lower", "dashes", "spaces"])
def test_verify_accepts_lowercase_dashes_and_spaces(client, certificate, typed):
    code = {
        "lower": certificate.code.lower(),
        "dashes": format_code(certificate.code),
        "spaces": format_code(certificate.code).replace("-", " "),
    }[typed]

    assert verify(client, code).status_code == 200


def test_unknown_code_is_a_friendly_404(client, db):
    page = verify(client, "ABCD-EFGH-JKMN")

    assert page.status_code == 404
    assert "Không tìm thấy chứng nhận" in page.content.decode()


def test_lookup_form_redirects_to_the_verify_page(client, certificate):
    response = client.get(reverse("learning:certificate_lookup"), {"ma": certificate.code.lower()})

    assert response.url == reverse(
        "learning:certificate_verify", args=[format_code(certificate.code)]
    )


def test_lookup_form_explains_a_malformed_code(client, db):
    page = client.get(reverse("learning:certificate_lookup"), {"ma": "12"})

    assert "12 chữ và số" in page.content.decode()


def test_verify_is_rate_limited_per_address(client, certificate):
    for _ in range(VERIFY_LIMIT):
        assert verify(client, certificate.code).status_code == 200

    page = verify(client, certificate.code)

    assert page.status_code == 429
    assert "Vui lòng chờ" in page.content.decode()


def test_rate_limit_counts_unknown_codes_too(client, db):
    for _ in range(VERIFY_LIMIT):
        verify(client, "ABCD-EFGH-JKMN")

    assert verify(client, "ABCD-EFGH-JKMN").status_code == 429


def test_revoked_certificate_shows_date_and_the_listed_reason_not_the_staff_note(
    client, certificate, tree
):
    admin = UserFactory(is_superuser=True)
    services.certificate_revoke(
        actor=admin, certificate=certificate, reason="not_own_work", note="Anh Tư <b>làm hộ</b>"
    )

    html = verify(client, certificate.code).content.decode()
    api = client.get(f"/api/v1/certificates/{certificate.code}").json()

    assert "đã bị thu hồi" in html
    assert "Bài kiểm tra không do chính người được cấp làm" in html
    assert "Anh Tư" not in html
    assert "Chứng nhận hợp lệ" not in html
    assert api["revoke_reason"] == "Bài kiểm tra không do chính người được cấp làm"


def test_pdf_is_a4_landscape_with_the_embedded_be_vietnam_pro_font(client, certificate):
    response = client.get(reverse("learning:certificate_pdf", args=[certificate.code]))

    content = response.content
    assert response["Content-Type"] == "application/pdf"
    assert content.startswith(b"%PDF")
    assert len(content) > 10_000
    assert b"/MediaBox [ 0 0 841.8898 595.2756 ]" in content
    assert any(name.endswith("+BeVietnamPro-Regular") for name in font_names(content))
    assert b"/FontFile2" in content  # embedded, not referenced


def test_pdf_text_keeps_the_vietnamese_diacritics(client, certificate):
    session = client.session
    session[SESSION_PERSON] = certificate.person_id
    session.save()

    response = client.get(reverse("learning:certificate_pdf", args=[certificate.code]))

    text = pdf_text(response.content)
    assert "Nguyễn Văn An" in text
    assert certificate.topic.title in text
    assert "GIẤY CHỨNG NHẬN" in text
    assert format_code(certificate.code) in text
    assert certificate.issued_at.astimezone().strftime("/%Y") in text


def test_pdf_points_at_the_absolute_verify_url(client, certificate):
    response = client.get(reverse("learning:certificate_pdf", args=[certificate.code]))

    url = "http://testserver" + reverse(
        "learning:certificate_verify", args=[format_code(certificate.code)]
    )
    assert url in pdf_text(response.content)


def test_pdf_of_a_revoked_certificate_is_gone(client, certificate):
    services.certificate_revoke(
        actor=UserFactory(is_superuser=True), certificate=certificate, reason="wrong_person"
    )

    response = client.get(reverse("learning:certificate_pdf", args=[certificate.code]))

    assert response.status_code == 410


def test_pdf_qr_code_encodes_the_verify_url(client, certificate):
    import segno

    encoded = []
    real_make = segno.make

    def spy(content, **kwargs):
        encoded.append(content)
        return real_make(content, **kwargs)

    with mock.patch("binhdan.core.pdf.segno.make", side_effect=spy):
        client.get(reverse("learning:certificate_pdf", args=[certificate.code]))

    assert encoded == [
        "http://testserver"
        + reverse("learning:certificate_verify", args=[format_code(certificate.code)])
    ]


def test_public_pdf_carries_the_masked_name_only(client, certificate):
    response = client.get(reverse("learning:certificate_pdf", args=[certificate.code]))

    text = pdf_text(response.content)
    assert "Nguyễn V*** A***" in text
    assert "Nguyễn Văn An" not in text


def test_pdf_for_staff_in_scope_carries_the_full_name(client, certificate, tree, commune_officer):

    client.force_login(commune_officer)

    text = pdf_text(
        client.get(reverse("learning:certificate_pdf", args=[certificate.code])).content
    )

    assert "Nguyễn Văn An" in text


def test_pdf_for_staff_of_another_commune_is_masked(
    client, certificate, tree, other_commune_officer
):

    client.force_login(other_commune_officer)

    text = pdf_text(
        client.get(reverse("learning:certificate_pdf", args=[certificate.code])).content
    )

    assert "Nguyễn Văn An" not in text and "Nguyễn V*** A***" in text


def test_verify_page_shows_the_birth_year_and_the_issuer(client, certificate, settings):
    settings.BINHDAN_CERTIFICATE_ISSUER = "Tỉnh đoàn Hưng Yên"

    html = verify(client, certificate.code).content.decode()
    api = client.get(f"/api/v1/certificates/{certificate.code}").json()

    assert "Nguyễn V*** A***, sinh năm 1958" in html
    assert "Tỉnh đoàn Hưng Yên" in html
    assert (api["holder_birth_year"], api["issuer"]) == (1958, "Tỉnh đoàn Hưng Yên")


def test_pdf_names_the_issuer(client, certificate, settings):
    settings.BINHDAN_CERTIFICATE_ISSUER = "Tỉnh đoàn Hưng Yên"

    response = client.get(reverse("learning:certificate_pdf", args=[certificate.code]))

    assert "Đơn vị cấp: Tỉnh đoàn Hưng Yên" in pdf_text(response.content)
