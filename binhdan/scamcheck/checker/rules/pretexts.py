"""Rules about the story a scam tells: who is calling, threats, prizes, jobs, emergencies."""

import re
from collections.abc import Iterator

from ..textview import phrases
from .base import Context, Group, Hit, first_hit, rule

_AUTHORITY = (
    r"công an|cảnh sát|bộ công an|cục cảnh sát|cơ quan điều tra|điều tra viên|đội điều tra"
    r"|tòa án|toà án|viện kiểm sát|kiểm sát viên|thẩm phán|cục thuế|chi cục thuế|tổng cục thuế"
    r"|cơ quan thuế|điện lực|evn|ngân hàng|vneid|bảo hiểm xã hội|bhxh|bưu điện|bưu cục|hải quan"
    r"|viettel|vnpt|mobifone|vinaphone|nhà mạng|bộ thông tin|sở thông tin|ubnd|ủy ban"
    r"|vietcombank|vietinbank|bidv|agribank|techcombank|mbbank|mb bank|vpbank|acb|sacombank"
    r"|tpbank|shopee|lazada|dịch vụ công|cục an ninh|an ninh mạng|interpol|bộ tài chính"
    r"|cục viễn thông|viễn thông|thuế|kho bạc"
)
# Who a cold caller says they work for ("em bên siêu thị điện máy", "tôi là shipper").
_ORGANISATION = (
    r"công ty|siêu thị|cửa hàng|shop|shipper|bưu tá|giao hàng|chuyển phát|tổng đài|cskh"
    r"|chăm sóc khách hàng|trung tâm|tài chính|tín dụng|ngân hàng|nhà mạng|sàn|ban tổ chức"
    r"|chương trình|nhãn hàng|bộ phận|phòng"
)
_CLAIM = phrases(
    rf"(?:tôi|em|chúng tôi|bọn tôi|mình|đây) (?:là|bên|gọi từ|ở|đến từ|thuộc|làm ở|làm bên)"
    rf"[^.!?\n]{{0,25}}?(?:{_AUTHORITY})",
    rf"gọi (?:đến )?từ (?:{_AUTHORITY})",
    rf"(?:tôi|em|chúng tôi|bọn tôi|mình|đây) (?:là|bên|gọi từ|đến từ|làm ở|làm bên)"
    rf"(?: nhân viên| người| đại diện)?[^.!?\n]{{0,6}}?(?:{_ORGANISATION})",
)
_STAFF = phrases(
    rf"(?:cán bộ|nhân viên|chiến sĩ|điều tra viên|thẩm phán|kiểm sát viên|đại diện|tổng đài"
    rf"(?: viên)?|chuyên viên|trung tâm (?:chăm sóc|cskh|hỗ trợ))[^.!?\n]{{0,12}}?(?:{_AUTHORITY})",
    r"tòa án|toà án|viện kiểm sát|cơ quan điều tra|cơ quan công an|bộ công an|cục cảnh sát"
    r"|cục thuế|chi cục thuế|tổng cục thuế|cơ quan thuế|cục an ninh|an ninh mạng",
)
# "kẻ gian giả danh cán bộ công an", "kể cả nhân viên ngân hàng": about someone, not a claim.
_NOT_A_CLAIM = re.compile(
    r"(?:gia\s*danh|mao\s*danh|gia\s*lam|gia\s*mao|tu\s*xung|dong\s*gia|doi\s*lot|ke\s*ca"
    r"|ngay\s*ca|khong\s*phai)"
)


def _described(ctx: Context, start: int) -> bool:
    return _NOT_A_CLAIM.search(ctx.folded[max(0, start - 25) : start]) is not None


def _graded(ctx: Context, matches: list, weights: tuple, ignore: str = r"\s+") -> Iterator[Hit]:
    """One hit at the first match, heavier the more distinct phrases matched (1, 2, 3+)."""
    if not matches:
        return
    distinct = len({re.sub(ignore, "", m.group()) for m in matches})
    yield ctx.hit(matches[0].start(), matches[0].end(), weights[min(distinct, len(weights)) - 1])


@rule(
    "impersonation",
    weight=0.25,
    group=Group.PRESSURE,
    message_vi=(
        "Người gửi xưng là công an, tòa án, cơ quan thuế, điện lực hay ngân hàng. Các cơ quan "
        "này không làm việc, đòi tiền hay xin thông tin qua tin nhắn, cuộc gọi lạ."
    ),
)
def impersonation(ctx: Context) -> Iterator[Hit]:
    for pattern, weight in ((_CLAIM, 0.25), (_STAFF, 0.2)):
        for match in pattern.finditer(ctx.folded):
            if not _described(ctx, match.start()):
                yield ctx.hit(match.start(), match.end(), weight)
                return


