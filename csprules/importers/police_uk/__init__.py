"""The police.uk importer: street-level crime and ASB files in, an evidence folder out.

>>> from csprules.importers.police_uk import import_police_uk  # doctest: +SKIP
>>> import_police_uk(["2018-12-city-of-london-street.csv"], "out", area="City of London")
"""

from csprules.importers.police_uk.importer import ImportResult, import_police_uk

__all__ = ["ImportResult", "import_police_uk"]
