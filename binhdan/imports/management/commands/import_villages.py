from binhdan.imports.command import SheetImportCommand
from binhdan.imports.villages import village_import


class Command(SheetImportCommand):
    help = (
        "Import villages (thôn, tổ dân phố) from a CSV or XLSX file with a commune column "
        "(name, code, or both), a village column and an optional kind column."
    )
    importer = staticmethod(village_import)
