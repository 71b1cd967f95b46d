"""Importers: open data turned into evidence folders (one subpackage per source)."""
