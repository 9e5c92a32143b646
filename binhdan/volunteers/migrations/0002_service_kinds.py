"""The campaign's kinds of help (staff may add more in the admin)."""

from django.db import migrations

KINDS = [
    ("vneid-level-2", "Kích hoạt định danh điện tử mức 2 (VNeID)", 10),
    ("public-service", "Nộp hồ sơ dịch vụ công trực tuyến", 20),
    ("cashless-payment", "Thanh toán không dùng tiền mặt", 30),
    ("app-install", "Cài đặt, hướng dẫn dùng ứng dụng", 40),
    ("scam-awareness", "Nhận biết, phòng tránh lừa đảo trên mạng", 50),
    ("other", "Hỗ trợ khác", 90),
]


def add_kinds(apps, schema_editor):
    ServiceKind = apps.get_model("volunteers", "ServiceKind")
    for code, name, order in KINDS:
        ServiceKind.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
