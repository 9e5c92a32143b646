"""Is a request negated ("KHÔNG cung cấp mã OTP") and is the message a warning about scams?

A bank's OTP message and a police warning mention the very words a scam uses, but to say
"never do this". These helpers look at the few words before a match, in the same clause.
"""

import re

from .textview import TextView, phrases

# A clause ends at punctuation or where a new instruction starts.
_CLAUSE_BREAK = re.compile(
    r"[.!?;:\n,()\[\]]|(?<![a-z])(?:vui\s*long|nhung|chi\s*can|sau\s*do|roi\s*thi)(?![a-z])"
)
_WORD = re.compile(r"[a-z0-9]+")
_WINDOW_WORDS = 8
_LOOK_BACK_CHARS = 80

# Unambiguous once folded.
_NEGATORS_FOLDED = frozenset({"khong", "ko", "kg", "khg", "hong", "tranh"})
# Ambiguous once folded ("dung" is "đừng" but also "dùng", "đúng"): need the diacritics,
# or, in a text written without diacritics, to stand right before the request.
_NEGATORS_WITH_MARKS = {"dung": "đừng", "cho": "chớ", "cam": "cấm", "chang": "chẳng"}
# "không" that does not negate what follows: "nếu không …", "không hợp lệ", "không kịp".
_NOT_NEGATING_BEFORE = frozenset({"neu", "khi", "hoac"})
_NOT_NEGATING_AFTER = frozenset(
    {"hop", "thanh", "the", "kip", "lien", "xac", "chinh", "con", "ro", "hieu", "co", "phai"}
)

# "không phải nộp" (need not pay) negates; "không phải là" (is not) does not.
_OBLIGATIONS = frozenset({"nop", "dong", "tra", "chuyen", "mat", "dat", "cung", "gui", "cai"})


def is_negated(view: TextView, start: int) -> bool:
    """True when a negation ("không", "đừng", "tuyệt đối không"…) precedes ``folded[start]``."""
    folded = view.folded
    look_from = max(0, start - _LOOK_BACK_CHARS)
    window = folded[look_from:start]
    cut = 0
    for brk in _CLAUSE_BREAK.finditer(window):
        cut = brk.end()
    words = list(_WORD.finditer(window, cut))[-_WINDOW_WORDS:]
    for pos, word in enumerate(words):
        folded_word = word.group()
        if folded_word in _NEGATORS_FOLDED:
            pass
        elif folded_word in _NEGATORS_WITH_MARKS:
            original = view.original_words(look_from + word.start(), look_from + word.end())
            has_marks = original != folded_word
            if has_marks and original != _NEGATORS_WITH_MARKS[folded_word]:
                continue
            if not has_marks and (folded_word != "dung" or pos < len(words) - 2):
                continue
        else:
            continue
        before = words[pos - 1].group() if pos > 0 else ""
        after = words[pos + 1].group() if pos + 1 < len(words) else ""
        then = words[pos + 2].group() if pos + 2 < len(words) else ""
        if before in _NOT_NEGATING_BEFORE:
            continue
        if after in _NOT_NEGATING_AFTER and not (after == "phai" and then in _OBLIGATIONS):
            continue
        return True
    return False


# Words that describe scams from the outside (a warning talks about "kẻ gian", "thủ đoạn").
_WARNING_TOPIC = phrases(
    r"lừa đảo",
    r"bị lừa",
    r"lừa (?:mất|tiền|chiếm đoạt)",
    r"chiếm đoạt",
    r"kẻ gian",
    r"kẻ xấu",
    r"thủ đoạn",
    r"chiêu (?:trò|thức|lừa)",
    r"giả danh",
    r"mạo danh",
    r"giả mạo",
    r"giả (?:làm )?(?:công an|cán bộ|nhân viên|người thân|ngân hàng|điện lực|bưu điện|shipper)",
    r"(?:cuộc gọi|tin nhắn|gọi điện|đường link|trang web|website) giả",
    r"các đối tượng",
    r"đối tượng (?:xấu|lừa đảo)",
    r"cảnh giác",
    r"cảnh báo",
)
# …and tell people what not to do.
_WARNING_ADVICE = phrases(
    r"tuyệt đối không",
    r"không (?:bao giờ|nên|được)?\s*(?:bấm|nhấp|nhấn|click|truy cập|cung cấp|chia sẻ|"
    r"chuyển|làm theo|cài|tải|tin|nghe theo|gửi|đọc|nộp|kết bạn)",
    r"(?<!neu\s)không (?:yêu cầu|gọi điện|nhắn tin)",
    r"đừng (?:bấm|nhấp|click|truy cập|cung cấp|chia sẻ|chuyển|làm theo|cài|tải|tin)",
    r"hãy cảnh giác",
    r"nâng cao cảnh giác",
    r"trình báo",
    r"báo (?:ngay )?(?:cho )?(?:cơ quan )?công an",
    r"báo ngay",
    r"không có [^.!?\n]{0,30}?(?:nào|ai) (?:bắt|yêu cầu|đòi)",
    r"liên hệ (?:ngay )?(?:với )?(?:cơ quan )?công an",
    r"gọi (?:số )?113",
    r"không làm việc qua điện thoại",
)


def is_warning(view: TextView) -> bool:
    """The message warns about scams: it names them from the outside and advises against them."""
    return bool(_WARNING_TOPIC.search(view.folded) and _WARNING_ADVICE.search(view.folded))
