"""The ``csprules`` command line.

Each verb lives in its own module and registers itself with :func:`main`'s
parser.  Errors a user can cause print as located messages, without a
traceback (``--debug`` shows it), and exit with one code per error class:

====  =========================================
2     usage (bad arguments)
3     bad evidence
4     bad ruleset
5     bad governance
6     engine failure
70    internal error (a bug: please report it)
====  =========================================
"""

from __future__ import annotations

import argparse
import gc
import sys
import traceback
from collections.abc import Callable, Sequence
from importlib import metadata
from typing import NoReturn

from csprules.cli import verbs
from csprules.errors import CsprulesError, UsageError, exit_code_for
from csprules.sources.inputs import tracking_inputs

INTERNAL_ERROR = 70


def _usage_error(prog: str) -> Callable[[str], NoReturn]:
    def error(message: str) -> NoReturn:
        raise UsageError(f"{prog}: {message}")

    return error


def _version() -> str:
    try:
        return metadata.version("csprules")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csprules",
        description="Recommend Community Safety Partnership priorities from evidence, "
        "with justifications and owners.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument("--version", action="version", version=f"csprules {_version()}")
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    sub.required = True
    for register in verbs.REGISTRY:
        register(sub)
    # Usage errors become UsageError (exit 2, one line, no traceback) at every level.
    for p in (parser, *sub.choices.values()):
        p.error = _usage_error(p.prog)  # type: ignore[method-assign, assignment]
    return parser


def _settle_heap() -> None:
    """Tune the garbage collector for one short command, once everything is imported.

    The modules, classes and pydantic schemas imported so far live as long as
    the process; frozen, they are no longer walked by every full collection.
    A run then allocates many short-lived objects with few cycles, so the
    young generation is collected every 10,000 allocations rather than 700.
    """
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        # Only as the program itself: a caller's process keeps its own settings.
        _settle_heap()
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        with tracking_inputs():
            code: int = args.run(args)
        return code
    except CsprulesError as e:
        if debug:
            traceback.print_exc()
        print(str(e), file=sys.stderr)
        return exit_code_for(e)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:
        if debug:
            traceback.print_exc()
        print(f"internal error: {type(e).__name__}: {e} (run with --debug for the traceback)",
              file=sys.stderr)
        return INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
