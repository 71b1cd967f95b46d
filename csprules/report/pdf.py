"""The meeting paper as PDF, printed by headless Chromium from the HTML paper.

Why Chromium and not WeasyPrint: the HTML paper is the one layout, and
Chromium prints exactly what a reader sees in a browser (CSS grid, SVG,
``@page`` margin boxes for the running header and page numbers) with no new
Python dependency; CI already installs it for the browser tests.  WeasyPrint
would be a second renderer with its own CSS support to keep in step.

The printed page has no network (the paper's Content-Security-Policy allows
none) and a throw-away profile.  Chromium stamps the print time into the
PDF; it is pinned so that the same paper gives the same bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from csprules.errors import CsprulesError, UsageError

PINNED_DATE = b"D:20000101000000+00'00'"
TIMEOUT_S = 120
_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9+\-Z']*\)")
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")


def find_browser() -> str:
    """The Chromium to print with: ``$CSPRULES_CHROMIUM``, else the first on ``PATH``."""
    named = os.environ.get("CSPRULES_CHROMIUM")
    found = shutil.which(named) if named else next(
        (p for p in (shutil.which(b) for b in BROWSERS) if p), None)
    if found is None:
        raise UsageError(
            "--format pdf: expected Chromium to print with (a 'chromium' command, or "
            "CSPRULES_CHROMIUM naming one); found none. Install Chromium, or write "
            "--format html and print it from a browser"
        )
    return found


def print_pdf(html: str) -> bytes:
    """``html`` printed to A4 PDF bytes (the page's own ``@page`` rules apply)."""
    browser = find_browser()
    with tempfile.TemporaryDirectory(prefix="csprules-pdf-") as tmp:
        page = Path(tmp) / "paper.html"
        page.write_text(html, encoding="utf-8")
        out = Path(tmp) / "paper.pdf"
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-pdf-header-footer", f"--user-data-dir={tmp}/profile",
               f"--print-to-pdf={out}", page.as_uri()]
        try:
            # The command is ours: a browser found on PATH and two temporary file names.
            done = subprocess.run(  # noqa: S603
                cmd, capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as exc:
            raise CsprulesError(
                f"--format pdf: Chromium did not finish printing within {TIMEOUT_S} s") from exc
        if done.returncode != 0 or not out.is_file():
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            raise CsprulesError(
                f"--format pdf: Chromium ({browser}) failed with exit code {done.returncode}"
                + (f": {tail[0]}" if tail else "")
            )
        data = out.read_bytes()
    return _DATE.sub(lambda m: b"/" + m.group(1) + b" (" + PINNED_DATE + b")", data)
