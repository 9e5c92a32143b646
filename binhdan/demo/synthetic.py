"""What every part of the synthetic demo shares: the fixed seed, the namespace of its
client UUIDs and invented Vietnamese names (any match with a real person is chance)."""

import uuid

SEED = 20251101
DEMO_NAMESPACE = uuid.UUID("0b7c9a1e-2f43-4c55-9d1e-6a8b3c2d1f00")
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô"]
MIDDLE = {"m": ["Văn", "Đức", "Minh", "Quang", "Hữu"], "f": ["Thị", "Thu", "Ngọc", "Thanh"]}
GIVEN = {
    "m": ["An", "Bình", "Dũng", "Hải", "Hùng", "Nam", "Phúc", "Quang", "Sơn", "Tuấn"],
    "f": ["Cúc", "Hà", "Hoa", "Lan", "Mai", "Oanh", "Tâm", "Thảo", "Yến", "Nga"],
}
