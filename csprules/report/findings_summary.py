"""Findings grouped and counted by kind, worded for a board: page one counts, the appendix lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from csprules.report.hygiene import visible
from csprules.report.labels import Labels
from csprules.report.wording import tidy
from csprules.scoring.model import Finding

KIND = {
    "missing": ("missing value", "missing values"),
    "printed_mismatch": ("printed change that disagrees with the figures",
                         "printed changes that disagree with the figures"),
    "printed_only": ("indicator with only a printed change", "indicators with only a printed "
                     "change"),
    "unowned": ("chosen theme with no owner", "chosen themes with no owner"),
    "overloaded": ("group carrying many priorities", "groups carrying many priorities"),
    "dual_parent": ("group reporting to two parents", "groups reporting to two parents"),
    "harm_class": ("harm class to check", "harm classes to check"),
    "stale": ("stale indicator", "stale indicators"),
    "evidence_gap": ("theme listed on policy grounds with no local evidence (an evidence gap)",
                     "themes listed on policy grounds with no local evidence (evidence gaps)"),
    "no_governance": ("note that no governance was given", "notes that no governance was given"),
    "cycle": ("reporting cycle", "reporting cycles"),
    "no_board": ("group that reaches no board", "groups that reach no board"),
    "operational_only": ("theme owned only by an operational group",
                         "themes owned only by operational groups"),
    "owns_nothing": ("group that owns no theme", "groups that own no theme"),
    "tbc_owner": ("theme whose owner is to be confirmed", "themes whose owner is to be confirmed"),
    "undocumented_source": ("cited document with no entry in sources.yaml",
                            "cited documents with no entry in sources.yaml"),
    "departure": ("decision that departs from the recommendation",
                  "decisions that depart from the recommendation"),
    "morile_dimension_empty": ("MoRiLE dimension with no data", "MoRiLE dimensions with no data"),
}


@dataclass(frozen=True)
class FindingGroup:
    kind: str
    label: str
    """Worded for its count: ``3 missing values``."""
    count: int
    severity: str
    items: tuple[str, ...]


def _label(kind: str, count: int) -> str:
    one, many = KIND.get(kind, (kind.replace("_", " "), kind.replace("_", " ")))
    return one if count == 1 else many


def group_findings(findings: Sequence[Finding], labels: Labels) -> list[FindingGroup]:
    """Warnings first, then by count (largest first), then kind."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.kind, []).append(f)
    out = []
    for kind, items in groups.items():
        severity = "warning" if any(f.severity == "warning" for f in items) else "info"
        texts = sorted(
            visible(labels.humanise(tidy(f.message)))
            + (f" ({visible(f.where)})" if f.where else "")
            for f in items
        )
        out.append(FindingGroup(kind, _label(kind, len(items)), len(items), severity,
                                tuple(texts)))
    out.sort(key=lambda g: (g.severity != "warning", -g.count, g.kind))
    return out
