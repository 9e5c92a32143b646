"""Rules about what a scam asks for: secrets, money, fees, an app install."""

import re
from collections.abc import Iterator

import phonenumbers

from ..negation import is_negated
from ..textview import phrases
from .base import Context, Group, Hit, first_hit, rule

_SENSITIVE = (
    r"(?:mã |ma )?otp|smart ?otp|mã xác (?:thực|nhận|minh)|mã (?:số )?(?:vừa|mới) (?:được )?gửi"
    r"|mã (?:pin|bảo mật|giao dịch)|mật khẩu|mật mã|pass(?:word)?|số (?:thẻ|cvv|cvc)|cvv|cvc"
    r"|(?:ảnh|hình)(?: chụp)? (?:2 |hai )?(?:mặt )?(?:cccd|căn cước|cmnd|chứng minh)"
    r"|(?:cccd|căn cước|cmnd|chứng minh nhân dân)(?: công dân)?(?: gắn chip)? (?:2|hai) mặt"
    r"|mặt (?:trước|sau) (?:của )?(?:cccd|căn cước|cmnd)|ảnh chân dung|khuôn mặt"
    r"|tên đăng nhập|thông tin (?:đăng nhập|thẻ)|ngày hết hạn (?:của )?thẻ"
    r"|số (?:cccd|căn cước|cmnd|chứng minh nhân dân)"
)
# Reading back whatever code just arrived ("đọc giúp em mã đó", "đọc cho em 6 số đó").
_READ_BACK = (
    r"(?:đọc|báo|nhắn|gửi)(?: lại)? (?:giúp|giùm|dùm|hộ|cho) (?:em|anh|chị|tôi|mình|con|cháu)"
    r"(?: cái| dãy| các| mấy)?(?: mã| số| code|(?: \d+)? (?:chữ )?số)"
)
_ASK_STRONG = (
    r"cung cấp|đọc(?: lại)?|chia sẻ|chụp|khai báo|cho (?:tôi|em|anh|chị|mình|chúng tôi|bên "
    r"(?:em|mình|tôi)) (?:xin|biết)|xin"
)
_ASK_SEND = (
    r"(?<!thong\s)(?<!thue\s)(?<!da\s)(?<!vua\s)(?<!duoc\s)(?<!se\s)(?:gửi|gởi|nhắn|báo)(?: lại)?"
)
_ASK_TYPE = r"(?<!da\s)nhập|điền"
_GAP = r"[^.!?\n]{0,40}?"

_CREDENTIAL_STRONG = phrases(
    rf"(?:{_ASK_STRONG}){_GAP}(?:{_SENSITIVE})",
    _READ_BACK,
    rf"(?:{_SENSITIVE})[^.!?\n]{{0,40}}?(?:đọc|gửi|báo|nhắn|cung cấp)(?: lại)? (?:cho|giúp|giùm"
    r"|dùm|hộ)",
)
_CREDENTIAL_SEND = phrases(rf"(?:{_ASK_SEND}){_GAP}(?:{_SENSITIVE})")
_CREDENTIAL_TYPE = phrases(rf"(?:{_ASK_TYPE}){_GAP}(?:{_SENSITIVE})")


@rule(
    "credential_request",
    weight=0.6,
    group=Group.REQUEST,
    message_vi=(
        "Tin nhắn đòi bạn đưa mã OTP, mật khẩu, mã PIN, số thẻ hoặc ảnh CCCD. Ngân hàng và "
        "công an không bao giờ xin những thứ này."
    ),
)
def credential_request(ctx: Context) -> Iterator[Hit]:
    # Typing a code into a strange link is phishing; into the bank's own app, routine.
    typed = 0.45 if ctx.unofficial_urls else 0.3
    yield from first_hit(
        ctx, (_CREDENTIAL_STRONG, 0.6), (_CREDENTIAL_SEND, 0.45), (_CREDENTIAL_TYPE, typed)
    )


