"""Import and export in the documented format: CSV (a folder or zip), XLSX and JSON.

``import_path(store, path)`` reads, validates every row and writes all of it in
the store's one unit, or raises ``ValidationFailed`` listing every problem with
its file, row and column and writes nothing. ``export_account`` and
``export_dataset`` write the same format back; importing an export gives the
same records.
"""

from graphcrm.io.exporter import FORMATS, ExportError, export_account, export_dataset
from graphcrm.io.formats import SPECS, TableSpec
from graphcrm.io.importer import ImportResult, import_bytes, import_path, load_bytes, load_path
from graphcrm.io.limits import ImportLimits, ImportTooLarge
from graphcrm.io.progress import ImportProgress, RichImportProgress, rich_import_progress
from graphcrm.io.validation import Validated

__all__ = [
    "FORMATS",
    "SPECS",
    "ExportError",
    "ImportLimits",
    "ImportProgress",
    "ImportResult",
    "ImportTooLarge",
    "RichImportProgress",
    "TableSpec",
    "Validated",
    "export_account",
    "export_dataset",
    "import_bytes",
    "import_path",
    "load_bytes",
    "load_path",
    "rich_import_progress",
]
