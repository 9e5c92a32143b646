"""Plain Vietnamese advice for the verdict and the strongest sign."""

from .result import Reason, Verdict

NO_SIGN = (
    "Chưa thấy dấu hiệu lừa đảo rõ ràng, nhưng hãy luôn cẩn thận: không bấm vào đường link "
    "lạ, không chuyển tiền và không đọc mã OTP cho bất kỳ ai. Khi còn nghi ngờ, hãy hỏi người "
    "thân hoặc công an xã."
)
NO_SIGN_WARNING = (
    "Tin này có vẻ là lời cảnh báo về các chiêu lừa đảo, không phải tin lừa đảo. "
    "Chưa thấy dấu hiệu lừa đảo rõ ràng, nhưng hãy luôn cẩn thận: chỉ tin cảnh báo từ số "
    "điện thoại, trang web chính thức, và không bấm vào đường link lạ."
)
_OPENING: dict[str, str] = {
    "danger": "Rất có thể đây là lừa đảo. Đừng làm theo tin nhắn này.",
    "suspicious": "Tin nhắn này có dấu hiệu đáng ngờ. Hãy dừng lại và kiểm tra trước khi làm gì.",
}
_CLOSING: dict[str, str] = {
    "danger": (
        "Hãy hỏi người thân hoặc công an xã, và báo cáo tin nhắn này để cảnh báo người khác. "
        "Nếu lỡ chuyển tiền hay đưa mã OTP, gọi ngay cho ngân hàng (số in trên thẻ) để khóa "
        "tài khoản."
    ),
    "suspicious": (
        "Khi chưa chắc chắn, đừng bấm link, đừng chuyển tiền, và hỏi người thân hoặc công an "
        "xã. Nếu thấy đúng là lừa đảo, hãy báo cáo tin nhắn này."
    ),
}
_BY_CODE: dict[str, str] = {
    "reported_by_community": (
        "Thông tin trong tin nhắn đã được người dân báo là lừa đảo và cán bộ đã xác nhận: "
        "đừng trả lời, đừng gọi lại, đừng chuyển tiền."
    ),
    "blocklisted_domain": (
        "Đừng bấm vào đường link: trang này đã nằm trong danh sách cảnh báo lừa đảo. Nếu lỡ "
        "nhập mật khẩu hay mã OTP ở đó, gọi ngay cho ngân hàng (số in trên thẻ) để khóa tài khoản."
    ),
    "lookalike_domain": (
        "Đừng bấm vào đường link: nó giả trang web của cơ quan, ngân hàng hay dịch vụ quen. Nếu "
        "cần, hãy tự mở ứng dụng chính thức hoặc gọi số tổng đài in trên thẻ, trên hóa đơn."
    ),
    "credential_request": (
        "Không bao giờ đọc hay gửi mã OTP, mật khẩu, mã PIN, số thẻ hay ảnh CCCD cho ai, kể cả "
        "người xưng là công an hay nhân viên ngân hàng."
    ),
    "holding_account_transfer": (
        "Công an, tòa án, viện kiểm sát không bao giờ bắt chuyển tiền vào “tài khoản tạm giữ” "
        "hay “tài khoản an toàn”. Đừng chuyển tiền; hãy đến thẳng công an xã để hỏi."
    ),
    "advance_fee": (
        "Đừng nộp phí hay tiền cọc nào để nhận thưởng, nhận tiền vay, nhận hàng hay nhận việc: "
        "nộp rồi sẽ bị đòi thêm mãi."
    ),
    "app_install_request": (
        "Đừng cài ứng dụng hay tệp .apk theo link người lạ gửi. Chỉ cài từ CH Play hoặc App "
        "Store, và nhờ người thân xem giúp trước."
    ),
    "link_action_request": (
        "Đừng đăng nhập hay xác thực qua đường link trong tin nhắn. Hãy tự mở ứng dụng chính "
        "thức, hoặc gọi số tổng đài in trên thẻ, trên hóa đơn."
    ),
    "guided_transfer": (
        "Nhận tiền không bao giờ cần bạn chuyển khoản hay nhập số vào ô chuyển tiền. Hãy dừng "
        "lại, tắt máy và hỏi người thân hoặc ra quầy ngân hàng."
    ),
    "transfer_request": (
        "Đừng chuyển tiền khi chưa tự gọi lại cho người đó hoặc cơ quan đó bằng số điện thoại "
        "bạn đã biết từ trước."
    ),
    "impersonation": (
        "Cơ quan nhà nước và ngân hàng không làm việc qua tin nhắn hay cuộc gọi lạ. Hãy gọi lại "
        "số chính thức in trên thẻ, trên hóa đơn, hoặc đến thẳng trụ sở, công an xã."
    ),
    "threat_urgency": (
        "Kẻ gian hay dọa dẫm và hối thúc để bạn không kịp nghĩ. Hãy bình tĩnh, dừng lại và hỏi "
        "người thân trước."
    ),
    "job_scam": (
        "Việc “nhẹ lương cao”, làm nhiệm vụ nhận hoa hồng là bẫy: đừng nạp tiền hay chuyển tiền "
        "để “làm nhiệm vụ”."
    ),
    "investment_promise": (
        "Không có khoản đầu tư nào lãi cao mà không rủi ro. Đừng nạp tiền vào sàn hay nhóm đầu "
        "tư theo lời người lạ."
    ),
    "prize_claim": (
        "Bạn không thể trúng thưởng một chương trình mình không tham gia. Đừng bấm link, đừng "
        "nộp phí để nhận quà."
    ),
    "family_emergency": (
        "Hãy gọi thẳng cho người thân (hoặc một người nhà khác) bằng số bạn đã lưu trước khi "
        "chuyển bất kỳ khoản tiền nào."
    ),
    "secrecy": (
        "Ai bảo bạn giữ bí mật, không được nói với người thân thì đó là dấu hiệu lừa đảo: hãy kể "
        "ngay với người thân hoặc công an xã."
    ),
    "private_chat_contact": (
        "Đừng kết bạn Zalo, Telegram với người tự xưng cán bộ hay nhân viên: cơ quan và ngân hàng "
        "thật không làm việc qua tài khoản chat cá nhân."
    ),
    "callback_request": (
        "Đừng gọi lại số lạ trong tin nhắn và đừng nhấn phím theo cuộc gọi tự động. Hãy tự gọi "
        "số tổng đài in trên thẻ, trên hóa đơn, hoặc hỏi ở quầy giao dịch."
    ),
    "loan_offer": (
        "Đừng vay qua tin nhắn hay Zalo của người lạ, và không bao giờ nộp phí trước để được giải "
        "ngân. Cần vay, hãy đến thẳng ngân hàng."
    ),
    "fixer_service": (
        "Giấy tờ chỉ làm ở cơ quan nhà nước hoặc trên Cổng dịch vụ công (dichvucong.gov.vn). "
        "Đừng chuyển tiền cho người nhận “làm nhanh, quen cán bộ”."
    ),
    "shortened_link": (
        "Đừng bấm vào đường link rút gọn từ người lạ: không ai biết nó dẫn tới đâu."
    ),
    "raw_ip_link": "Đừng bấm vào đường link chỉ gồm các con số: trang web thật không như vậy.",
    "suspicious_tld": (
        "Đừng bấm vào đường link có tên miền lạ. Trang của ngân hàng, cơ quan nhà nước có địa "
        "chỉ quen thuộc (ví dụ kết thúc bằng “.gov.vn”)."
    ),
}


def advice_for(verdict: Verdict, reasons: list[Reason], *, warning: bool = False) -> str:
    if verdict == "no_sign":
        return NO_SIGN_WARNING if warning else NO_SIGN
    strongest = max(reasons, key=lambda reason: reason.weight, default=None)
    middle = _BY_CODE.get(strongest.code, "") if strongest else ""
    return " ".join(part for part in (_OPENING[verdict], middle, _CLOSING[verdict]) if part)
