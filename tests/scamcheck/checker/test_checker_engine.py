"""check_text as a whole: verdicts, scoring, warnings, advice, errors, community reports."""

import unicodedata
from dataclasses import dataclass

import pytest

from binhdan.scamcheck.checker import (
    DANGER,
    MAX_CHARS,
    SUSPICIOUS,
    CheckResult,
    EmptyText,
    ReportedMatch,
    TextTooLong,
    check_text,
)

POLICE_SCAM = (
    "Tôi là cán bộ công an quận 1. Ông liên quan đến đường dây rửa tiền, phải chuyển toàn bộ "
    "tiền vào tài khoản tạm giữ để xác minh trong vòng 24h. Không được nói với ai."
)
BANK_OTP = (
    "Ma OTP cua quy khach la 482913, co hieu luc trong 5 phut. Tuyet doi KHONG cung cap/chia "
    "se ma OTP cho bat ky ai, ke ca nhan vien ngan hang."
)
POLICE_WARNING = (
    "Công an tỉnh cảnh báo: các đối tượng giả danh cán bộ công an gọi điện yêu cầu chuyển tiền "
    "vào tài khoản tạm giữ để xác minh. Người dân tuyệt đối không chuyển tiền, không cung cấp "
    "mã OTP và báo ngay cho công an xã."
)


def test_check_text_calls_a_police_holding_account_scam_danger() -> None:
    result = check_text(POLICE_SCAM)
    assert result.verdict == "danger"
    assert {"holding_account_transfer", "impersonation", "secrecy"} <= set(result.codes)


def test_check_text_works_the_same_in_nfd_and_without_diacritics() -> None:
    from binhdan.core.text import strip_diacritics

    for variant in (unicodedata.normalize("NFD", POLICE_SCAM), strip_diacritics(POLICE_SCAM)):
        result = check_text(variant)
        assert result.verdict == "danger"
        for reason in result.reasons:
            assert reason.evidence in variant


def test_check_text_gives_a_bank_otp_message_no_sign() -> None:
    result = check_text(BANK_OTP)
    assert result.verdict == "no_sign"
    assert "credential_request" not in result.codes


def test_check_text_gives_a_police_warning_at_most_a_low_score() -> None:
    result = check_text(POLICE_WARNING)
    assert result.verdict == "no_sign"
    assert result.score < SUSPICIOUS
    assert "cảnh báo" in result.advice_vi


def test_a_neighbour_retelling_a_fake_police_call_is_a_warning() -> None:
    # given a message that tells what a scammer said, and what to do about it
    text = (
        "Mọi người lưu ý, hôm qua bác Tư bị gọi điện giả công an nói có lệnh bắt, bắt chuyển "
        "tiền vào tài khoản tạm giữ. Ai nhận cuộc gọi kiểu này thì cúp máy, báo Công an xã nhé."
    )
    # when
    result = check_text(text)
    # then
    assert result.verdict == "no_sign"
    assert "cảnh báo" in result.advice_vi


def test_a_deposit_asked_with_a_job_offer_is_suspicious_but_not_a_restaurant_deposit() -> None:
    job = check_text("Tuyển lao động đi Nhật, lương 35 triệu một tháng. Đặt cọc 20 triệu giữ suất.")
    restaurant = check_text("Nhà hàng nhận đặt cọc 500 nghìn giữ bàn tiệc cưới.")
    assert job.verdict == "suspicious"
    assert restaurant.verdict == "no_sign"


def test_check_text_lookalike_link_with_urgency_is_danger() -> None:
    text = "VCB: Tai khoan se bi khoa trong 24h. Truy cap https://vietcombank-vn.top de xac thuc."
    result = check_text(text)
    assert result.verdict == "danger"
    assert result.reasons[0].code == "lookalike_domain"
    assert result.reasons[0].evidence == "https://vietcombank-vn.top"


def test_check_text_official_link_alone_is_no_sign() -> None:
    result = check_text("Tra cứu hồ sơ tại https://dichvucong.gov.vn nhé bác.")
    assert result.verdict == "no_sign"
    assert result.reasons == []


def test_credential_request_with_impersonation_scores_higher_than_alone() -> None:
    alone = check_text("Anh đọc giúp em mã OTP nhé")
    combined = check_text("Em là nhân viên ngân hàng Vietcombank, anh đọc giúp em mã OTP nhé")
    assert alone.verdict == "suspicious"
    assert combined.score > alone.score
    assert combined.verdict == "danger"


