"""The registry of verbs: each module adds its sub-parser and its ``run``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from csprules.cli import (
    backtest_verb,
    decide_verb,
    diff_verb,
    elicit_verb,
    explain_verb,
    export_verb,
    graph_verb,
    import_verb,
    init_verb,
    recommend_verb,
    sensitivity_verb,
    template_verb,
    validate_verb,
    weights_verb,
    workshop_verb,
)

Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]

REGISTRY: list[Register] = [
    recommend_verb.register,
    explain_verb.register,
    validate_verb.register,
    graph_verb.register,
    backtest_verb.register,
    sensitivity_verb.register,
    diff_verb.register,
    weights_verb.register,
    elicit_verb.register,
    workshop_verb.register,
    decide_verb.register,
    init_verb.register,
    template_verb.register,
    export_verb.register,
    import_verb.register,
]
