"""csprules: explainable priority setting for Community Safety Partnerships.

Evidence (indicators, consultation, external drivers) goes in; a rules engine
scores candidate themes; out come recommended priorities, each with a score,
justifications citing the evidence, and the sub-group responsible for it.
"""

from __future__ import annotations

from csprules.assessment.assess import assess
from csprules.assessment.model import Assessment
from csprules.assessment.pipeline import evaluate_evidence, recommend
from csprules.errors import (
    CsprulesError,
    EngineError,
    EvidenceError,
    GovernanceError,
    Location,
    Problem,
    RulesetError,
    UsageError,
)
from csprules.evidence.consultation import ConsultationMeasure, ConsultationResult
from csprules.evidence.drivers import DriverKind, DriverLevel, ExternalDriver
from csprules.evidence.evidence import Evidence
from csprules.evidence.indicator import DataFlag, Direction, Indicator, Observation, Series, Unit
from csprules.evidence.load import load_evidence
from csprules.evidence.partnership import Partnership, PreviousPriorities, PreviousPriority
from csprules.evidence.periods import Period, PeriodKind
from csprules.evidence.themes import PatSide, Theme, ThemeKind
from csprules.evidence.values import MissingState
from csprules.governance import Governance, load_governance
from csprules.rules import Contribution, Evaluation, Ruleset, evaluate, load_ruleset
from csprules.scoring.model import (
    Change,
    CriterionScore,
    Finding,
    Justification,
    Owner,
    Recommendation,
    Recommendations,
    Status,
)
from csprules.signals.derive import derive_signals
from csprules.signals.model import DataQualityFlag, EvidenceRef, Signal, Signals

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "Change",
    "ConsultationMeasure",
    "ConsultationResult",
    "Contribution",
    "CriterionScore",
    "CsprulesError",
    "DataFlag",
    "DataQualityFlag",
    "Direction",
    "DriverKind",
    "DriverLevel",
    "EngineError",
    "Evaluation",
    "Evidence",
    "EvidenceError",
    "EvidenceRef",
    "ExternalDriver",
    "Finding",
    "Governance",
    "GovernanceError",
    "Indicator",
    "Justification",
    "Location",
    "MissingState",
    "Observation",
    "Owner",
    "Partnership",
    "PatSide",
    "Period",
    "PeriodKind",
    "PreviousPriorities",
    "PreviousPriority",
    "Problem",
    "Recommendation",
    "Recommendations",
    "Ruleset",
    "RulesetError",
    "Series",
    "Signal",
    "Signals",
    "Status",
    "Theme",
    "ThemeKind",
    "Unit",
    "UsageError",
    "__version__",
    "assess",
    "derive_signals",
    "evaluate",
    "evaluate_evidence",
    "load_evidence",
    "load_governance",
    "load_ruleset",
    "recommend",
]
