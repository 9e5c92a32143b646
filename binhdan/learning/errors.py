"""Learning's error codes, declared once (see ``binhdan.core.errors.ErrorCode``)."""

from django.utils.translation import gettext_lazy as _

from binhdan.core.errors import Conflict, ErrorCode, InvalidInput, NotFound


class LearningErrors(ErrorCode):
    TOPIC_NOT_FOUND = "topic_not_found", NotFound, _("Không tìm thấy.")
    QUIZ_NOT_FOUND = "quiz_not_found", NotFound, _("Không tìm thấy.")
    LESSON_NOT_FOUND = "lesson_not_found", NotFound, _("Không tìm thấy.")
    CERTIFICATE_NOT_FOUND = "certificate_not_found", NotFound, _("Không tìm thấy.")
    QUIZ_EMPTY = "quiz_empty", InvalidInput, _("Bài kiểm tra này chưa có câu hỏi.")
    ATTEMPT_FINISHED = "attempt_finished", Conflict, _("Lượt làm bài này đã kết thúc.")
    QUESTION_UNKNOWN = (
        "question_unknown",
        InvalidInput,
        _("Câu hỏi không thuộc bài kiểm tra này."),
        "question",
    )
    CHOICE_REQUIRED = (
        "choice_required",
        InvalidInput,
        _("Hãy chọn một phương án trả lời."),
        "choice",
    )
    # A whole attempt from the app: ``details["errors"]`` lists the problems per answer.
    ANSWERS_INVALID = (
        "answers_invalid",
        InvalidInput,
        _("Câu trả lời không khớp với bài kiểm tra."),
        "answers",
    )
    VILLAGE_UNKNOWN = (
        "village_unknown",
        InvalidInput,
        _("Không tìm thấy thôn/tổ dân phố này."),
        "person.village_code",
    )
    ATTEMPT_NOT_PASSED = "attempt_not_passed", InvalidInput, _("Chưa đạt bài kiểm tra.")
    CERTIFICATE_CODE = (
        "certificate_code",
        Conflict,
        _("Không tạo được mã chứng nhận, hãy thử lại."),
    )
    REASON_REQUIRED = (
        "reason_required",
        InvalidInput,
        _("Hãy chọn lý do thu hồi trong danh sách."),
        "reason",
    )
    NOTE_REQUIRED = (
        "note_required",
        InvalidInput,
        _("Với “Lý do khác”, hãy ghi rõ lý do (chỉ cán bộ xem được)."),
        "note",
    )
    NOTE_TOO_LONG = "note_too_long", InvalidInput, _("Ghi chú quá dài (tối đa 300 ký tự)."), "note"
    ALREADY_REVOKED = "already_revoked", Conflict, _("Chứng nhận này đã bị thu hồi.")


# Codes of the per-answer problems inside ``ANSWERS_INVALID``'s details (not raised alone).
ANSWER_QUESTION_REPEATED = "question_repeated"
ANSWER_CHOICE_OUT_OF_RANGE = "choice_out_of_range"
ANSWER_QUESTIONS_MISSING = "questions_missing"
