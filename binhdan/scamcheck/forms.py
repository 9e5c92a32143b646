from django import forms
from django.utils.translation import gettext_lazy as _

from binhdan.areas.models import Area
from binhdan.scamcheck.checker import MAX_CHARS
from binhdan.scamcheck.models import ReportKind
from binhdan.scamcheck.normalize import MESSAGE_MAX_CHARS, NOTE_MAX_CHARS


class ScamCheckForm(forms.Form):
    text = forms.CharField(
        label=_("Dán tin nhắn, đường link hoặc số điện thoại cần kiểm tra"),
        max_length=MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
        error_messages={
            "required": _("Hãy dán nội dung tin nhắn cần kiểm tra."),
            "max_length": _("Nội dung quá dài: tối đa %(limit_value)s ký tự."),
        },
    )


class ScamReportForm(forms.Form):
    """Only parses input; normalisation and every rule live in services.report_submit."""

    kind = forms.ChoiceField(
        label=_("Bạn muốn báo cáo gì?"),
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn loại thông tin cần báo cáo.")},
    )
    value = forms.CharField(
        label=_("Số điện thoại, đường link, số tài khoản hoặc nội dung tin nhắn"),
        max_length=MESSAGE_MAX_CHARS,
        help_text=_(
            "Tin nhắn được lưu lại để cán bộ kiểm duyệt: hãy xóa tên, số điện thoại, số tài "
            "khoản của chính bạn (nếu có) trước khi gửi."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
        error_messages={
            "required": _("Hãy nhập thông tin cần báo cáo."),
            "max_length": _("Nội dung quá dài: tối đa %(limit_value)s ký tự."),
        },
    )
    note = forms.CharField(
        label=_("Ghi chú (không bắt buộc)"),
        required=False,
        max_length=NOTE_MAX_CHARS,
        help_text=_(
            "Ví dụ: tên ngân hàng, họ xưng là ai, đã gọi lúc nào. Đừng ghi họ tên, số điện "
            "thoại của bạn, mã OTP hay mật khẩu."
        ),
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off"}),
        error_messages={"max_length": _("Ghi chú quá dài: tối đa %(limit_value)s ký tự.")},
    )
    commune_code = forms.ModelChoiceField(
        label=_("Bạn ở xã/phường nào? (không bắt buộc)"),
        queryset=Area.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.HiddenInput,  # shown by the area picker (areas/_picker.html)
        help_text=_("Giúp cán bộ Đoàn xã/phường của bạn xem và cảnh báo bà con."),
        error_messages={"invalid_choice": _("Không tìm thấy xã/phường này. Hãy chọn lại.")},
    )
    client_uuid = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Trang đã cũ: hãy tải lại trang và gửi lại.")},
    )

    def __init__(self, *args, communes, **kwargs):
        """``communes``: what the commune picker offers (``picker.COMMUNES``)."""
        super().__init__(*args, **kwargs)
        self.fields["commune_code"].queryset = communes