_THREAT = phrases(
    r"(?<!luc\s)(?<!han\s)trong (?:vòng )?\d+ ?(?:h|giờ|tiếng|phút|ngày)",
    r"trước \d+ ?(?:h|giờ)(?: \d+)?(?: hôm nay| ngày mai)?",
    r"(?:sẽ )?bị (?:khóa|khoá|tạm khóa|phong tỏa|đình chỉ|vô hiệu hóa|thu hồi|hủy|huỷ|xử phạt"
    r"|xử lý hình sự|khởi tố|truy tố|bắt|tạm giữ|cưỡng chế|cắt|ngắt|dừng|truy cứu|ngừng"
    r"|tạm ngừng|tạm ngưng|đóng băng|phạt|xét xử|mất)",
    r"phong tỏa|phong toả|đóng băng|xét xử vắng mặt",
    r"chỉ còn \d+ (?:suất|chỗ|slot|phần|vé|người)|suất cuối|hạn cuối|số lượng có hạn",
    r"chậm (?:là|thì|sẽ) (?:mất|bị)|kẻo (?:mất|bị)",
    r"bắt giữ|bắt giam|lệnh bắt|lệnh truy nã|truy nã|truy tố|khởi tố|cưỡng chế|giấy triệu tập"
    r"|triệu tập",
    r"cắt điện|ngắt điện|khóa sim|khoá sim|khóa thuê bao|chặn (?:2|hai) chiều",
    r"khẩn cấp|khẩn|ngay lập tức|ngay bây giờ|ngay trong hôm nay|hạn chót|quá hạn|lần cuối"
    r"|cuối cùng",
    r"liên quan (?:đến |tới )?(?:vụ án|đường dây|rửa tiền|ma túy|ma tuý|buôn lậu)",
    r"rửa tiền|đường dây (?:ma túy|rửa tiền|lừa đảo|tội phạm)|vi phạm pháp luật|phạm tội",
)


@rule(
    "threat_urgency",
    weight=0.25,
    group=Group.PRESSURE,
    message_vi=(
        "Tin nhắn dọa dẫm hoặc hối thúc (khóa tài khoản, bắt giữ, cắt điện, chỉ còn ít giờ) "
        "để bạn không kịp suy nghĩ."
    ),
)
def threat_urgency(ctx: Context) -> Iterator[Hit]:
    matches = [m for m in _THREAT.finditer(ctx.folded) if not _described(ctx, m.start())]
    yield from _graded(ctx, matches, (0.15, 0.25, 0.35), ignore=r"\d+|\s+")


_JOB_STRONG = phrases(
    r"việc nhẹ(?:,)? lương cao",
    r"làm nhiệm vụ",
    r"nhiệm vụ (?:like|thả tim|đánh giá|xem video|follow|theo dõi|mua hàng)",
    r"(?:like|share|thả tim|follow|theo dõi|đánh giá|xem video|xem clip|bình luận|comment)"
    r"[^.!?\n]{0,30}?(?:nhận|được|hưởng|kiếm) (?:ngay )?(?:hoa hồng|tiền|thưởng|\d)",
    r"hoàn (?:tiền|vốn)[^.!?\n]{0,12}?(?:\+|và|cộng|kèm|thêm) ?(?:\d+ ?% )?hoa hồng",
    r"hoa hồng (?:lên (?:tới|đến) )?\d+ ?%",
    r"đơn hàng ảo|chốt đơn ảo|đơn ảo|làm đơn (?:hàng )?(?:tmđt|shopee|lazada|tiki)",
    r"nạp (?:tiền|thêm|vốn)[^.!?\n]{0,30}?(?:làm|nhận|mở|hoàn thành|mở khóa) (?:nhiệm vụ|đơn)",
    r"nhận nhiệm vụ|nhiệm vụ (?:số|thứ) \d|nhiệm vụ combo",
    r"(?:mỗi|1|một) (?:lượt|like|đánh giá|video|clip|bình luận|đơn|nhiệm vụ)[^.!?\n]{0,10}?"
    r"\d[\d.,]*\s*(?:k|nghìn|ngàn|đ|vnđ|000)",
)
_JOB_WEAK = phrases(
    r"cộng tác viên(?: online)?",
    r"ctv(?: online)?",
    r"làm (?:việc )?tại nhà",
    r"việc làm online|làm online|kiếm tiền online|làm thêm online|việc online",
    r"không cần (?:kinh nghiệm|vốn|bằng cấp|biết tiếng|ngoại ngữ|đi lại)",
    r"(?:thu nhập|lương|kiếm|hoa hồng)[^.!?\n]{0,25}?\d[\d.,]*\s*(?:k|nghìn|ngàn|tr|triệu"
    r"|đ|vnđ|000)[^.!?\n]{0,20}?(?:/|một|mỗi|1|trên|hàng)\s*(?:ngày|giờ|buổi|đơn)",
    r"xuất khẩu lao động|bay nhanh|đi làm nước ngoài",
    r"chỉ cần có điện thoại|chỉ cần điện thoại",
    r"thời gian tự do|thời gian linh hoạt",
    r"tuyển (?:gấp|dụng gấp)",
    r"nhận lương (?:ngay|trong ngày|theo ngày)",
)


