"""The spreadsheet import pipeline: villages, bridge points, paper attendance sheets, and
the next lists (members, households to visit).

Every import goes the same way:

1. ``columns.read_sheet`` reads a messy CSV/XLSX (``core.sheets``) against a list of
   ``Column`` specs (canonical key, accepted header spellings, required or not);
2. a *plan* function turns each row into a planned item (``create`` / ``update`` /
   ``unchanged``) or a ``RowError`` with the spreadsheet's own row number, collected in an
   ``ImportReport``; matchers (``matchers``) find communes by name or code and villages by
   their folded name. Planning writes nothing;
3. an *apply* function writes the plan in one transaction.

``command.SheetImportCommand`` runs a plan/apply pair from the command line (``--dry-run``,
``--format json``); ``upload.TwoStepUpload`` runs it on the web (upload and preview, then
confirm the staged file). The package sits above ``accounts`` (the importer's scope) and
below the apps that import (``classes``, ``volunteers``).
"""
