"""Everything one partnership's assessment rests on, in one validated object."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from csprules.evidence.consultation import ConsultationResult
from csprules.evidence.drivers import ExternalDriver
from csprules.evidence.indicator import Indicator
from csprules.evidence.partnership import Partnership, PreviousPriorities
from csprules.evidence.source_documents import SourceDocument
from csprules.evidence.themes import Theme


class Evidence(BaseModel):
    """The partnership, its themes, indicators, consultations and drivers.

    Built by :func:`csprules.load_evidence`; every cross-reference (theme ids,
    indicator ids) has been checked, so downstream code can index freely.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    partnership: Partnership
    themes: tuple[Theme, ...]
    indicators: tuple[Indicator, ...] = ()
    consultations: tuple[ConsultationResult, ...] = ()
    drivers: tuple[ExternalDriver, ...] = ()
    previous: PreviousPriorities | None = None
    source_documents: tuple[SourceDocument, ...] | None = None
    """The cited documents named (``sources.yaml``); ``None`` when the evidence names none."""
    source: str
    """The folder or workbook the evidence was read from."""

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def indicator(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)