@rule(
    "job_scam",
    weight=0.55,
    group=Group.LURE,
    message_vi=(
        "Lời mời việc “nhẹ lương cao”, làm nhiệm vụ hay bấm thích để nhận hoa hồng: kẻ gian "
        "cho lãi nhỏ lúc đầu rồi bắt nạp tiền ngày càng nhiều."
    ),
)
def job_scam(ctx: Context) -> Iterator[Hit]:
    strong = _JOB_STRONG.search(ctx.folded)
    if strong is not None:
        yield ctx.hit(strong.start(), strong.end(), 0.55)
        return
    weak = list(_JOB_WEAK.finditer(ctx.folded))
    if weak:
        distinct = len({re.sub(r"\s+", "", m.group()) for m in weak})
        yield ctx.hit(weak[0].start(), weak[0].end(), 0.45 if distinct >= 2 else 0.2)


_INVEST_STRONG = phrases(
    r"(?:cam kết|đảm bảo|bảo đảm) (?:lợi nhuận|lãi|có lãi|hoàn vốn|sinh lời|thắng|lời)",
    r"lợi nhuận cam kết|lãi cam kết|lợi nhuận đảm bảo",
    r"x ?[2-9]\d* (?:tài khoản|số tiền|vốn|lợi nhuận)",
    r"nhân (?:đôi|ba|3|2) (?:tài khoản|số tiền|vốn)",
    r"(?:lãi|lợi nhuận|sinh lời|lời)(?: suất)?[^.!?\n]{0,20}?\d+(?:[.,]\d+)?\s*%\s*(?:/|một|mỗi"
    r"|1|trên|hàng|trong)\s*(?:ngày|tuần|tháng)",
    r"(?:đầu tư|lợi nhuận|lãi)[^.!?\n]{0,30}?(?:không|0 ?%) (?:có )?rủi ro",
    r"bao lỗ|bao lời|chắc chắn (?:có )?lãi|lãi (?:khủng|đậm)|ăn chắc",
    r"nhóm kín|chuyên gia (?:đầu tư|chứng khoán|tài chính) (?:hướng dẫn|dẫn dắt)|phím hàng"
    r"|kèo thơm|tín hiệu (?:vào lệnh|giao dịch)|vào lệnh theo",
)
_INVEST_WEAK = phrases(
    r"crypto|forex|bitcoin|btc|usdt|eth|tiền ảo|tiền mã hóa|tiền điện tử|coin",
    r"sàn (?:giao dịch|đầu tư|forex|coin|crypto|ngoại hối|quốc tế|chứng khoán quốc tế|vàng)",
    r"đầu tư (?:tài chính|online|sinh lời|ít vốn)|ủy thác đầu tư|nhà đầu tư",
    r"binary option|quyền chọn nhị phân|đa cấp|vàng ảo",
    r"không (?:có )?rủi ro|lãi cao|lợi nhuận cao",
)


@rule(
    "investment_promise",
    weight=0.5,
    group=Group.LURE,
    message_vi=(
        "Lời hứa đầu tư lãi cao, “cam kết lợi nhuận”, “không rủi ro” (tiền ảo, forex, sàn "
        "quốc tế): không có khoản đầu tư thật nào như vậy."
    ),
)
def investment_promise(ctx: Context) -> Iterator[Hit]:
    strong = _INVEST_STRONG.search(ctx.folded)
    weak = list(_INVEST_WEAK.finditer(ctx.folded))
    distinct_weak = len({m.group() for m in weak})
    if strong is not None:
        yield ctx.hit(strong.start(), strong.end(), 0.6 if weak else 0.5)
    elif weak:
        weight = 0.4 if distinct_weak >= 2 else 0.2
        yield ctx.hit(weak[0].start(), weak[0].end(), weight)


