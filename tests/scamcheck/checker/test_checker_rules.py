"""Each rule fires on short examples (with and without diacritics, NFD) and not on a near miss.

Every near-miss test also checks that the rule fires on its positive twin, so removing a rule
fails both kinds of test.
"""

import unicodedata

import pytest

from binhdan.scamcheck.checker import RULE_CODES, check_text


def codes(text: str) -> set[str]:
    return {reason.code for reason in check_text(text).reasons}


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


FIRES: list[tuple[str, str]] = [
    # lookalike_domain
    ("lookalike_domain", "Xác thực tại https://dichvucong-gov.com/xac-thuc"),
    ("lookalike_domain", "Cap nhat tai vneid.gov.vn.xyz ngay"),
    ("lookalike_domain", "Truy cập gov-vn.top để nhận hỗ trợ"),
    ("lookalike_domain", "Dang nhap vietconbank.com de nhan tien"),
    ("lookalike_domain", "Đăng nhập https://vietc0mbank.net ngay"),
    ("lookalike_domain", "Vào http://vietcombank.secure-login.com/otp"),
    ("lookalike_domain", "Thanh toán tiền điện: evn-thanhtoan.com"),
    ("lookalike_domain", "Xem tại https://xn--vietcombnk-lj3e.com"),
    ("lookalike_domain", "Xem tại https://vietcombаnk.com"),  # Cyrillic "а"
    ("lookalike_domain", "Xem tại https://mbbank.com.vn@dangnhap.xyz"),
    # shortened_link
    ("shortened_link", "Xem chi tiết: bit.ly/3xYzAbc"),
    ("shortened_link", "Nhan qua tai https://tinyurl.com/abc123"),
    # raw_ip_link
    ("raw_ip_link", "Đăng nhập http://103.97.125.4/vcb"),
    ("raw_ip_link", "Truy cap 45.77.12.9/login"),
    # suspicious_tld
    ("suspicious_tld", "Nhận quà tại https://quatang-tet.top"),
    ("suspicious_tld", "Đơn hàng của bạn: giaohang-nhanh.xyz/track"),
    # link_action_request
    ("link_action_request", "Vui lòng truy cập https://capnhat-thongtin.com để xác thực"),
    ("link_action_request", "Bam vao link https://a-b.com/x de nhan tien ho tro"),
    # app_install_request
    ("app_install_request", "Tải file VNeID-moi.apk để cập nhật"),
    ("app_install_request", "Cài đặt ứng dụng hỗ trợ để được hướng dẫn"),
    ("app_install_request", "Bác cài app theo đường link em gửi nhé"),
    ("app_install_request", "Tai ung dung TeamViewer de nhan vien ho tro"),
    ("app_install_request", nfd("Cài đặt ứng dụng theo link này giúp tôi")),
    # credential_request
    ("credential_request", "Anh đọc giúp em mã OTP vừa gửi về máy"),
    ("credential_request", "Vui long cung cap ma OTP de xac minh"),
    ("credential_request", nfd("Vui lòng cung cấp mật khẩu ngân hàng")),
    ("credential_request", "Chụp ảnh CCCD hai mặt gửi cho em"),
    ("credential_request", "Cung cấp số thẻ và mã CVV để hoàn tiền"),
    ("credential_request", "CUNG CẤP MÃ O T P NGAY"),
    ("credential_request", "Nhắn lại mã xác thực cho tổng đài"),
    # holding_account_transfer
    ("holding_account_transfer", "Ông phải chuyển tiền vào tài khoản tạm giữ của công an"),
    ("holding_account_transfer", "Chuyen toan bo tien vao tai khoan an toan de xac minh"),
    ("holding_account_transfer", nfd("Bà nộp tiền để cơ quan công an xác minh nguồn tiền")),
    # advance_fee
    ("advance_fee", "Vui lòng nộp phí nhận thưởng 500.000đ"),
    ("advance_fee", "Khoản vay đã duyệt, đóng phí giải ngân 1,5 triệu"),
    ("advance_fee", "Buu kien bi giu, chuyen khoan phi hai quan 2tr"),
    ("advance_fee", "Đặt cọc 300k để được nhận việc"),
    ("advance_fee", "Anh cần nộp 10% để mở khoá lệnh giải ngân"),
    ("advance_fee", "Tuyen lao dong di Nhat, luong 35 trieu. Dat coc 20 trieu giu suat"),
    # guided_transfer
    ("guided_transfer", "Cô nhập số con đọc vào ô chuyển tiền để nhận hỗ trợ nha"),
    ("guided_transfer", "Bac bam chuyen de he thong kich hoat nhan tien"),
    ("guided_transfer", nfd("Chị mở app ngân hàng rồi nhập theo em đọc")),
    # transfer_request
    ("transfer_request", "Anh chuyển tiền vào số tài khoản này giúp em"),
    ("transfer_request", "Vui long chuyen khoan truoc 17h"),
    ("transfer_request", "Chị cần chuyển 30 triệu tiền phạt để được xử lý"),
    ("transfer_request", "Ck 500k cho tao trong 2 tieng"),
    # impersonation
    ("impersonation", "Tôi là cán bộ công an phường, cần gặp ông"),
    ("impersonation", "Chung toi goi tu Toa an nhan dan quan 3"),
    ("impersonation", nfd("Đây là tổng đài VNeID")),
    ("impersonation", "Viện kiểm sát gửi giấy mời làm việc"),
    # threat_urgency
    ("threat_urgency", "Tài khoản sẽ bị khóa trong vòng 24h"),
    ("threat_urgency", "Co lenh bat doi voi ong"),
    ("threat_urgency", nfd("Sẽ cắt điện nhà bạn ngay lập tức")),
    # job_scam
    ("job_scam", "Việc nhẹ lương cao, làm tại nhà"),
    ("job_scam", "Tham gia lam nhiem vu like video nhan hoa hong"),
    ("job_scam", "Thu nhập 500k-2tr/ngày chỉ cần điện thoại"),
    ("job_scam", "Hoàn tiền + hoa hồng 20% sau mỗi đơn"),
    # investment_promise
    ("investment_promise", "Cam kết lợi nhuận, không rủi ro"),
    ("investment_promise", "Dau tu san forex lai 30%/thang"),
    ("investment_promise", "Nạp 5 triệu, x2 tài khoản sau 1 giờ"),
    # prize_claim
    ("prize_claim", "Chúc mừng bạn đã trúng thưởng xe SH"),
    ("prize_claim", "Quy khach may man duoc chon nhan qua tri an"),
    # family_emergency
    ("family_emergency", "Mẹ ơi con bị tai nạn đang cấp cứu"),
    ("family_emergency", "Bo oi con can tien gap"),
    # secrecy
    ("secrecy", "Việc này phải giữ bí mật, không được nói với ai"),
    ("secrecy", "Khong bao cho nguoi than biet nhe"),
    ("secrecy", "Ông vào phòng riêng nói chuyện một mình"),
    # private_chat_contact
    ("private_chat_contact", "Bác kết bạn Zalo cán bộ hỗ trợ để được hướng dẫn"),
    ("private_chat_contact", "Them Telegram @abc de nhan viec"),
    # callback_request
    ("callback_request", "Nhấn phím 1 để gặp điều tra viên"),
    ("callback_request", "Neu khong phai ban giao dich, goi ngay 0987 654 321 de huy giao dich"),
    # loan_offer
    ("loan_offer", "Vay tiền nhanh, chỉ cần CCCD, giải ngân trong 10 phút"),
    ("loan_offer", "Ho so vay 50 trieu cua anh da duoc duyet"),
    # fixer_service
    ("fixer_service", "Nhận làm sổ đỏ nhanh, quen cán bộ, không cần lên xã"),
    ("fixer_service", "Doi GPLX online khong can thi lai"),
    # odd_spacing
    ("odd_spacing", "Nhập mã O T P vào đây"),
    ("odd_spacing", "Cập nhật V.N.e.I.D ngay"),
    ("odd_spacing", "c h u y e n  k h o a n ngay cho em"),
]


