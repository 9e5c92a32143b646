from ninja import Schema


class GrantOut(Schema):
    role: str
    area_code: str
    area_name: str


class MeOut(Schema):
    username: str
    display_name: str
    is_superuser: bool
    grants: list[GrantOut]