_HOLDING_STRONG = phrases(
    r"tài khoản (?:tạm giữ|tạm quản lý|tạm khóa của|chuyên (?:dùng|thu|quản lý)"
    r"|của (?:cơ quan|bộ công an|công an|viện kiểm sát|tòa án|kho bạc)|phong tỏa (?:của|tạm thời))",
    r"(?:chuyển|nộp|gửi|chuyển khoản)(?: toàn bộ| hết)?(?: số)?(?: tiền)?[^.!?\n]{0,30}? "
    r"(?:vào|sang|qua) tài khoản (?:an toàn|bảo mật|tạm(?: giữ| quản lý| khóa)?|của cơ quan"
    r"|của công an|để)",
    r"(?:chuyển|nộp|gửi|chuyển khoản)(?: toàn bộ| hết)?(?: số)? tiền[^.!?\n]{0,40}?(?:để|nhằm|"
    r"phục vụ|cho)(?: cơ quan)?(?: công an)?(?: việc)? (?:xác minh|kiểm tra|chứng minh|đối chiếu"
    r"|điều tra|giám định)",
)
_HOLDING_WEAK = phrases(
    r"chứng minh (?:năng lực )?tài chính",
    r"xác minh (?:nguồn (?:gốc )?(?:tiền|tài sản)|dòng tiền|tài sản|tài chính)",
    r"kiểm tra (?:nguồn tiền|dòng tiền|tài sản)",
    r"(?:tiền|tài sản) (?:sẽ được )?(?:hoàn trả|trả lại) sau khi (?:xác minh|điều tra)",
)
_MONEY_MOVE = phrases(
    r"chuyển (?:khoản|tiền)", r"nộp tiền", r"ck", r"rút (?:hết )?tiền", r"gửi tiền"
)


@rule(
    "holding_account_transfer",
    weight=0.7,
    group=Group.REQUEST,
    message_vi=(
        "Tin nhắn bảo chuyển tiền vào “tài khoản tạm giữ / an toàn” để “xác minh”. Công an, "
        "tòa án, viện kiểm sát không bao giờ làm như vậy."
    ),
)
def holding_account_transfer(ctx: Context) -> Iterator[Hit]:
    match = ctx.find_first(_HOLDING_STRONG)
    if match is not None:
        yield ctx.hit(match.start(), match.end(), 0.7)
        return
    match = ctx.find_first(_HOLDING_WEAK)
    if match is not None:
        weight = 0.55 if _MONEY_MOVE.search(ctx.folded) else 0.25
        yield ctx.hit(match.start(), match.end(), weight)


# A sum of money: "30 triệu", "2tr", "500k", "1.500.000đ", "10%".
_AMOUNT = r"\d[\d.,]*\s*(?:triệu|tr|nghìn|ngàn|k|đồng|đ|vnđ|vnd|usd|\$|%)"

_FEE_STRONG = phrases(
    r"(?<!mien\s)(?:lệ )?phí (?:nhận (?:thưởng|quà|giải|tiền|hàng|lương|hoa hồng)|giải ngân"
    r"|hồ sơ(?: vay)?|bảo hiểm (?:khoản )?vay|mở khóa|kích hoạt|rút tiền|xác minh|thông quan"
    r"|hải quan|thủ tục(?: nhận| giải ngân| rút)?|trúng thưởng|bảo lãnh|duyệt (?:vay|hồ sơ)"
    r"|nâng (?:hạn mức|cấp)|xử lý (?:hồ sơ|giao dịch)|bảo đảm|đảm bảo|chuyển đổi|thuế)",
    r"(?:nộp|đóng|chuyển|thanh toán|chuyển khoản|ck)[^.!?\n]{0,25}?(?:phí|lệ phí|tiền (?:đặt )?cọc"
    r"|thuế|tiền bảo hiểm)[^.!?\n]{0,40}?(?:để|mới|thì|trước khi|rồi|là)"
    r"(?: hệ thống| bên (?:em|mình))?(?: được)? (?:nhận|giải ngân|rút|hoàn|mở khóa|kích hoạt"
    r"|đi làm|vay|xong|giao|chở|gửi)",
    r"(?:nộp|đóng|chuyển|thanh toán|chuyển khoản|ck|cọc|đặt cọc) trước(?: cho (?:em|bên em|mình))?"
    r" (?:\d|phí|tiền|khoản|cọc|một|\w+ (?:triệu|nghìn|ngàn|trăm))",
    r"nạp (?:thêm|vốn|tiền|thêm tiền)[^.!?\n]{0,40}?(?:để|mới|thì) (?:được )?(?:hoàn thành|mở khóa"
    r"|rút|nhận|giải ngân|kích hoạt|nâng cấp)",
    r"(?:đặt )?cọc[^.!?\n]{0,40}?(?:để|mới|thì|rồi) (?:được )?(?:nhận|giải ngân|rút|vay|đi làm"
    r"|nhận việc|làm việc|xuất khẩu lao động)",
    r"thuế (?:thu nhập|trúng thưởng)[^.!?\n]{0,30}?(?:để|trước khi|mới) (?:được )?nhận",
    r"(?:phí|tiền) (?:ship|vận chuyển|giao hàng) (?:bưu kiện|quà|thưởng|giải thưởng)",
    r"hoàn (?:tiền|phí)[^.!?\n]{0,20}? sau khi (?:nhận|giải ngân)",
    # "nộp 10% để mở khóa lệnh giải ngân": a sum paid to unlock money that is yours.
    rf"(?:nộp|đóng|chuyển|nạp|ck)(?: thêm| trước)? {_AMOUNT}[^.!?\n]{{0,40}}?(?:để|mới|thì|rồi)"
    r"(?: hệ thống| bên (?:em|mình))?(?: được)? (?:mở khóa|giải ngân|rút|kích hoạt"
    r"|nhận (?:tiền|thưởng|quà|lương|hàng|khoản|giải))",
)
_FEE_WEAK = phrases(
    r"đặt cọc",
    r"(?:nộp|đóng|chuyển|thanh toán|chuyển khoản|ck)[^.!?\n]{0,25}?(?<!học\s)(?<!mien\s)"
    r"(?<!vien\s)phí (?!điện|nước|internet|cước|học|bảo hiểm y tế|bhyt|quản lý)",
    r"(?:chuyển khoản|chuyển|nộp|ck)[^.!?\n]{0,20}?(?<!mien\s)phí (?:vận chuyển|ship|giao hàng"
    r"|dịch vụ|bảo hiểm)",
    r"(?<!mien\s)phí (?:hải quan|thông quan)",
)

