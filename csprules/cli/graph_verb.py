"""``csprules graph PATH --format mermaid|dot|json``: the governance graph."""

from __future__ import annotations

import argparse
from pathlib import Path

from csprules.cli.common import emit
from csprules.governance import load_governance, render_graph


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "graph", help="export the governance graph",
        description="Export groups and their reporting lines as Mermaid, Graphviz DOT or "
        "node-link JSON (which reads back to the same graph).",
    )
    p.add_argument("path", help="evidence folder with governance.yaml, or a governance file")
    p.add_argument("--format", choices=["mermaid", "dot", "json"], default="mermaid")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    governance = load_governance(Path(args.path))
    emit(render_graph(governance, args.format), args.output)
    return 0
