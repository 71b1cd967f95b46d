"""The meeting paper: reasons by effect, once each; plain wording; no internal ids."""

from __future__ import annotations

import re
import shutil
from functools import cache
from html import unescape
from pathlib import Path

import pytest

from csprules import assess, load_evidence, load_governance, load_ruleset
from csprules.assessment.model import Assessment
from csprules.cli import main
from csprules.report.html import render_html
from csprules.report.markdown import md, render_markdown
from csprules.report.paper import Paper, build_paper
from csprules.report.wording import join_and, number, plural, points, tidy

EXAMPLES = ("havering-2017", "tower-hamlets-2016")


@cache
def _assessment(example: str) -> Assessment:
    folder = f"examples/{example}"
    return assess(load_evidence(folder), load_ruleset("default"), load_governance(folder))


@cache
def _paper(example: str) -> Paper:
    return build_paper(_assessment(example))


@pytest.mark.parametrize(("raw", "worded"), [
    ("Burglary fell -29.8% to 2015/16", "Burglary fell 29.8% to 2015/16"),
    ("Robbery rose +4.0% to 2015/16", "Robbery rose 4.0% to 2015/16"),
    ("Robbery: evidence from 1 kinds of source", "Robbery: evidence from 1 kind of source"),
    ("Robbery: evidence from 3 kinds of source", "Robbery: evidence from 3 kinds of source"),
    ("volume 5.61674 points", "volume 5.6 points"),
    ("ratio 0.25 stays", "ratio 0.25 stays"),
    ("period 2015.16 or v1.2.345 stay", "period 2015.16 or v1.2.345 stay"),
    ("Violence has an owning group (parent)", "Violence has an owning group"),
])
def test_tidy(raw: str, worded: str) -> None:
    assert tidy(raw) == worded


def test_numbers() -> None:
    assert [points(12.345), points(-0.04), points(0.05), points(-3.25)] == [
        "+12.3", "0.0", "+0.1", "-3.2"]
    assert [number(28618.0, 0), number(22.8125), number(None), number(-0.01)] == [
        "28,618", "22.8", "n/a", "0.0"]
    assert [plural(1, "kind"), plural(2, "kind"), plural(2, "priority", "priorities")] == [
        "1 kind", "2 kinds", "2 priorities"]
    assert [join_and([]), join_and(["a"]), join_and(["a", "b"]), join_and(["a", "b", "c"])] == [
        "", "a", "a and b", "a, b and c"]


def test_markdown_escapes_without_entities() -> None:
    assert md("Safety & Development") == "Safety & Development"
    assert md("a &amp; b") == "a \\&amp; b"
    assert md("<b>x</b> | *y*") == "\\<b\\>x\\</b\\> \\| \\*y\\*"
    assert md("# not a heading") == "\\# not a heading"


def test_harm_contribution_hand_checked() -> None:
    # VAWG's harm points (19) exceed the cap (10), so the criterion scores 1.0; the
    # default weights that count (all but confidence) sum to 17 and harm's is 3:
    # 3 x 1.0 / 17 x 100 = 17.647 points of the score.
    vawg = next(v for v in _paper("tower-hamlets-2016").priorities if v.rec.theme == "vawg")
    assert vawg.effects["harm"] == pytest.approx(300 / 17)
    assert vawg.capped[0] == "Harm is capped: the evidence gives 19 points and at most 10 count"


@pytest.mark.parametrize("example", EXAMPLES)
def test_contributions_add_up_to_the_score(example: str) -> None:
    for v in (*_paper(example).chosen, *_paper(example).watch):
        assert sum(v.effects.values()) == pytest.approx(v.rec.score, abs=1e-5), v.label
        shown = sum(r.effect for r in v.reasons) + v.hidden_effect
        assert shown == pytest.approx(v.rec.score, abs=1e-5), v.label


@pytest.mark.parametrize("example", EXAMPLES)
def test_reasons_by_effect_each_once(example: str) -> None:
    for v in _paper(example).chosen:
        effects = [round(r.effect, 6) for r in v.reasons]
        assert effects == sorted(effects, reverse=True), v.label
        texts = [r.text for r in v.reasons]
        assert len(texts) == len(set(texts)), v.label
        assert all(r.effect != 0 for r in v.reasons)


def test_havering_violence_opens_with_evidence_not_ownership() -> None:
    violence = _paper("havering-2017").priorities[0]
    assert violence.rec.theme == "violence"
    assert "owning group" not in violence.headline
    assert violence.reasons[0].criterion != "Organisational position"


