from binhdan.areas.village_import import village_import
from binhdan.core.import_command import SheetImportCommand


class Command(SheetImportCommand):
    help = (
        "Import villages (thôn, tổ dân phố) from a CSV or XLSX file with a commune column "
        "(name or code), a village column and an optional kind column."
    )
    importer = staticmethod(village_import)
