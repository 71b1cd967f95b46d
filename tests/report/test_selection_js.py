"""report.js's kernel agrees with Python's selection kernel, under node, without a browser.

For every shipped example and three scoring configurations (the default ruleset, a
MoRiLE variant with a high-on-any override, and tight thresholds with a cap the
override can fill), the HTML report is rendered, and the script and data embedded
in that page are run under node on 1,000 random weightings.  Statuses and ranks
must match Python exactly; scores to 1e-11.

Why 1e-11: both sides compute a weighted mean of at most a dozen criterion scores
in [0, 1] (and MoRiLE a product of two), times 100, in IEEE doubles.  They may sum
in different orders (numpy's pairwise sums and BLAS against a left-to-right loop),
which bounds the difference by about 12 x 2**-53 x 100 x 2, i.e. 3e-13.  1e-11 is
thirty times that and a hundred times below the kernel's own tolerance (1e-9),
so no difference it allows could change a decision; exact status and rank
agreement checks that none did.

Needs Debian's ``nodejs`` (``.ci/run`` installs it).  Outside CI the test is
skipped when node is missing; in CI it fails instead.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from csprules import load_evidence, load_governance
from csprules.assessment.assess import assemble
from csprules.assessment.pipeline import Evaluated, evaluate_evidence
from csprules.cli.common import ruleset_from
from csprules.report.html import render_html
from csprules.rules.scoring_config import ScoringConfig
from csprules.scoring.aggregate import Array
from csprules.scoring.scorer import Scorer
from csprules.scoring.selection_kernel import Outcome
from csprules.scoring.selector import OUTCOME_STATUS, Decisions, Selector

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.name for p in (ROOT / "examples").iterdir() if p.is_dir())
WEIGHTINGS = 1_000
FULL_PATH = 20
"""Weightings per case also taken through ``recommendations`` (the report's own path)."""
SCORE_TOLERANCE = 1e-11

NODE = shutil.which("node")
if NODE is None:
    if os.environ.get("CI"):
        pytest.fail("node is required in CI (Debian package nodejs)", pytrace=False)
    pytest.skip("node not installed (Debian package nodejs): cannot run report.js",
                allow_module_level=True)

# External drivers count on both sides so that the examples with thin evidence (Ealing,
# Havering: little but drivers and vulnerability score) still rank under MoRiLE.
HARM = ["harm", "vulnerability", "drivers"]
LIKELIHOOD = ["volume", "trend", "benchmark", "concern", "drivers", "under_reporting",
              "continuity"]
VARIANTS: dict[str, dict[str, Any]] = {
    "ruleset": {},
    "morile-override": {
        "method": "morile",
        "morile": {"harm": HARM, "likelihood": LIKELIHOOD,
                   "organisational_position": "organisational_position", "moderation": 0.25},
        "high_on_any": {"criteria": ["harm", "concern"], "at_least": 0.9},
    },
    "tight": {
        "high_on_any": {"criteria": ["trend"], "at_least": 1.0},
        "selection": {"max_priorities": 3, "min_priority_score": 20, "min_share_of_top": 0.8,
                      "watch_score": 10, "watch_share_of_top": 0.5,
                      "cross_cutting_min_links": 2, "statutory_cross_cutting": False},
    },
}

# Loads the page's own script in a fresh context with a `module` object, so the
# script exports its kernel instead of looking for a document.
HARNESS = r"""
const vm = require("vm");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const sandbox = { module: { exports: {} } };
vm.runInNewContext(input.code, sandbox);
const K = sandbox.module.exports;
const D = JSON.parse(input.data);
const out = input.weightings.map(function (w) {
  const r = K.decide(D.selector, K.themeScores(D, w));
  return { order: r.order, ranks: r.ranks, outcome: r.outcome, scores: r.scores };
});
const rounded = input.rounding.map(function (x) { return K.roundTo(x, input.decimals); });
process.stdout.write(JSON.stringify({ rankings: out, rounded: rounded }));
"""


@cache
def _evaluated(example: str) -> Evaluated:
    path = ROOT / "examples" / example
    return evaluate_evidence(load_evidence(path), ruleset_from("default"), load_governance(path))


def _variant(example: str, variant: str) -> Evaluated:
    run = _evaluated(example)
    a = run.analysis
    config = ScoringConfig.model_validate({**a.config.model_dump(), **VARIANTS[variant]})
    analysis = dataclasses.replace(a, config=config, scorer=Scorer.for_matrix(config, a.matrix))
    return dataclasses.replace(run, analysis=analysis)


def _weightings(base: Array, seed: int) -> Array:
    """Slider-like, continuous and near-ruleset weightings, with the awkward cases."""
    rng = np.random.default_rng([seed, 2026])
    c = len(base)
    special = np.vstack([base, np.zeros(c), 10 * np.eye(c)])  # one criterion alone: many ties
    rest = WEIGHTINGS - len(special)
    third = rest // 3
    total = base.sum()
    return np.vstack([
        special,
        rng.integers(0, 21, size=(third, c)) / 2,  # the sliders: 0 to 10 in steps of 0.5
        rng.uniform(0, 10, size=(third, c)),
        rng.dirichlet(np.where(base > 0, base, 1e-3) / total * 5, rest - 2 * third) * total,
    ])


def _page(run: Evaluated) -> tuple[str, str]:
    html = render_html(run, assemble(run), {})
    data = html.split('<script type="application/json" id="csprules-data">')[1]
    data = data.split("</script>")[0]
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert len(scripts) == 1
    return data, scripts[0]


def _node(code: str, data: str, weightings: Array, rounding: list[float],
          decimals: int) -> dict[str, Any]:
    assert NODE is not None
    payload = json.dumps({"code": code, "data": data, "weightings": weightings.tolist(),
                          "rounding": rounding, "decimals": decimals})
    done = subprocess.run([NODE, "-e", HARNESS], input=payload, capture_output=True,
                          text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@cache
def _case(example: str, variant: str) -> tuple[Evaluated, Array, Array, Decisions]:
    """A configuration, its weightings, Python's scores for them and its decisions."""
    run = _variant(example, variant)
    a = run.analysis
    m = a.matrix
    weightings = _weightings(m.weights, 10 * EXAMPLES.index(example)
                             + list(VARIANTS).index(variant))
    scores = a.scorer.scores(m, weightings)
    return run, weightings, scores, Selector.build(
        m.themes, m.scores, m.criteria, a.facts, a.config).decide(scores)


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("example", EXAMPLES)
def test_page_kernel_agrees_with_python(example: str, variant: str) -> None:
    run, weightings, scores, py = _case(example, variant)
    m = run.analysis.matrix
    data, code = _page(run)
    js = _node(code, data, weightings, [], 9)["rankings"]
    assert len(js) == WEIGHTINGS

    for d, got in enumerate(js):
        where = f"{example}/{variant} weighting {d} {weightings[d].tolist()}"
        assert got["order"] == py.order[d].tolist(), where
        assert got["ranks"] == py.ranks[d].tolist(), where
        assert got["outcome"] == py.outcome[d].tolist(), where
        np.testing.assert_allclose(got["scores"], scores[d], rtol=0, atol=SCORE_TOLERANCE,
                                   err_msg=where)

    # The report's own path (select.py through recommendations) on the first weightings.
    for d in range(FULL_PATH):
        recs = run.recommendations(dict(zip(m.criteria, weightings[d].tolist(), strict=True)))
        order = js[d]["order"]
        assert [(r.theme, r.rank, r.status) for r in recs.recommendations] == [
            (m.themes[i], pos + 1, OUTCOME_STATUS[Outcome(js[d]["outcome"][i])])
            for pos, i in enumerate(order)], f"{example}/{variant} weighting {d}"

    # Not a vacuous agreement: the weightings reorder themes, and some tie (if only at 0).
    assert len({tuple(o) for o in py.order.tolist()}) > 10
    assert any(_has_tie(row) for row in np.round(scores, 9)), "the tie rule went untested"


def _has_tie(rounded: Array) -> bool:
    return len(np.unique(rounded)) < len(rounded)


def test_the_cases_exercise_every_outcome_and_scored_ties() -> None:
    """Across the cases, Python's kernel produced each of the seven outcomes, and two
    themes with the same score above 0 (ordered by theme id, not left at 0)."""
    cases = [_case(example, variant) for example in EXAMPLES for variant in VARIANTS]
    seen = {Outcome(int(o)) for case in cases for o in np.unique(case[3].outcome)}
    assert seen == set(Outcome)
    assert any(_has_tie(row[row > 0]) for case in cases for row in np.round(case[2], 9))


def test_rounding_matches_numpy() -> None:
    """The tie rule's rounding: JS ``roundTo`` equals ``numpy.round`` bit for bit,
    halves (rounded to even) included."""
    rng = np.random.default_rng(3)
    halves = [(k + 0.5) / 1e9 for k in range(-5, 6)] + [(k + 0.5) / 10 for k in range(-20, 20)]
    values = [*halves, *rng.uniform(0, 100, 2000).tolist(), 0.0, 100.0, 1 / 3, 2 / 3]
    run = _evaluated(EXAMPLES[0])
    data, code = _page(run)
    for decimals in (9, 1):
        got = _node(code, data, np.zeros((0, 1)), values, decimals)["rounded"]
        assert got == np.round(np.array(values), decimals).tolist(), decimals
