"""The police.uk importer: street-level crime and ASB files in, an evidence folder out.

>>> import tempfile
>>> from pathlib import Path
>>> from csprules.importers.police_uk import import_police_uk
>>> source = Path("examples/city-of-london-2019/source")
>>> out = Path(tempfile.mkdtemp()) / "city"
>>> result = import_police_uk(sorted(source.glob("*.zip")), out, area="City of London")
>>> result.summary["rows_in_area"], result.summary["rows_without_location"]
(14012, 990)
"""

from csprules.importers.police_uk.importer import ImportResult, import_police_uk

__all__ = ["ImportResult", "import_police_uk"]
