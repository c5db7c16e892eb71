from django import forms
from django.utils.translation import gettext_lazy as _


class EmailPreferenceForm(forms.Form):
    email_enabled = forms.BooleanField(
        label=_("Nhận thư điện tử nhắc việc"),
        required=False,
        help_text=_("Thông báo trong hệ thống luôn được ghi; tắt ô này chỉ dừng thư điện tử."),
    )
