"""Write output files atomically: a reader (or a crash) never sees half a file.

An output never replaces a file the same run has read (see :mod:`csprules.sources.inputs`),
and filesystem failures are reported as located usage errors, not tracebacks.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from csprules.errors import Location, Problem, UsageError
from csprules.sources.inputs import is_input


def write_atomic(path: str | Path, data: str | bytes, *, updates_input: bool = False) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over it.

    The file gets the mode an ordinary ``open`` would give it (0666 less the umask),
    or keeps the mode of the file it replaces.  ``updates_input``: the file is a
    record this run read in order to update it (a decision record), not an output
    that happens to land on an input.
    """
    target = Path(path)
    where = Location(str(path))
    if target.is_dir():
        raise UsageError([Problem(where, "cannot write the output: it is a directory")])
    if is_input(target) and not updates_input:
        raise UsageError([Problem(where, "cannot write the output over a file this run reads; "
                                  "choose another output path")])
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise UsageError([Problem(where, f"cannot write the output: {e.strerror}")]) from e
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise UsageError([Problem(where, f"cannot write the output: {e.strerror}")]) from e
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # Linux reports the umask without changing it; os.umask() must set one to read it,
    # which races with other threads creating files.
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    umask = os.umask(0o022)
    os.umask(umask)
    return umask
