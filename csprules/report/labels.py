"""Internal ids turned back into the names the catalogue, ruleset and governance give them.

Rule sentences, selection reasons and findings are written for the JSON and
``explain``, and name themes and groups by id (``'vawg'``, ``(dv-forum)``,
``tied on score with vulnerable-victims``).  A board paper names them as
people do; :meth:`Labels.humanise` rewrites the ids it knows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from csprules.assessment.pipeline import Evaluated
from csprules.governance.tiers import Tier
from csprules.scoring.model import Status

STATUS = {
    Status.PRIORITY: "priority",
    Status.CROSS_CUTTING: "cross-cutting theme",
    Status.WATCH: "watch list",
    Status.NOT_RECOMMENDED: "not recommended",
}
STATUS_BY_VALUE = {s.value: label for s, label in STATUS.items()}

def tier_words(tier: str) -> str:
    """``delivery_group`` -> ``delivery group``: a governance tier as the paper words it."""
    return tier.replace("_", " ")


METHOD = {
    "weighted_sum": "a weighted sum of the criterion scores",
    "morile": "MoRiLE-style harm times likelihood, moderated by organisational position",
}

_QUOTED_NAMED = re.compile(r"'([a-z0-9][a-z0-9_-]*)' \(([^()]*)\)")
_QUOTED = re.compile(r"'([a-z0-9][a-z0-9_-]*)'")
_PAREN = re.compile(r"\(([a-z0-9][a-z0-9_-]*)\)")
_HYPHENATED = re.compile(r"(?<![\w'-])([a-z0-9]+(?:[-_][a-z0-9]+)+)(?![\w'-])")
_ID_LIST = re.compile(r": ((?:[a-z0-9][a-z0-9_-]*, )+[a-z0-9][a-z0-9_-]*)$")
_TIED = re.compile(r"(tied on score with )([a-z0-9][a-z0-9_-]*(?:, [a-z0-9][a-z0-9_-]*)*)")
_BROKEN_BY_ID = re.compile(r"; order broken by theme id")


@dataclass(frozen=True)
class Labels:
    names: Mapping[str, str]
    """Every id a reader may meet: themes, groups, criteria, statuses."""

    @classmethod
    def of(cls, run: Evaluated) -> Labels:
        a = run.analysis
        names: dict[str, str] = dict(STATUS_BY_VALUE)
        # Tier ids a rule's sentence may carry ("owned at a strategic tier (delivery_group)").
        names.update({t.value: tier_words(t.value) for t in Tier if "_" in t.value})
        names.update({c: crit.label for c, crit in a.criteria.items()})
        if run.governance is not None:
            names.update({g.id: g.name for g in run.governance.groups})
        names.update({t: f.label for t, f in a.facts.items()})
        return cls(names)

    def name(self, ident: str) -> str:
        return self.names.get(ident, ident)

    def humanise(self, text: str) -> str:
        """``text`` with known ids replaced by their names.

        >>> Labels({"vawg": "Violence against women and girls", "dv-forum": "DV Forum",
        ...         "ttcg": "TTCG", "asb": "ASB"}).humanise(
        ...     "group 'ttcg' (TTCG) under (dv-forum) carries 2 priorities: asb, vawg")
        'group TTCG under (DV Forum) carries 2 priorities: ASB, Violence against women and girls'
        >>> Labels({"fraud": "Fraud"}).humanise(
        ...     "tied on score with fraud; order broken by theme id")
        'tied on score with Fraud; order broken by a fixed tie-break (the theme code)'
        >>> Labels({"ttcg": "TTC Group (TTCG)", "csp": "CSP", "h-f": "Housing Forum"}).humanise(
        ...     "group 'ttcg' (TTC Group (TTCG)) reports to 2 parents: csp, h-f")
        'group TTC Group (TTCG) reports to 2 parents: CSP, Housing Forum'
        """
        known = self.names

        def id_list(m: re.Match[str]) -> str:
            ids = m.group(1).split(", ")
            if not all(i in known for i in ids):
                return m.group()
            return ": " + ", ".join(known[i] for i in ids)

        def tied(m: re.Match[str]) -> str:
            ids = m.group(2).split(", ")
            if not all(i in known for i in ids):
                return m.group()
            return m.group(1) + ", ".join(known[i] for i in ids)

        # Lists of ids first, while every item is still an id.
        out = _TIED.sub(tied, _ID_LIST.sub(id_list, text))
        # "'ttcg' (Tactical ... (TTCG))": the name already follows the id; names may hold
        # parentheses, so match the known name itself.
        for m in sorted(set(_QUOTED.findall(out))):
            if m in known:
                out = out.replace(f"'{m}' ({known[m]})", known[m])
        out = _QUOTED_NAMED.sub(lambda m: m.group(2) if m.group(1) in known else m.group(), out)
        out = _QUOTED.sub(lambda m: known.get(m.group(1), m.group()), out)
        out = _PAREN.sub(lambda m: f"({known[m.group(1)]})" if m.group(1) in known
                         else m.group(), out)
        out = _HYPHENATED.sub(lambda m: known.get(m.group(1), m.group()), out)
        return _BROKEN_BY_ID.sub("; order broken by a fixed tie-break (the theme code)", out)
