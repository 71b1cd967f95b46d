"""Next year's paper shows last year's decisions and where this year departs from them.

End to end on copies (never the shipped examples): recommend on last year's
evidence, record the meeting's decisions with ``csprules decide``, point this
year's ``partnership.yaml`` at the record, and read this year's paper in
Markdown, HTML and (with Chromium) PDF.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from csprules.cli import main
from csprules.errors import EvidenceError
from csprules.evidence.load import load_evidence

ROOT = Path(__file__).resolve().parents[2]

DECISIONS = [
    ("vawg", "adopted_priority", "statutory duty"),
    ("drug-supply", "rejected", "led by the police"),
    ("robbery", "rejected", "falling for three years"),
    ("hate-crime", "adopted_priority", "community tension"),
    ("public-confidence", "amended", "watch it first"),
]


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``th-2008`` with its decisions recorded, and ``th-2016`` reading them."""
    root = tmp_path_factory.mktemp("years")
    last, this = root / "th-2008", root / "th-2016"
    shutil.copytree(ROOT / "examples" / "tower-hamlets-2008", last)
    shutil.copytree(ROOT / "examples" / "tower-hamlets-2016", this)
    assert main(["recommend", str(last), "-o", str(root / "last.md")]) == 0
    for theme, decision, why in DECISIONS:
        extra = ["--amended-to", "watch"] if decision == "amended" else []
        assert main(["decide", str(last), theme, decision, *extra, "--rationale", why,
                     "--by", "CSP Board", "--date", "2008-03-20"]) == 0
    p = this / "partnership.yaml"
    p.write_text(p.read_text(encoding="utf-8") + (
        "previous_priorities:\n"
        "  plan: the Crime and Drugs Reduction Strategy 2008-11\n"
        "  decisions: ../th-2008/decisions.yaml\n"), encoding="utf-8")
    return root


