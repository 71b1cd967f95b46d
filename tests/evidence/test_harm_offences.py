"""Harm per offence: the offence's weight where the table has it, the class's otherwise."""

from __future__ import annotations

import pytest

from csprules import derive_signals, load_evidence
from csprules.errors import EvidenceError
from csprules.signals.harm import default_harm_table, parse_harm_table


def test_offence_weight_beats_the_class_weight() -> None:
    table = default_harm_table()
    murder = table.lookup("serious-violence", "Violence Against the Person: Murder")
    assert murder is not None
    assert (murder.weight, murder.basis, murder.offence) == (5475, "indicative", "murder")
    assert murder.source == "the offence 'Murder', named in the label as 'Murder'"
    knife = table.lookup("serious-violence", "Knife Crime")
    assert knife is not None
    assert (knife.weight, knife.offence) == (365, None)
    assert knife.source == "the 'serious-violence' class, as no offence row matches the label"


def test_longest_phrase_wins_and_a_mix_keeps_the_class_weight() -> None:
    table = default_harm_table()
    mixed_sexual = table.lookup("sexual-offences", "Number of Rapes and Other Serious Sexual")
    assert mixed_sexual is not None
    assert mixed_sexual.weight == pytest.approx(1002.6)  # "rapes and other", not "rapes"
    mix = table.lookup("violence", "GBH, ABH and Common Assault")  # two offences named
    assert mix is not None
    assert mix.weight == pytest.approx(148.8)
    assert mix.offence is None
    assert table.lookup("burglary", "Burglary: Burglary in Other Buildings") is not None
    assert table.offence_for("Grape harvest") is None  # whole words only


def test_murder_indicator_signal_and_justification_text_agree_with_the_table() -> None:
    """Tower Hamlets 2016 counts murders under serious-violence: the signal carries the
    murder row's 5,475 days, never the class's 365."""
    signals = derive_signals(load_evidence("examples/tower-hamlets-2016"))
    fields = signals.by_id()["ind:murder:serious-violence"].fields
    assert fields["harm_weight"] == 5475
    assert fields["harm_offence"] == "murder"
    assert fields["harm_source"] == "the offence 'Murder', named in the label as 'Murder'"


def test_offence_with_unknown_class_is_located() -> None:
    text = """kind: csprules/harm
version: 1
name: t
unit: days
compiled: 2026-01-01
sources: [{id: s, citation: c}]
classes:
  - {id: violence, label: V, weight: 10, basis: published, source: s, note: n}
offences:
  - {id: m, label: M, harm_class: violenec, weight: 5, basis: published, source: s,
     matches: [m], note: n}
"""
    with pytest.raises(EvidenceError, match=r"^t\.yaml:10:35: .*unknown harm class 'violenec'"):
        parse_harm_table(text, "t.yaml")