_JOB_OFFER = phrases(
    r"tuyển(?: dụng| gấp)?(?: \d+)? (?:lao động|nhân viên|người|công nhân|ctv|cộng tác viên)",
    r"(?:đi|sang) (?:làm|xuất khẩu|lao động)|xuất khẩu lao động|xuất cảnh|nhận việc|việc làm",
    r"(?:lương|thu nhập) (?:từ |lên (?:tới|đến) )?\d",
)


@rule(
    "advance_fee",
    weight=0.5,
    group=Group.REQUEST,
    message_vi=(
        "Tin nhắn đòi nộp phí hoặc tiền cọc trước để được nhận thưởng, nhận tiền vay, nhận "
        "hàng hay nhận lương: đây là chiêu lừa quen thuộc."
    ),
)
def advance_fee(ctx: Context) -> Iterator[Hit]:
    match = ctx.find_first(_FEE_STRONG)
    if match is not None:
        yield ctx.hit(match.start(), match.end(), 0.5)
        return
    match = ctx.find_first(_FEE_WEAK)
    if match is not None:
        # A deposit or fee asked of someone offered a job is the job scam's toll.
        yield ctx.hit(match.start(), match.end(), 0.5 if _JOB_OFFER.search(ctx.folded) else 0.3)


_APP_STRONG = phrases(
    r"[\w\-]+\.apk",
    r"(?:file|tệp|tập tin)(?: cài đặt)? apk",
    r"apk",
    r"(?:ứng dụng|phần mềm|app) hỗ trợ",
    r"teamviewer|anydesk|ultraviewer|ultra viewer|rustdesk|airdroid|quicksupport",
    r"(?:cài|cài đặt|tải|tải về|download|cập nhật)[^.!?\n]{0,40}?(?:theo|qua|tại|từ|bằng|ở) "
    r"(?:đường )?(?:link|liên kết|đường dẫn|tin nhắn)",
    r"(?:ứng dụng|phần mềm|app) (?:điều khiển|chia sẻ màn hình)|chia sẻ màn hình",
    r"(?:hướng dẫn|hỗ trợ|điều khiển|thao tác|đối chiếu|cài đặt|kiểm tra|xử lý) từ xa",
    r"(?:ứng dụng|app) (?:vneid|dịch vụ công|bhxh|thuế|điện lực|evn)[^.!?\n]{0,20}?(?:bản mới"
    r"|phiên bản mới|mới nhất) (?:tại|qua|theo)",
)
_APP_BASIC = phrases(
    r"(?:cài|cài đặt|tải|tải về|download|cập nhật|dùng thử)(?: ngay)?(?: giúp)? (?:ứng dụng|app"
    r"|phần mềm|ứng dụng|bản cập nhật)",
    r"(?:tải|cài) (?:về|đặt)? (?:máy|điện thoại)",
)
_LINK_WORD = phrases(r"link|đường dẫn|liên kết")
_OFFICIAL_STORE = phrases(r"ch play", r"google play", r"app ?store", r"kho ứng dụng", r"play store")


