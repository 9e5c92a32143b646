from pathlib import PurePath

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class VillageImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách thôn, tổ dân phố (.xlsx hoặc .csv)"),
        help_text=_(
            "Cần cột tên (hoặc mã) xã/phường và cột tên thôn/tổ dân phố; cột loại có thể bỏ. "
            "Dòng tiêu đề, dòng trống và dòng tổng cộng được bỏ qua."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in {".xlsx", ".csv"}:
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 5 MB)."))
        return upload