def _paper(years: Path, ext: str) -> str:
    out = years / f"paper.{ext}"
    assert main(["recommend", str(years / "th-2016"), "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_markdown_shows_each_decision_and_departures_on_page_one(years: Path) -> None:
    text = _paper(years, "md")
    summary = text.split("## How the themes compare")[0]
    assert ("- Departs from last year's decisions on 4 themes of 5: Drug supply and dealing "
            "(rejected last year, recommended as a cross-cutting theme this year), Hate crime "
            "and community cohesion (adopted as a priority last year, on the watch list this "
            "year), Public confidence and reassurance (amended to watch list last year, a "
            "cross-cutting theme this year) and Robbery (rejected last year, recommended as a "
            "priority this year).") in summary
    section = text.split("## Last year's decisions")[1].split("\n## ")[0]
    assert "What the board decided on the Crime and Drugs Reduction Strategy 2008-11" in section
    rows = [line for line in section.splitlines() if line.startswith("| ")][1:]
    assert rows == [
        "| Drug supply and dealing | rejected | CSP Board | 20 March 2008 | cross-cutting theme "
        "| rejected last year, recommended as a cross-cutting theme this year | led by the "
        "police |",
        "| Hate crime and community cohesion | adopted as a priority | CSP Board | 20 March 2008 "
        "| watch list | adopted as a priority last year, on the watch list this year | "
        "community tension |",
        "| Public confidence and reassurance | amended to watch list | CSP Board | 20 March 2008 "
        "| cross-cutting theme | amended to watch list last year, a cross-cutting theme this "
        "year | watch it first |",
        "| Robbery | rejected | CSP Board | 20 March 2008 | priority | rejected last year, "
        "recommended as a priority this year | falling for three years |",
        "| Violence against women and girls | adopted as a priority | CSP Board | 20 March 2008 "
        "| priority | none: follows it | statutory duty |",
    ]
    # The theme's own card says it too.
    card = text.split("### Robbery\n")[1].split("\n### ")[0]
    assert ("Last year's decision: CSP Board, 20 March 2008: rejected. falling for three years "
            "This year departs from it: rejected last year, recommended as a priority this "
            "year.") in card
    # Last year's adopted themes are this year's previous priorities (continuity).
    assert "Continued from the last plan: Violence against women and girls." in summary
    # Most themes are new against a two-theme list: page one counts them, it does not
    # list eighteen.
    assert ("- New: 18 themes: Violence, Serious acquisitive and property crime, Domestic "
            "abuse, Serious violence and knife crime, Robbery, Burglary and 12 more, in rank "
            "order.") in summary


def test_html_and_pdf_show_the_same(years: Path) -> None:
    html = _paper(years, "html")
    assert '<section id="last-decisions"><h2>Last year\'s decisions</h2>' in html
    assert ("<td>rejected last year, recommended as a priority this year</td>"
            "<td>falling for three years</td>") in html
    assert "Departs from last year&#x27;s decisions on 4 themes of 5" in html
    assert html.count('<p class="last-year">') == 4  # the listed themes with a decision
    if not shutil.which("chromium"):
        return
    pypdf = pytest.importorskip("pypdf")
    out = years / "paper.pdf"
    assert main(["recommend", str(years / "th-2016"), "-o", str(out)]) == 0
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in pypdf.PdfReader(out).pages]
    # Page one still holds the whole summary, departures included.
    assert "Departs from last year's decisions on 4 themes of 5" in pages[0]
    assert "Note the evidence gaps above" in pages[0]
    text = " ".join(pages)
    assert "Last year's decisions" in text
    assert "rejected last year, recommended as a priority this year" in text


def test_a_paper_without_departures_says_it_follows(tmp_path: Path) -> None:
    last, this = tmp_path / "a", tmp_path / "b"
    shutil.copytree(ROOT / "examples" / "tower-hamlets-2008", last)
    shutil.copytree(ROOT / "examples" / "tower-hamlets-2016", this)
    assert main(["decide", str(last), "vawg", "adopted_priority", "--rationale", "duty",
                 "--by", "CSP Board", "--date", "2008-03-20"]) == 0
    p = this / "partnership.yaml"
    p.write_text(p.read_text(encoding="utf-8")
                 + "previous_priorities:\n  decisions: ../a/decisions.yaml\n", encoding="utf-8")
    out = tmp_path / "paper.md"
    assert main(["recommend", str(this), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert ("- This year's recommendations follow the decision the board recorded last year."
            in text)
    assert "What the board decided on last year's decision record" in text


def test_this_years_own_record_cannot_be_last_years(tmp_path: Path) -> None:
    folder = tmp_path / "th"
    shutil.copytree(ROOT / "examples" / "tower-hamlets-2016", folder)
    assert main(["decide", str(folder), "vawg", "adopted_priority", "--rationale", "duty",
                 "--by", "CSP Board", "--date", "2016-03-20"]) == 0
    p = folder / "partnership.yaml"
    p.write_text(p.read_text(encoding="utf-8")
                 + "previous_priorities:\n  decisions: decisions.yaml\n", encoding="utf-8")
    with pytest.raises(EvidenceError, match=r"partnership\.yaml:\d+:\d+: field 'decisions': "
                       r"expected last year's decision record; this folder's decisions\.yaml "
                       r"is where 'csprules decide' records this year's decisions$"):
        load_evidence(folder)


def test_json_carries_each_decision_and_whether_this_year_departs(years: Path) -> None:
    import json
    data = json.loads(_paper(years, "json"))
    rows = [(d["theme"], d["decision"], d["amended_to"], d["decided_status"], d["status_now"],
             d["departs"]) for d in data["last_year_decisions"]]
    # In the record's order (decide keeps it sorted by theme).
    assert rows == [
        ("drug-supply", "rejected", None, None, "cross_cutting", True),
        ("hate-crime", "adopted_priority", None, "priority", "watch", True),
        ("public-confidence", "amended", "watch", "watch", "cross_cutting", True),
        ("robbery", "rejected", None, None, "priority", True),
        ("vawg", "adopted_priority", None, "priority", "priority", False),
    ]
    assert data["last_year_decisions"][0]["decided_by"] == "CSP Board"
    assert data["last_year_decisions"][0]["decided_on"] == "2008-03-20"
