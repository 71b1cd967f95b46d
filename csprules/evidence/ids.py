"""Identifiers used across evidence, rulesets and governance files."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""Lower-case letters, digits, '-' and '_', starting with a letter or digit."""
