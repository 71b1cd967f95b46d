"""Derived signals: the flat facts the rules engine matches on."""
