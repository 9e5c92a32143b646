from binhdan.imports.command import SheetImportCommand
from binhdan.volunteers.member_import import member_import


class Command(SheetImportCommand):
    help = (
        "Import volunteer members (đoàn viên) from a CSV or XLSX file: full name, birth year, "
        "phone, commune (name, code, or both), village, team and note columns, in any order."
    )
    importer = staticmethod(member_import)
