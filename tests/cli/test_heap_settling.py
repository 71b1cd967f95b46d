"""The program freezes its imported heap and collects less often; main([...]) callers do not."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import gc, sys
from csprules.cli import main
before = gc.get_threshold()
try:
    main({argv})
except SystemExit:
    pass
print(gc.get_freeze_count() > 0, gc.get_threshold() == before, gc.get_threshold())
"""


def probe(argv: str, *args: str) -> str:
    code = PROBE.format(argv=argv)
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=True, timeout=120)
    return done.stdout.strip().splitlines()[-1]


def test_the_program_freezes_its_imports_and_raises_the_young_threshold() -> None:
    assert probe("", "--help") == "True False (10000, 10, 10)"


def test_a_caller_passing_arguments_keeps_its_collector_settings() -> None:
    assert probe("['--help']").startswith("False True ")