_PRIZE_STRONG = phrases(
    r"trúng thưởng|trúng giải|trúng (?:xe|iphone|điện thoại|tivi|tiền mặt|sổ tiết kiệm|\d)",
    r"trúng(?: [a-z0-9]+){0,3} (?:quà|thưởng|giải|phiếu|voucher|tivi|xe|iphone|điện thoại)",
    r"may mắn (?:được chọn|trúng|nhận|được nhận)|được chọn (?:nhận|là khách hàng may mắn)",
    r"khách hàng may mắn|giải (?:đặc biệt|nhất) trị giá|(?:phần thưởng|quà tặng|quà) trị giá",
    r"quay số (?:may mắn|trúng thưởng)|vòng quay may mắn",
    r"nhận (?:quà|thưởng|giải) (?:tri ân|trị giá|miễn phí)",
)
_PRIZE_WEAK = phrases(
    r"tri ân khách hàng|quà tri ân|quà tặng|nhận quà|phần quà|nhận thưởng|giải thưởng",
    r"khuyến mãi đặc biệt|miễn phí 100 ?%|voucher|phần thưởng",
    r"(?:đang|sẽ|được) (?:hoàn|hoàn trả|chi trả) (?:lại )?(?:tiền|thuế|phí)|tiền hoàn"
    r"|nhận (?:lại )?(?:tiền )?(?:hoàn|hỗ trợ|trợ cấp)|gói hỗ trợ|tiền hỗ trợ",
)


@rule(
    "prize_claim",
    weight=0.35,
    group=Group.LURE,
    message_vi=(
        "Tin báo trúng thưởng, quà tri ân: bạn không thể trúng một chương trình mình không tham "
        "gia, và quà thật không bắt nộp phí."
    ),
)
def prize_claim(ctx: Context) -> Iterator[Hit]:
    yield from first_hit(ctx, (_PRIZE_STRONG, 0.35), (_PRIZE_WEAK, 0.2))


_EMERGENCY = phrases(
    r"(?:đang )?cấp cứu|tai nạn|nhập viện|mổ gấp|phẫu thuật gấp|đang nằm viện|viện phí",
    r"bị (?:công an )?bắt|bị tạm giữ|bị giữ (?:ở|tại)|gặp chuyện|có chuyện (?:gấp|rồi)",
    r"cần (?:tiền )?gấp|cần tiền ngay|(?<!di\s)chuyển (?:ngay|gấp)|gửi gấp"
    r"|mượn (?:tạm )?(?:tiền )?gấp"
    r"|vay gấp|cho (?:em|con|cháu|mình|tớ|anh|chị) mượn",
    r"hết pin|điện thoại (?:bị )?hỏng|mất điện thoại|(?<!chuyen\s)(?:số mới|đổi số)|máy mới",
    r"không (?:nghe|gọi|nói chuyện|bắt) (?:máy |điện thoại )?được|không tiện nghe",
    r"(?:đang )?thiếu (?:tiền|\d[\d.,]*\s*(?:k|tr|triệu|nghìn|ngàn))",
    r"(?:mai|tối nay|chiều nay|cuối tuần|tuần sau) (?:em |anh |chị |mình |tớ )?(?:trả|gửi lại)"
    r"|trả (?:lại )?(?:anh|chị|em|bạn|cô|chú|bác)? ?ngay|ứng (?:giúp|giùm|trước|tạm)",
)


@rule(
    "family_emergency",
    weight=0.3,
    group=Group.PRESSURE,
    message_vi=(
        "Tin báo người thân gặp nạn, đang cấp cứu hay cần tiền gấp: kẻ gian hay giả làm người "
        "thân hoặc bác sĩ. Hãy gọi thẳng cho người thân bằng số bạn đã lưu."
    ),
)
def family_emergency(ctx: Context) -> Iterator[Hit]:
    yield from _graded(ctx, list(_EMERGENCY.finditer(ctx.folded)), (0.25, 0.4, 0.5))