@rule(
    "app_install_request",
    weight=0.55,
    group=Group.REQUEST,
    message_vi=(
        "Tin nhắn bảo cài ứng dụng lạ hoặc tệp .apk. Ứng dụng giả có thể chiếm điện thoại và "
        "rút sạch tiền trong tài khoản."
    ),
)
def app_install_request(ctx: Context) -> Iterator[Hit]:
    match = ctx.find_first(_APP_STRONG)
    if match is not None:
        yield ctx.hit(match.start(), match.end(), 0.55)
        return
    match = ctx.find_first(_APP_BASIC)
    if match is None:
        return
    if ctx.unofficial_urls or _LINK_WORD.search(ctx.folded):
        weight = 0.5
    elif _OFFICIAL_STORE.search(ctx.folded):
        weight = 0.1
    else:
        weight = 0.3
    yield ctx.hit(match.start(), match.end(), weight)


_TRANSFER = phrases(
    r"(?<!da\s)(?<!vua\s)(?<!duoc\s)(?:chuyển|ck|nộp|nạp|gửi|bắn|ứng)(?: khoản| tiền| lại| trước"
    r"| giúp| giùm| hộ)?"
    r"[^.!?\n]{0,30}? (?:vào|qua|sang|tới|đến|cho) (?:số )?(?:tài khoản|tk|stk|ví|số tài khoản)",
    r"(?<!da\s)(?<!vua\s)(?<!duoc\s)(?:chuyển|nộp|nạp|ck)(?: khoản| tiền) (?:ngay|gấp|giúp|giùm"
    r"|dùm|hộ|trước|cho (?:em|anh|chị|mẹ|con|bố|ba|mình|tôi|cháu|cô|chú|bác))",
    r"(?:vui lòng|hãy|cần|phải|yêu cầu|đề nghị|nhờ|giúp|mau|nhanh)[^.!?\n]{0,15}?(?:chuyển khoản"
    r"|chuyển tiền|nộp tiền|nạp tiền|ck)",
    # "chuyển 30 triệu", "ck 500k": moving a stated sum, not something already done.
    rf"(?<!da\s)(?<!vua\s)(?<!duoc\s)(?<!di\s)(?:chuyển|ck|nộp|gửi|bắn)(?: khoản| tiền| ngay| gấp"
    rf"| trước| lại)? {_AMOUNT}",
)


@rule(
    "transfer_request",
    weight=0.25,
    group=Group.REQUEST,
    message_vi="Tin nhắn giục bạn chuyển tiền. Hãy tự gọi lại cho người đó trước khi chuyển.",
)
def transfer_request(ctx: Context) -> Iterator[Hit]:
    match = ctx.find_first(_TRANSFER)
    if match is not None:
        yield ctx.hit(match.start(), match.end(), 0.25)


_GUIDED_STRONG = phrases(
    r"(?:nhập|điền|gõ|ghi)[^.!?\n]{0,40}?(?:vào )?(?:ô|mục|phần|dòng) (?:chuyển tiền|chuyển khoản"
    r"|số tiền|nội dung chuyển)",
    r"(?:chuyển|nhập|bấm|xác nhận)[^.!?\n]{0,40}?(?:để|thì|mới) (?:hệ thống )?(?:kích hoạt|mở)"
    r" (?:lệnh )?nhận (?:tiền|khoản)",
    r"kích hoạt (?:lệnh |tài khoản )?nhận (?:tiền|khoản (?:hỗ trợ|hoàn|tiền))",
)
_GUIDED_WEAK = phrases(
    r"(?:mở|vào) (?:app|ứng dụng) ngân hàng[^.!?\n]{0,60}?(?:nhập|điền|làm theo|bấm|chọn)",
    r"(?:hướng dẫn|chỉ) (?:cô|chú|bác|ông|bà|anh|chị|em|bạn)?\s?(?:thao tác|làm) (?:trên )?"
    r"(?:app|ứng dụng) ngân hàng",
)


