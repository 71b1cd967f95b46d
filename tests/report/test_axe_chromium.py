"""axe-core's accessibility rules (WCAG 2.1 A and AA) on the HTML paper, in headless Chromium.

The page is the report itself with axe-core's script appended (its own
Content-Security-Policy allows inline scripts and nothing from the network);
Chromium loads it offline and ``--dump-dom`` returns the page after axe has
written its violations into it.  Any serious or critical violation fails.

Needs ``chromium`` and the npm package ``axe-core``: ``npm install axe-core``
at the repository root, or ``CSPRULES_AXE`` naming ``axe.min.js``.  Skipped
when either is missing.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from csprules.cli import main

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("CSPRULES_AXE", ROOT / "node_modules" / "axe-core" / "axe.min.js"))
CHROMIUM = shutil.which("chromium")

if not (CHROMIUM and AXE.is_file()):
    pytest.skip("chromium or axe-core not installed", allow_module_level=True)

RUNNER = """<script>%s</script><script>
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
  .then(function (r) {
    var out = document.createElement("pre");
    out.id = "axe-result";
    out.textContent = JSON.stringify(r.violations.map(function (v) {
      return {id: v.id, impact: v.impact, nodes: v.nodes.length,
              first: v.nodes[0].target.join(" ")};
    }));
    document.body.appendChild(out);
  });
</script>"""


def _violations(page: Path, tmp_path: Path) -> list[dict[str, object]]:
    axe = AXE.read_text(encoding="utf-8").replace("</script", "<\\/script")
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", RUNNER % axe + "</body>"), encoding="utf-8")
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
         "--virtual-time-budget=30000", "--dump-dom", probe.as_uri()],
        capture_output=True, text=True, timeout=180, check=False)
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', done.stdout, re.S)
    assert found, f"axe-core did not report: {done.stderr[-400:]}"
    result: list[dict[str, object]] = json.loads(html.unescape(found.group(1)))
    return result


@pytest.mark.parametrize("example", ["tower-hamlets-2016", "havering-2017"])
def test_no_serious_or_critical_violation(tmp_path: Path, example: str) -> None:
    page = tmp_path / "paper.html"
    assert main(["recommend", f"examples/{example}", "-o", str(page)]) == 0
    bad = [v for v in _violations(page, tmp_path) if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_every_optional_section_is_accessible(tmp_path: Path) -> None:
    """Last year's decisions, this year's, what would move it, robustness, partners."""
    import shutil

    last, this = tmp_path / "th-2008", tmp_path / "th-2016"
    shutil.copytree(ROOT / "examples" / "tower-hamlets-2008", last)
    shutil.copytree(ROOT / "examples" / "tower-hamlets-2016", this)
    for folder, theme in ((last, "robbery"), (this, "vawg")):
        assert main(["decide", str(folder), theme, "rejected", "--rationale", "why",
                     "--by", "CSP Board", "--date", "2016-03-20"]) == 0
    p = this / "partnership.yaml"
    p.write_text(p.read_text(encoding="utf-8")
                 + "previous_priorities:\n  decisions: ../th-2008/decisions.yaml\n",
                 encoding="utf-8")
    page = tmp_path / "paper.html"
    assert main(["recommend", str(this), "--sensitivity", "50", "--since", str(last),
                 "--partner", "docs/examples/weights-police.yaml", "--partner",
                 "docs/examples/weights-council.yaml", "-o", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    for section in ("last-decisions", "decisions", "what-would-move", "robustness", "partners"):
        assert f'<section id="{section}">' in text
    bad = [v for v in _violations(page, tmp_path) if v["impact"] in ("serious", "critical")]
    assert bad == []