_SECRECY = phrases(
    r"không (?:được )?(?:nói|kể|báo|tiết lộ|để lộ)(?: cho| với)? (?:ai|bất (?:kỳ|kì|cứ) ai"
    r"|người (?:thân|khác|nhà)|gia đình|vợ|chồng|con cái|ngân hàng"
    r"|công an (?:địa phương|xã|phường))",
    r"đừng (?:nói|kể|báo)(?: cho| với)? (?:ai|bất (?:kỳ|kì) ai|người (?:thân|nhà|khác)|gia đình"
    r"|vợ|chồng|con cái|ngân hàng)",
    r"giữ bí mật|tuyệt đối bí mật|bí mật (?:điều tra|nhà nước|cuộc gọi|vụ án|quốc gia)",
    r"không (?:được )?để (?:ai|người (?:thân|nhà|khác)|gia đình) biết",
    r"không (?:được )?(?:liên lạc|liên hệ) với (?:ai|người thân|gia đình|ngân hàng)",
    r"(?:ở|vào|tìm) (?:một mình|phòng riêng|chỗ vắng|nơi vắng)|nói chuyện một mình",
    r"không được (?:cúp|tắt) máy|không (?:cúp|tắt) máy",
)


@rule(
    "secrecy",
    weight=0.35,
    group=Group.PRESSURE,
    message_vi=(
        "Người gửi bảo giữ bí mật, không được kể với người thân: đó là cách kẻ gian cô lập "
        "bạn. Hãy kể ngay với người thân."
    ),
)
def secrecy(ctx: Context) -> Iterator[Hit]:
    match = _SECRECY.search(ctx.folded)
    if match is not None:
        yield ctx.hit(match.start(), match.end(), 0.35)


_LOAN = phrases(
    r"vay (?:tiền )?(?:nhanh|online|cấp tốc|siêu tốc|trong ngày|qua app|không thế chấp)",
    r"giải ngân (?:trong|ngay|nhanh|sau) ?(?:\d+ ?(?:phút|giờ|h))?",
    r"không (?:cần )?(?:thẩm định|thế chấp|chứng minh thu nhập|gặp mặt)",
    r"chỉ cần (?:có )?(?:cccd|căn cước|cmnd|chứng minh)",
    r"(?:hồ sơ|khoản) vay[^.!?\n]{0,30}?(?:được duyệt|đã duyệt|đủ điều kiện|bị đóng băng|bị khóa)",
    r"đủ điều kiện (?:vay|được vay|nhận khoản vay)|hỗ trợ vay|khoản vay (?:ưu đãi|lãi suất 0)",
    r"lãi(?: suất)? 0 ?%",
    r"nợ xấu (?:vẫn|cũng) (?:vay|được)",
)


@rule(
    "loan_offer",
    weight=0.4,
    group=Group.LURE,
    message_vi=(
        "Lời mời vay tiền dễ dàng (giải ngân ngay, không thẩm định, chỉ cần CCCD) hoặc báo "
        "khoản vay đã duyệt: sau đó kẻ gian sẽ đòi nộp phí trước."
    ),
)
def loan_offer(ctx: Context) -> Iterator[Hit]:
    yield from _graded(ctx, list(_LOAN.finditer(ctx.folded)), (0.25, 0.4, 0.5))


_FIXER_PAPERS = (
    r"sổ đỏ|sổ hồng|giấy phép lái xe|gplx|bằng lái|hộ chiếu|căn cước|cccd|giấy tờ|hồ sơ|bằng cấp"
    r"|bằng đại học|lý lịch|giấy khai sinh|sổ bảo hiểm|định danh"
)
_FIXER = phrases(
    rf"(?:dịch vụ|nhận) (?:làm|đổi|cấp|chạy|lo|xử lý|rút)?(?: nhanh| gấp| hộ| trọn gói)? "
    rf"(?:{_FIXER_PAPERS})",
    rf"(?:làm|đổi|cấp|chạy|lo) (?:{_FIXER_PAPERS})(?: \w+)? (?:nhanh|gấp|online|tại nhà|hộ|"
    rf"trọn gói|cấp tốc)",
    r"không cần (?:thi|thi lại|lên|đến|đi|chờ|xếp hàng|học)(?! tiếng)",
    r"quen (?:cán bộ|lãnh đạo|người)|có người quen|đẩy (?:được )?hồ sơ|chạy hồ sơ|bao (?:đậu|đỗ)",
    r"(?:phí|giá) trọn gói|nhận (?:bằng|giấy tờ|kết quả) tại nhà",
)


@rule(
    "fixer_service",
    weight=0.35,
    group=Group.LURE,
    message_vi=(
        "Lời mời “làm giấy tờ nhanh”, quen cán bộ, không cần thi hay lên xã: giấy tờ thật chỉ "
        "làm qua cơ quan nhà nước hoặc Cổng dịch vụ công."
    ),
)
def fixer_service(ctx: Context) -> Iterator[Hit]:
    yield from _graded(ctx, list(_FIXER.finditer(ctx.folded)), (0.2, 0.35, 0.45))
