from ninja import Schema


class AreaOut(Schema):
    code: str
    name: str
    kind: str
    level: str
    parent_code: str | None
    path: str

    @staticmethod
    def resolve_parent_code(area) -> str | None:
        return area.parent.code if area.parent_id else None

    @staticmethod
    def resolve_path(area) -> str:
        return area.display_path


class AreaDetailOut(AreaOut):
    commune_count: int
    village_count: int