@pytest.mark.parametrize(
    ("code", "text"), FIRES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(FIRES)]
)
def test_rule_fires_on_example(code: str, text: str) -> None:
    # when
    found = codes(text)
    # then
    assert code in found


def test_no_diacritics_fires_on_long_plain_text() -> None:
    text = (
        "Quy khach vui long chuyen tien vao tai khoan de hoan tat thu tuc nhan qua "
        "trong ngay hom nay"
    )
    assert "no_diacritics" in codes(text)


NEAR_MISSES: list[tuple[str, str, str]] = [
    # (code, fires on, does not fire on)
    ("lookalike_domain", "Xem tại vietcombank-vn.com", "Xem tại https://portal.vietcombank.com.vn"),
    ("lookalike_domain", "Nộp hồ sơ tại dichvucong-gov.com", "Nộp hồ sơ tại dichvucong.gov.vn"),
    ("lookalike_domain", "Tra cứu tại evnhanoi-cskh.com", "Tra cứu tại https://evnhanoi.vn"),
    ("lookalike_domain", "Xem vcb-online.com", "Xem vcbs.com.vn và ocbc.com"),
    ("shortened_link", "Xem: bit.ly/abc", "Xem: vnexpress.net/abc"),
    ("raw_ip_link", "Vào http://10.0.0.1/a", "Giá 1.200.000.000 đồng"),
    ("suspicious_tld", "Xem: khuyenmai.top", "Xem: khuyenmai.vn"),
    (
        "link_action_request",
        "Truy cập https://x-y.com để xác thực tài khoản",
        "Truy cập https://dichvucong.gov.vn để xác thực tài khoản",
    ),
    (
        "app_install_request",
        "Cài đặt ứng dụng theo link này",
        "Không cài đặt ứng dụng theo link người lạ gửi",
    ),
    (
        "credential_request",
        "Cung cấp mã OTP cho nhân viên",
        "KHÔNG cung cấp mã OTP cho bất kỳ ai",
    ),
    (
        "credential_request",
        "Vui long chia se ma OTP",
        "Tuyet doi khong chia se ma OTP cho bat ky ai",
    ),
    ("credential_request", nfd("Đọc mã OTP cho em"), nfd("Đừng đọc mã OTP cho ai")),
    ("credential_request", "Gửi mã OTP cho em", "Chúng tôi đã gửi mã OTP đến số của bạn"),
    (
        "credential_request",
        "Hãy cung cấp mật khẩu",
        "Ngân hàng không bao giờ yêu cầu khách hàng cung cấp mật khẩu",
    ),
    (
        "holding_account_transfer",
        "Chuyển tiền vào tài khoản tạm giữ",
        "Công an không bao giờ yêu cầu chuyển tiền vào tài khoản tạm giữ",
    ),
    (
        "holding_account_transfer",
        "Chuyển tiền vào tài khoản an toàn",
        "Hãy giữ tài khoản an toàn bằng mật khẩu mạnh",
    ),
    ("advance_fee", "Nộp phí vận chuyển quà: chuyển khoản phí ship 30k", "Miễn phí vận chuyển"),
    ("advance_fee", "Nộp phí nhận thưởng", "Không nộp phí nhận thưởng nào cả"),
    (
        "transfer_request",
        "Chuyển khoản vào tài khoản này giúp em",
        "Quý khách đã chuyển khoản vào tài khoản 0123 thành công",
    ),
    (
        "impersonation",
        "Tôi là nhân viên ngân hàng",
        "Không chia sẻ mã OTP cho ai, kể cả nhân viên ngân hàng",
    ),
    (
        "impersonation",
        "Tôi là cán bộ công an",
        "Kẻ gian giả danh cán bộ công an để lừa tiền",
    ),
    ("threat_urgency", "Sẽ bị cắt điện", "Lịch tạm ngừng cung cấp điện ngày 12/5"),
    ("job_scam", "Việc nhẹ lương cao", "Công việc ổn định, lương theo năng lực"),
    ("investment_promise", "Lãi 5%/tháng cam kết", "Lãi suất tiết kiệm 5,5%/năm"),
    ("prize_claim", "Bạn đã trúng thưởng", "Bạn đã đăng ký thành công"),
    ("family_emergency", "Con đang cấp cứu", "Con đang đi học"),
    ("secrecy", "Không được nói với ai", "Không chia sẻ mã này cho bất kỳ ai"),
    ("odd_spacing", "Mã O T P", "Hà Nội, Việt Nam, a. b."),
    (
        "private_chat_contact",
        "Kết bạn Zalo tổng đài viên để được hỗ trợ",
        "Con gửi ảnh qua Zalo cho mẹ rồi nhé",
    ),
    (
        "callback_request",
        "Gọi ngay 0987 654 321 để hủy giao dịch",
        "Gọi ngay hotline 1900 545 413 để hủy giao dịch",
    ),
    ("loan_offer", "Vay online giải ngân ngay", "Con vay bạn 200 nghìn để mua sách"),
    ("fixer_service", "Dịch vụ làm sổ đỏ nhanh", "Nộp hồ sơ cấp sổ đỏ tại bộ phận một cửa"),
    (
        "family_emergency",
        "Mẹ ơi con đổi số mới rồi",
        "Xã mở lớp tập huấn chuyển đổi số cho người cao tuổi",
    ),
    (
        "advance_fee",
        "Anh nộp 5.000.000đ phí mở khóa để hệ thống giải ngân",
        "Phụ huynh nộp học phí học kỳ 1 trước ngày 15/9",
    ),
    (
        "advance_fee",
        "Tuyển lao động đi Hàn Quốc. Người lao động phải nộp tiền đặt cọc",
        "Tuyển lao động đi Hàn Quốc. Người lao động không phải nộp tiền đặt cọc",
    ),
    (
        "transfer_request",
        "Chuyển 20 triệu trong 2 tiếng",
        "Mẹ đã chuyển 20 triệu cho con rồi nhé",
    ),
    (
        "guided_transfer",
        "Bà nhập số cháu đọc vào ô chuyển tiền",
        "Bà nhập số điện thoại vào ô tìm kiếm",
    ),
    (
        "family_emergency",
        "Con cần mẹ chuyển gấp 2 triệu",
        "Các hộ ven sông di chuyển ngay người và tài sản đến điểm tránh trú",
    ),
    (
        "credential_request",
        "Gui ma OTP cho em",
        "Thue bao cua quy khach can bo sung anh chan dung tai cua hang",
    ),
]


@pytest.mark.parametrize(
    ("code", "fires_on", "not_on"),
    NEAR_MISSES,
    ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(NEAR_MISSES)],
)
def test_rule_does_not_fire_on_near_miss(code: str, fires_on: str, not_on: str) -> None:
    assert code in codes(fires_on)
    assert code not in codes(not_on)


def test_no_diacritics_does_not_fire_on_text_with_diacritics() -> None:
    plain = (
        "Quy khach vui long chuyen tien vao tai khoan de hoan tat thu tuc nhan qua "
        "trong ngay hom nay"
    )
    marked = (
        "Quý khách vui lòng chuyển tiền vào tài khoản để hoàn tất thủ tục nhận quà "
        "trong ngày hôm nay"
    )
    assert "no_diacritics" in codes(plain)
    assert "no_diacritics" not in codes(marked)
    assert "no_diacritics" not in codes("ok em")


def test_every_rule_code_has_a_firing_example() -> None:
    covered = {code for code, _ in FIRES} | {
        "no_diacritics",
        "reported_by_community",
        "blocklisted_domain",  # needs a list: tests/scamcheck/checker/test_checker_domain_lists.py
    }
    assert covered == set(RULE_CODES)
