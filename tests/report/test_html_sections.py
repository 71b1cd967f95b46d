"""The HTML paper renders every section the Markdown paper renders, and the same endnotes."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

from csprules.cli import main

ROOT = Path(__file__).resolve().parents[2]

# Markdown section -> the HTML section that holds it (HTML groups a few on one heading).
SAME_AS = {
    "Priorities": "The chosen themes",
    "Cross-cutting themes": "The chosen themes",
    "Watch list": "Watch list and not recommended, and why",
    "Not recommended": "Watch list and not recommended, and why",
    "Appendix B: sources": "Appendix B: sources and method",
    "Appendix C: method": "Appendix B: sources and method",
}


def test_every_markdown_section_is_in_the_html(tmp_path: Path) -> None:
    """With every optional section asked for: robustness, since, another ruleset,
    partners, what would move it, this year's and last year's decisions."""
    last, this = tmp_path / "th-2008", tmp_path / "th-2016"
    shutil.copytree(ROOT / "examples" / "tower-hamlets-2008", last)
    shutil.copytree(ROOT / "examples" / "tower-hamlets-2016", this)
    for folder, theme in ((last, "robbery"), (this, "vawg")):
        assert main(["decide", str(folder), theme, "adopted_priority", "--rationale", "why",
                     "--by", "CSP Board", "--date", "2016-03-20"]) == 0
    p = this / "partnership.yaml"
    p.write_text(p.read_text(encoding="utf-8")
                 + "previous_priorities:\n  decisions: ../th-2008/decisions.yaml\n",
                 encoding="utf-8")
    common = [str(this), "--sensitivity", "50", "--since", str(last), "--against",
              "docs/examples/local-ruleset.yaml", "--partner",
              "docs/examples/weights-police.yaml", "--partner",
              "docs/examples/weights-council.yaml"]
    md, html = tmp_path / "p.md", tmp_path / "p.html"
    assert main(["recommend", *common, "-o", str(md)]) == 0
    assert main(["recommend", *common, "-o", str(html)]) == 0
    md_sections = re.findall(r"^## (.+)$", md.read_text(encoding="utf-8"), re.M)
    html_sections = {unescape(h) for h in re.findall(r"<h2>([^<]+)</h2>",
                                                      html.read_text(encoding="utf-8"))}
    assert {"What would move it", "Decisions recorded", "Last year's decisions",
            "Robustness to the weights", "Changes since last year", "Another ruleset",
            "Partners' weights"} <= set(md_sections)
    missing = [s for s in md_sections if SAME_AS.get(s, s) not in html_sections]
    assert missing == []


def test_html_lists_the_named_sources_and_what_would_move(tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    assert main(["recommend", "examples/tower-hamlets-2016", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert ('<li id="source-1">Tower Hamlets Community Safety Partnership Plan 2013-2016, Year '
            "4 (2016/17) (Tower Hamlets Community Safety Partnership, 2016), lines 24, 91, "
            ) in html
    assert "003_a825832bf6e36b8c.txt" not in html.split('<section id="sources">')[1]
    section = html.split('<section id="what-would-move">')[1].split("</section>")[0]
    assert ('<tr><th scope="row">Robbery</th><td>priority</td><td>cross-cutting if its Harm '
            "points fall by 1.7 (now 10 of 10)</td></tr>") in section
