"""Themes the street-level data cannot see, written as missing evidence.

police.uk has no domestic-abuse, hate-crime or exploitation flag, puts sexual
offences inside "Violence and sexual offences", and leaves fraud to Action
Fraud.  A theme with no police.uk row is not a small problem; each gets an
indicator whose value is ``Data not supplied``, so that reports show a gap in
the evidence rather than a low score.
"""

from __future__ import annotations

from csprules.importers.police_uk.cite import no_such_category
from csprules.importers.police_uk.model import IndicatorRow, ObservationRow

UNSEEN: tuple[tuple[str, str, str], ...] = (
    ("cse", "up_under_reported", "no child sexual exploitation flag"),
    ("domestic-abuse", "up_under_reported",
     "no domestic-abuse flag: domestic incidents are inside their crime types"),
    ("fraud", "down", "fraud is recorded by Action Fraud, not in the street-level data"),
    ("gangs-exploitation", "down", "no gang or county-lines flag"),
    ("harmful-practices", "up_under_reported", "no FGM, honour-based abuse or forced-marriage "
     "flag"),
    ("hate-crime", "up_under_reported", "no hate-crime flag"),
    ("modern-slavery", "up_under_reported", "no modern-slavery flag"),
    ("sexual-offences", "up_under_reported",
     "sexual offences are counted with violence in 'Violence and sexual offences'"),
    ("stalking-harassment", "up_under_reported", "no stalking or harassment category"),
)


def unseen(labels: dict[str, str], latest: str) -> tuple[list[IndicatorRow],
                                                           list[ObservationRow]]:
    rows: list[IndicatorRow] = []
    obs: list[ObservationRow] = []
    for theme, direction, why in UNSEEN:
        ind = f"pu-unseen-{theme}"
        text = f"not visible in police.uk street-level data: {why}; use local police or " \
               f"partner data"
        rows.append(IndicatorRow(
            id=ind, label=f"{labels.get(theme, theme)} (not in police.uk street-level data)",
            themes=(theme,), unit="count", period_kind="rolling_12_months",
            direction=direction, notes=text, cited=no_such_category()))
        obs.append(ObservationRow(ind, latest, "Data not supplied", note=text,
                                  cited=no_such_category()))
    return rows, obs