@rule(
    "guided_transfer",
    weight=0.55,
    group=Group.REQUEST,
    message_vi=(
        "Có người hướng dẫn bạn từng bước trong ứng dụng ngân hàng, nhập số họ đọc vào ô chuyển "
        "tiền để “nhận tiền”. Làm theo là bạn chuyển tiền đi cho kẻ gian: nhận tiền không bao "
        "giờ cần bạn chuyển khoản."
    ),
)
def guided_transfer(ctx: Context) -> Iterator[Hit]:
    yield from first_hit(ctx, (_GUIDED_STRONG, 0.55), (_GUIDED_WEAK, 0.3))


_PRIVATE_CHAT = phrases(
    r"(?:kết bạn|thêm|add|liên hệ|liên lạc|nhắn tin|nhắn|chat|inbox|ib|gọi)"
    r"(?: qua| với| vào| bằng)? (?:zalo|telegram|tele|messenger|viber|whatsapp|signal)",
    r"(?:zalo|telegram|tele|messenger|viber|whatsapp)[^.!?\n]{0,25}?(?:cán bộ|nhân viên|tổng đài"
    r"|cskh|chăm sóc khách hàng|hỗ trợ|tư vấn|trưởng nhóm|leader)",
    r"(?:vào|tham gia) (?:nhóm|group) (?:telegram|tele)",
)


@rule(
    "private_chat_contact",
    weight=0.2,
    group=Group.REQUEST,
    message_vi=(
        "Tin nhắn bảo kết bạn Zalo, Telegram… để “làm việc” hay “hỗ trợ”. Cơ quan, ngân hàng "
        "thật không làm việc qua tài khoản chat cá nhân."
    ),
)
def private_chat_contact(ctx: Context) -> Iterator[Hit]:
    match = ctx.find_first(_PRIVATE_CHAT)
    if match is not None:
        yield ctx.hit(match.start(), match.end(), 0.2)


_PRESS_KEY = phrases(
    r"(?:nhấn|bấm|ấn) (?:phím|số) \d",
    r"(?:nhấn|bấm|ấn) (?:phím )?\d (?:để|gặp|kết nối|nghe|khiếu nại)",
)
_CALL_CUE = re.compile(
    r"(?:goi|lien\s*he|lien\s*lac|alo|hotline|tong\s*dai|zalo)(?:\s*(?:ngay|lai|cho|toi|den|so"
    r"|qua|hotline|tong\s*dai|can\s*bo|nhan\s*vien))*\W{0,3}$"
)
_CALL_PURPOSE = phrases(
    r"hủy|huỷ|khiếu nại|bảo vệ|xác minh|giải quyết|ngăn chặn|dừng giao dịch|gặp cán bộ"
    r"|gặp điều tra viên|xử lý|tránh bị|khóa|khoá"
)
_SENTENCE_END = re.compile(r"[.!?\n](?:\s|$)")


def _is_mobile(e164: str) -> bool:
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE


@rule(
    "callback_request",
    weight=0.3,
    group=Group.REQUEST,
    message_vi=(
        "Tin nhắn bảo gọi lại một số di động lạ (hoặc “nhấn phím 1”) để hủy giao dịch hay gặp "
        "cán bộ. Ngân hàng, nhà mạng dùng tổng đài chính thức, không dùng số di động cá nhân."
    ),
)
def callback_request(ctx: Context) -> Iterator[Hit]:
    match = ctx.find_first(_PRESS_KEY)
    if match is not None:
        yield ctx.hit(match.start(), match.end(), 0.3)
        return
    folded = ctx.folded
    for phone in ctx.phones:
        if not _is_mobile(phone.value):
            continue
        start, end = ctx.view.folded_span(phone.start, phone.end)
        before = folded[max(0, start - 60) : start]
        cut = 0
        for stop in _SENTENCE_END.finditer(before):
            cut = stop.end()
        before = before[cut:]
        after = folded[end : end + 60]
        stop = _SENTENCE_END.search(after)
        after = after[: stop.start()] if stop else after
        if _CALL_CUE.search(before) is None or is_negated(ctx.view, start):
            continue
        if _CALL_PURPOSE.search(before + " " + after):
            yield Hit(phone.start, phone.end, 0.3)
            return