def test_weak_signals_alone_never_reach_suspicious() -> None:
    text = (
        "Chao ban, hom nay troi dep qua, minh di choi cong vien voi ca nha roi ve an com "
        "trua nhe. C h u y e n  k h o a n xong chua?"
    )
    result = check_text(text)
    assert {"no_diacritics", "odd_spacing"} <= set(result.codes)
    assert result.verdict == "no_sign"


def test_check_text_ordinary_message_has_no_reasons_and_careful_advice() -> None:
    result = check_text("Chiều nay 3h họp phụ huynh ở trường nhé anh.")
    assert result.verdict == "no_sign"
    assert result.score == 0.0
    assert result.advice_vi.startswith(
        "Chưa thấy dấu hiệu lừa đảo rõ ràng, nhưng hãy luôn cẩn thận"
    )


def test_advice_follows_the_strongest_reason() -> None:
    result = check_text("Chuyển tiền vào tài khoản tạm giữ để xác minh")
    assert result.verdict in ("danger", "suspicious")
    assert "tài khoản tạm giữ" in result.advice_vi


@pytest.mark.parametrize(
    ("score", "verdict"),
    [(0.0, "no_sign"), (0.349, "no_sign"), (0.35, "suspicious"), (0.7, "danger")],
)
def test_verdict_thresholds(score: float, verdict: str) -> None:
    from binhdan.scamcheck.checker.scoring import verdict_for

    assert verdict_for(score) == verdict
    assert SUSPICIOUS == 0.35 and DANGER == 0.7


def test_to_dict_has_exactly_the_contract_keys() -> None:
    data = check_text(POLICE_SCAM).to_dict()
    assert set(data) == {"verdict", "score", "reasons", "advice_vi"}
    assert all(set(reason) == {"code", "message_vi", "evidence"} for reason in data["reasons"])


def test_check_result_and_reason_are_frozen() -> None:
    result = check_text(POLICE_SCAM)
    with pytest.raises(AttributeError):
        result.verdict = "no_sign"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        result.reasons[0].code = "x"  # type: ignore[misc]
    assert isinstance(result, CheckResult)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_check_text_rejects_blank_text(text: str) -> None:
    with pytest.raises(EmptyText) as error:
        check_text(text)
    assert isinstance(error.value, ValueError)
    assert error.value.code == "empty_text"


def test_check_text_rejects_text_over_the_limit() -> None:
    with pytest.raises(TextTooLong) as error:
        check_text("a" * (MAX_CHARS + 1))
    assert isinstance(error.value, ValueError)
    assert error.value.status == 413
    check_text("a" * MAX_CHARS)  # the limit itself is fine


@dataclass
class FakeReports:
    answer: list[ReportedMatch]
    asked: dict[str, list[str]] | None = None

    def matches(
        self, *, phones: list[str], domains: list[str], accounts: list[str]
    ) -> list[ReportedMatch]:
        self.asked = {"phones": phones, "domains": domains, "accounts": accounts}
        return self.answer


def test_reported_by_community_phone_is_danger_with_the_count() -> None:
    reports = FakeReports([ReportedMatch("phone", "+84912345678", 12)])
    result = check_text("Gọi lại cho em số 0912 345 678 nhé", reported=reports)
    assert reports.asked == {"phones": ["+84912345678"], "domains": [], "accounts": []}
    assert result.verdict == "danger"
    reason = result.reasons[0]
    assert reason.code == "reported_by_community"
    assert reason.message_vi == "Số điện thoại này đã bị cộng đồng báo cáo 12 lần."
    assert reason.evidence == "0912 345 678"


def test_reported_by_community_domain_and_account() -> None:
    reports = FakeReports(
        [ReportedMatch("domain", "shop-abc.vn", 3), ReportedMatch("bank_account", "0123456789", 2)]
    )
    result = check_text("Mua tại https://www.shop-abc.vn/sp, STK 0123456789", reported=reports)
    assert reports.asked is not None
    assert "shop-abc.vn" in reports.asked["domains"]
    assert reports.asked["accounts"] == ["0123456789"]
    evidence = {r.evidence for r in result.reasons if r.code == "reported_by_community"}
    assert evidence == {"https://www.shop-abc.vn/sp", "0123456789"}


def test_reported_by_community_ignores_a_match_not_in_the_message() -> None:
    reports = FakeReports([ReportedMatch("phone", "+84999999999", 5)])
    result = check_text("Gọi 0912 345 678", reported=reports)
    assert "reported_by_community" not in result.codes


def test_reported_lookup_is_not_called_without_values() -> None:
    reports = FakeReports([ReportedMatch("phone", "+84912345678", 5)])
    check_text("Xin chào bác", reported=reports)
    assert reports.asked is None
