"""``csprules elicit``: pairwise questions per partner -> weights the partnership agrees.

- ``elicit sheet``: the questions as a fillable answers file (or ``--format md`` to print);
- ``elicit ask --partner NAME -o FILE``: the same questions in the terminal;
- ``elicit weigh FILE...``: each partner's AHP weights and consistency ratio, the
  partnership's combined weights, the disagreement per criterion, and (``--write-weights
  DIR``) one partner weights file each, for ``csprules weights`` and the reports.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from csprules.assessment.elicit import (
    SCALE,
    Answer,
    Answers,
    elicit,
    judgement_matrix,
    load_answers,
    pairs,
    render_elicited,
    sheet,
    sheet_markdown,
    weights_file,
)
from csprules.cli.common import emit, ruleset_from
from csprules.errors import UsageError
from csprules.rules import Ruleset
from csprules.scoring.ahp import CONSISTENT_ENOUGH, ahp_weights
from csprules.sources.atomic import write_atomic
from csprules.sources.suggest import did_you_mean


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "elicit", help="pairwise questions per partner -> AHP weights the partnership agrees",
        description="'sheet' writes the pairwise questions as a fillable answers file "
        "(--format md: a table to print); 'ask' asks them in the terminal and saves the "
        "answers; 'weigh FILE...' derives each partner's weights (AHP, with the consistency "
        "ratio and the answers that contradict the others), the partnership's combined "
        "weights, and the disagreement per criterion.",
    )
    p.add_argument("action", choices=["sheet", "ask", "weigh"])
    p.add_argument("answers", nargs="*", metavar="FILE", help="answers files (weigh)")
    p.add_argument("--ruleset", default="default", metavar="R")
    p.add_argument("--criteria", metavar="A,B,...",
                   help="the criteria to ask about (default: every scored criterion)")
    p.add_argument("--partner", metavar="NAME", help="who is answering (sheet, ask)")
    p.add_argument("--format", choices=["yaml", "md", "text", "json"], default=None)
    p.add_argument("--write-weights", metavar="DIR",
                   help="weigh: write one partner weights file per partner, and the "
                   "partnership's, into DIR")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    ruleset = ruleset_from(args.ruleset)
    if args.action != "weigh" and args.answers:
        raise UsageError(f"csprules elicit {args.action}: expected no answers files; found "
                         f"{', '.join(args.answers)}")
    if args.action == "sheet":
        criteria = _criteria(ruleset, args.criteria)
        labels = {c: ruleset.criteria[c].label for c in criteria}
        fmt = args.format or "yaml"
        if fmt not in ("yaml", "md"):
            raise UsageError(f"csprules elicit sheet: --format expected yaml or md; found {fmt}")
        emit(sheet(criteria, labels, args.partner or "") if fmt == "yaml"
             else sheet_markdown(criteria, labels), args.output)
        return 0
    if args.action == "ask":
        return _ask(args, ruleset)
    known = list(ruleset.criteria)
    loaded = [load_answers(Path(f), known) for f in args.answers]
    result = elicit(loaded, {c: ruleset.criteria[c].weight for c in known})
    if args.write_weights:
        folder = Path(args.write_weights)
        if not folder.is_dir():
            raise UsageError(f"--write-weights: expected an existing folder; found "
                             f"{args.write_weights!r}")
        for r in (*result.partners, result.combined):
            name = "partnership" if r is result.combined else _slug(r.partner)
            write_atomic(folder / f"weights-{name}.yaml", weights_file(r))
    fmt = args.format or "text"
    if fmt not in ("text", "json"):
        raise UsageError(f"csprules elicit weigh: --format expected text or json; found {fmt}")
    emit(render_elicited(result) if fmt == "text"
         else json.dumps(result.model_dump(mode="json"), indent=2, sort_keys=True) + "\n",
         args.output)
    return 0


def _criteria(ruleset: Ruleset, given: str | None) -> list[str]:
    scored = [c for c in ruleset.criteria if c != ruleset.scoring.confidence]
    if not given:
        return scored
    out = [c.strip() for c in given.split(",") if c.strip()]
    for c in out:
        if c not in ruleset.criteria:
            hint = did_you_mean(c, list(ruleset.criteria))
            raise UsageError(f"--criteria: unknown criterion '{c}'"
                             + (f" (did you mean '{hint}'?)" if hint else "")
                             + "; expected some of " + ", ".join(scored))
    if len(set(out)) < 2:
        raise UsageError(f"--criteria: expected at least two criteria; found {given!r}")
    return list(dict.fromkeys(out))


def _ask(args: argparse.Namespace, ruleset: Ruleset) -> int:
    if not args.partner or not args.output:
        raise UsageError("csprules elicit ask: expected --partner NAME and -o FILE (the "
                         "answers are saved there)")
    criteria = _criteria(ruleset, args.criteria)
    labels = {c: ruleset.criteria[c].label for c in criteria}
    questions = pairs(criteria)
    out = sys.stdout
    out.write(f"{len(questions)} questions for {args.partner}.  For each pair: which matters "
              "more for this partnership, and how much?\n")
    answers: list[Answer] = []
    for k, (a, b) in enumerate(questions, start=1):
        which = _prompt(f"[{k}/{len(questions)}] {labels[a]} (a) or {labels[b]} (b), or "
                        "equal (=)? ", ("a", "b", "="))
        if which == "=":
            answers.append(Answer(more=a, than=b, by=1))
            continue
        more, than = (a, b) if which == "a" else (b, a)
        scale = ", ".join(f"{n} {SCALE[n]}" for n in (3, 5, 7, 9))
        by = _prompt(f"    how much more does {labels[more]} matter (2-9; {scale})? ",
                     tuple(str(n) for n in range(2, 10)))
        answers.append(Answer(more=more, than=than, by=int(by)))
    record = Answers(kind="csprules/answers", version=1, partner=args.partner,
                     answers=tuple(answers))
    r = ahp_weights(judgement_matrix(record, criteria))
    out.write(f"consistency ratio {r.consistency_ratio:.3f}"
              + (" (consistent)\n" if r.consistency_ratio <= CONSISTENT_ENOUGH else
                 " (above 0.1: some answers contradict others; 'elicit weigh' names them)\n"))
    lines = ["kind: csprules/answers", "version: 1",
             f"partner: {json.dumps(args.partner, ensure_ascii=False)}", "answers:"]
    lines += [f"  - {{more: {x.more}, than: {x.than}, by: {x.by}}}" for x in answers]
    write_atomic(args.output, "\n".join(lines) + "\n")
    out.write(f"{args.output}: {len(answers)} answers saved\n")
    return 0


def _prompt(text: str, choices: tuple[str, ...]) -> str:
    while True:
        try:
            reply = input(text).strip().lower()
        except EOFError:
            raise UsageError("csprules elicit ask: input ended before every question was "
                             "answered; nothing was saved") from None
        if reply in choices:
            return reply
        sys.stdout.write(f"    expected one of {', '.join(choices)}; found {reply!r}\n")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "partner"
