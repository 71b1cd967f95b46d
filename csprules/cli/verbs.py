"""The registry of verbs: each module adds its sub-parser and its ``run``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from csprules.cli.backtest_verb import register as backtest_verb
from csprules.cli.decide_verb import register as decide_verb
from csprules.cli.diff_verb import register as diff_verb
from csprules.cli.elicit_verb import register as elicit_verb
from csprules.cli.explain_verb import register as explain_verb
from csprules.cli.export_verb import register as export_verb
from csprules.cli.graph_verb import register as graph_verb
from csprules.cli.import_verb import register as import_verb
from csprules.cli.init_verb import register as init_verb
from csprules.cli.recommend_verb import register as recommend_verb
from csprules.cli.sensitivity_verb import register as sensitivity_verb
from csprules.cli.template_verb import register as template_verb
from csprules.cli.validate_verb import register as validate_verb
from csprules.cli.weights_verb import register as weights_verb
from csprules.cli.workshop_verb import register as workshop_verb

Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]

REGISTRY: list[Register] = [
    recommend_verb,
    explain_verb,
    validate_verb,
    graph_verb,
    backtest_verb,
    sensitivity_verb,
    diff_verb,
    weights_verb,
    elicit_verb,
    workshop_verb,
    decide_verb,
    init_verb,
    template_verb,
    export_verb,
    import_verb,
]
