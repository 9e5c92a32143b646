from binhdan.classes.planning.point_import import point_import
from binhdan.imports.command import SheetImportCommand


class Command(SheetImportCommand):
    help = (
        "Import bridge points (điểm cầu) from a CSV or XLSX file: commune (name, code, or "
        "both), village, point name, address, capacity, operator (phone or username), "
        "screen/sound/connection (có/không/x). Re-running it creates nothing twice."
    )
    importer = staticmethod(point_import)