def test_child_evidence_shown_once_with_through() -> None:
    violence = next(v for v in _paper("tower-hamlets-2016").priorities
                    if v.rec.theme == "violence")
    # Offensive-weapon harm reaches Violence only through its child theme Serious
    # violence: one reason, saying so, not a second copy "via serious-violence".
    weapon = [r for r in violence.reasons if r.text.startswith(
        "Violence Against the Person: Offensive Weapon: each offence")]
    assert len(weapon) == 1
    assert weapon[0].through == ("Serious violence and knife crime",)
    texts = [r.text for r in violence.reasons]
    assert len(texts) == len(set(texts))
    # A rule's other matches are named once as "also", not repeated as reasons.
    first = violence.reasons[0]
    assert first.also[:2] == ("Gun Crime", "Knife Crime")
    assert not any(r.text.startswith(("Gun Crime:", "Knife Crime:")) for r in violence.reasons
                   if r.criterion == first.criterion)


INTERNAL = re.compile(
    r"not_recommended|cross_cutting|weighted_sum|weighted\\_sum|engine durable|"
    r"csprules explain|organisational_position|Since last plan: new|fell -|rose \+|"
    r"1 kinds|\(agency\) \(agency\)|&amp;|\d\.\d{3,}"
)


@pytest.mark.parametrize("example", EXAMPLES)
def test_no_internal_ids_in_the_paper(example: str) -> None:
    a = _assessment(example)
    text = render_markdown(a).split("```mermaid")[0]  # the diagram is code, not prose
    assert not INTERNAL.findall(text)
    html = render_html(a.run, a, {})
    body = unescape(re.sub(r"<[^>]+>", " ", html.split("<main>")[1].split("<script")[0]))
    assert not INTERNAL.findall(body)
    ids = {t for t in a.run.analysis.facts} | {g.id for g in a.run.governance.groups} \
        if a.run.governance else set()
    for ident in ids:
        for where in (text, body):
            assert f"'{ident}'" not in where, ident
            assert f"({ident})" not in where, ident


def test_page_one_summary() -> None:
    text = render_markdown(_assessment("tower-hamlets-2016"))
    summary = text.split("## Summary for decision")[1].split("\n## ")[0]
    assert "1. **Violence against women and girls** (score 60.2; owner Violence Against Women " \
        "and Girls (VAWG) Steering Group): " in summary
    assert "- No previous priorities were given, so the paper does not compare with the last " \
        "plan." in summary
    # Total crime is context (an aggregate), never chosen, so it needs no owner.
    assert "3. Name an owning group for Criminal justice outcomes and Young people and " \
        "families." in summary
    assert "Data-quality and governance findings: 7 printed changes that disagree with the " \
        "figures, 2 themes listed on policy grounds with no local evidence (evidence gaps), " \
        "2 chosen themes with no owner, 1 group carrying many priorities, 83 missing values, " \
        "2 indicators with only a printed change and 1 group reporting to two parents " \
        "(detail in the appendix)." in summary
    assert len(summary.split()) < 900  # one A4 page; the PDF test measures it


def test_decision_box_and_recorded_decision(tmp_path: Path) -> None:
    folder = tmp_path / "hv"
    shutil.copytree("examples/havering-2017", folder)
    out = tmp_path / "before.md"
    assert main(["recommend", str(folder), "-o", str(out)]) == 0
    blank = "Board decision (delete as appropriate): adopt / amend / reject. Rationale: ……………………"
    assert out.read_text(encoding="utf-8").count(blank) == 8  # one per chosen theme
    assert main(["decide", str(folder), "violence", "amended", "--amended-to", "cross_cutting",
                 "--rationale", "Knife crime first", "--by", "CSP Board",
                 "--date", "2017-03-02"]) == 0
    after = tmp_path / "after.md"
    assert main(["recommend", str(folder), "-o", str(after)]) == 0
    text = after.read_text(encoding="utf-8")
    assert ("Board decision: CSP Board, 2 March 2017: amended to cross-cutting theme. "
            "Knife crime first") in text
    assert text.count(blank) == 7


def test_trend_chart_has_unit_axis_and_baseline() -> None:
    from csprules.report.trend_chart import trend_chart

    evidence = _assessment("tower-hamlets-2016").run.analysis.evidence
    ind = next(i for i in evidence.indicators
               if i.label == "Violence Against the Person: Assault with Injury")
    chart = trend_chart(ind)
    assert chart is not None
    assert ("<figcaption>Violence Against the Person: Assault with Injury (count): 2011/12 "
            "1,554 to 2015/16 1,922; dashed: baseline 1,554 (2011/12)</figcaption>") in chart
    assert chart.count("<polyline") == 1
    assert 'stroke-dasharray="4 3"' in chart
    assert ">0</text>" in chart  # the value axis starts at zero
