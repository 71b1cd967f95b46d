"""The meeting paper in Markdown: page one to decide, the matrix, theme cards, appendices."""

from __future__ import annotations

import re

from csprules.assessment.model import Assessment
from csprules.report.hygiene import visible
from csprules.report.labels import STATUS_BY_VALUE
from csprules.report.paper import Paper, ThemeView, build_paper, decision_words
from csprules.report.wording import number, points


def md(text: str) -> str:
    """Evidence text made inert in Markdown: no HTML, no table breaks, no stray emphasis.

    Backslash escapes, not HTML entities: a Markdown table cell shows ``&amp;``
    literally in many viewers.
    """
    out = visible(text)
    for ch in "\\|*_`[]<>":
        out = out.replace(ch, "\\" + ch)
    # "&" is markup only where it starts an entity ("&amp;", "&#60;"); "#" only first.
    out = _ENTITY.sub(r"\\&", " ".join(out.split()))
    return "\\" + out if out.startswith(("#", "+", "-")) else out


_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def render_markdown(recs: Assessment, mermaid: str | None = None,
                    marking: str = "OFFICIAL") -> str:
    p = build_paper(recs, marking)
    lines: list[str] = []
    add = lines.append
    add(f"{md(p.marking)}")
    add("")
    add(f"# {md(p.title)}")
    add("")
    add(f"Assessment of {md(p.assessment_date)}.")
    add("")
    lines.extend(_summary(p))
    lines.extend(_matrix(p))
    for title, group in (("Priorities", p.priorities),
                         ("Cross-cutting themes", p.cross_cutting)):
        if group:
            add(f"## {title}")
            add("")
            for v in group:
                lines.extend(_card(p, v))
    lines.extend(_table("Watch list", "Why not a priority", p.watch))
    lines.extend(_robustness(recs))
    lines.extend(_changes(recs))
    lines.extend(_last_decisions(p))
    lines.extend(_ruleset_diff(recs))
    lines.extend(_partners(recs))
    lines.extend(_what_would_move(recs))
    lines.extend(_decisions(recs))
    lines.extend(_table("Not recommended", "Why not", p.others))
    if mermaid:
        add("## Governance")
        add("")
        add("```mermaid")
        lines.extend(visible(mermaid).rstrip("\n").splitlines())
        add("```")
        add("")
    lines.extend(_appendix(p, recs))
    return "\n".join(lines)


def _summary(p: Paper) -> list[str]:
    out = ["## Summary for decision", ""]
    for title, group in (("Recommended priorities", p.priorities),
                         ("Cross-cutting themes", p.cross_cutting)):
        if not group:
            continue
        out += [f"### {title}", ""]
        for n, v in enumerate(group, start=1):
            out.append(f"{n}. **{md(v.label)}** (score {number(v.rec.score)}; owner "
                       f"{md(v.owner)}): {md(v.headline)}.")
        out.append("")
    out += ["### Since the last plan", ""]
    out += [f"- {md(s)}" for s in p.since_last]
    out.append("")
    if p.gaps:
        out += ["### Evidence gaps and findings", ""]
        out += [f"- {md(s)}" for s in p.gaps]
        out.append("")
    out += ["### The board is asked to", ""]
    out += [f"{n}. {md(s)}" for n, s in enumerate(p.decisions, start=1)]
    out.append("")
    return out


def _matrix(p: Paper) -> list[str]:
    rows = p.chosen + p.watch
    out = ["## How the themes compare", "",
           "What each criterion contributed to each score (points of 100"
           + ("; they add up to the score" if p.additive else
              "; what the score would lose without it") + "). Blank: nothing.", "",
           "| Theme | Status | Score | " + " | ".join(md(lab) for _, lab in p.criteria)
           + " | Confidence |",
           "|---|---|---:|" + "---:|" * len(p.criteria) + "---:|"]
    for v in rows:
        cells = [number(v.effects[c]) if round(v.effects[c], 1) else "" for c, _ in p.criteria]
        out.append(f"| {md(v.label)} | {v.status} | {number(v.rec.score)} | "
                   + " | ".join(cells) + f" | {number(v.confidence, 0)} |")
    out.append("")
    return out


def _card(p: Paper, v: ThemeView) -> list[str]:
    r = v.rec
    out = [f"### {md(v.label)}", ""]
    out.append(f"{v.status.capitalize()}, ranked {r.rank} of "
               f"{len(p.chosen) + len(p.watch) + len(p.others)}: score {number(r.score)} of "
               f"100 ({md(r.grade)}), confidence {number(v.confidence, 0)} of 100.")
    out.append("")
    owner = f"Owner: {md(v.owner)}"
    if v.accountable_to:
        owner += f", accountable through {md(v.accountable_to)}"
    out += [owner + ".", ""]
    if v.reasons:
        out += ["Why, strongest effect on the score first:", ""]
    for reason in v.reasons:
        line = f"- **{md(reason.criterion)} {points(reason.effect)}**: {md(reason.text)}"
        if reason.through:
            line += f" (counts through {md(', '.join(reason.through))})"
        if reason.also:
            line += f"; also {md('; '.join(reason.also[:3]))}"
            if len(reason.also) > 3:
                line += f" and {len(reason.also) - 3} more"
        cite = p.sources.cite(reason.evidence)
        if cite:
            line += f". Source {md(cite)}"
        out.append(line + ".")
    if v.hidden:
        out.append(f"- {v.hidden} smaller reasons add {points(v.hidden_effect)} together.")
    out += [f"- {md(note)}." for note in v.capped]
    out.append("")
    out += [f"Why this status: {md(v.why_status)}.", ""]
    if v.last_year:
        line = f"Last year's decision: {md(v.last_year)}"
        if v.departure:
            line += f" This year departs from it: {md(v.departure)}."
        out += [line, ""]
    if v.decision:
        out += [f"Board decision: {md(v.decision)}", ""]
    else:
        out += ["Board decision (delete as appropriate): adopt / amend / reject. "
                "Rationale: ……………………", ""]
    return out


def _table(title: str, why: str, group: tuple[ThemeView, ...]) -> list[str]:
    if not group:
        return []
    out = [f"## {title}", "", f"| Rank | Theme | Score | {why} |", "|---:|---|---:|---|"]
    out += [f"| {v.rec.rank} | {md(v.label)} | {number(v.rec.score)} | {md(v.why_status)} |"
            for v in group]
    out.append("")
    return out


def _appendix(p: Paper, recs: Assessment) -> list[str]:
    out = ["## Appendix A: data-quality and governance findings", ""]
    if not p.findings:
        out += ["None.", ""]
    for g in p.findings:
        out += [f"### {g.count} {md(g.label)}", ""]
        out += [f"- {md(item)}" for item in g.items]
        out.append("")
    out += ["## Appendix B: sources", ""]
    for note in p.sources.endnotes():
        out.append(f"{note.number}. {md(note.text)}" + (f". {md(note.url)}" if note.url else ""))
    if not p.sources.documents:
        out.append("No document is cited.")
    out += ["", "## Appendix C: method", "",
            f"Scores are {md(p.method)}, on the {md(recs.ruleset.name)} ruleset version "
            f"{md(recs.ruleset.version)} (fingerprint {recs.ruleset.hash[:12]}). Each "
            "criterion's points are capped, so one loud piece of evidence cannot dominate.", ""]
    return out


def _status(value: str) -> str:
    return STATUS_BY_VALUE.get(value, value.replace("_", " "))


def _robustness(recs: Assessment) -> list[str]:
    r = recs.robustness
    if r is None:
        return []
    how = (f"weights drawn around the ruleset's, concentration {r.concentration:g}"
           if r.method == "dirichlet" else f"each weight varied within {r.spread_pct:g}%")
    out = ["## Robustness to the weights", "",
           f"{r.draws} weight draws ({how}, seed {r.seed}).", "",
           "| Theme | Chance of being a priority | Median rank | Ranks (5-95%) |",
           "|---|---:|---:|---|"]
    for t in r.themes:
        if t.p_priority > 0 or t.median_rank <= 10:
            flag = " (flips easily)" if t.flips else ""
            out.append(f"| {md(t.label)}{flag} | {t.p_priority:.0%} | {t.median_rank:g} | "
                       f"{t.rank_p05:g}-{t.rank_p95:g} |")
    out.append("")
    return out


def _changes(recs: Assessment) -> list[str]:
    c = recs.changes_since
    if c is None:
        return []
    out = ["## Changes since last year", "", f"Compared with {md(c.last_year)}.", ""]
    for m in c.recommendations:
        out.append(f"- {md(m.label)}: {_status(m.status_before)} (rank {m.rank_before}) "
                   f"to {_status(m.status_after)} (rank {m.rank_after})")
    if not c.recommendations:
        out.append("- No theme changed status or rank.")
    out.append(f"- Indicators added: {len(c.indicators_added)}; removed: "
               f"{len(c.indicators_removed)}; signals that moved: {len(c.signals_moved)}.")
    out.append("")
    return out


def _ruleset_diff(recs: Assessment) -> list[str]:
    d = recs.ruleset_diff
    if d is None:
        return []
    out = ["## Another ruleset", "", f"{md(d.before)} against {md(d.after)}.", ""]
    # Rule ids stay here: this section is for the analyst comparing two rulesets.
    out += [f"- rule `{c.rule}`: {md(c.change)}" for c in d.rule_changes]
    out += [f"- {md(w)}" for w in d.weight_changes]
    out.append("")
    for m in d.moves[:10]:
        why = "; ".join(f"rule `{a.rule}` ({a.change}) {a.criterion} {a.points_before:+g} to "
                        f"{a.points_after:+g}" for a in m.because) or "weight changes"
        out.append(f"- {md(m.label)}: rank {m.rank_before} to {m.rank_after}, "
                   f"{_status(m.status_before)} to {_status(m.status_after)}; because "
                   f"{md(why)}")
    out.append("")
    return out


def _last_decisions(p: Paper) -> list[str]:
    if not p.last_decisions:
        return []
    out = ["## Last year's decisions", "",
           f"What the board decided on {md(p.last_record or 'last year')}, beside this year's "
           "recommendation.", "",
           "| Theme | Decided last year | By | Date | This year | Departure | Rationale |",
           "|---|---|---|---|---|---|---|"]
    for d in p.last_decisions:
        out.append(f"| {md(d.label)} | {md(d.decided)} | {md(d.by)} | {md(d.date)} | "
                   f"{md(d.now)} | {md(d.departure or 'none: follows it')} | "
                   f"{md(d.rationale)} |")
    out.append("")
    return out


def _what_would_move(recs: Assessment) -> list[str]:
    w = recs.what_would_move
    if w is None or not w.themes:
        return []
    out = ["## What would move it", "", f"Within reach: {md(w.reach)}.", "",
           "| Theme | Now | Smallest single change that flips it |", "|---|---|---|"]
    for lv in w.themes:
        out.append(f"| {md(lv.label)} | {_status(lv.status)} | {md(lv.nearest)} |")
    out.append("")
    return out


def _decisions(recs: Assessment) -> list[str]:
    d = recs.decisions
    if d is None or not d.decisions:
        return []
    out = ["## Decisions recorded", "", "| Theme | Decision | By | Date | Recommended | "
           "Rationale |", "|---|---|---|---|---|---|"]
    labels = {r.theme: r.label for r in recs.recommendations}
    for e in d.decisions:
        decided = decision_words(e)
        out.append(f"| {md(labels.get(e.theme, e.theme))} | {md(decided)} | {md(e.by)} | "
                   f"{e.date.isoformat()} | {md(_status(e.recommended or ''))} | "
                   f"{md(e.rationale)} |")
    out.append("")
    return out


def _partners(recs: Assessment) -> list[str]:
    g = recs.partner_weights
    if g is None:
        return []
    out = ["## Partners' weights", "", "| Weights | Priorities |", "|---|---|"]
    for v in (*g.partners, g.mean, g.median):
        out.append(f"| {md(v.partner)} | {md(', '.join(v.priorities) or 'none')} |")
    out += ["", f"Agreed by every partner: {md(', '.join(g.agreed) or 'none')}. "
            f"Contested: {md(', '.join(g.contested) or 'none')}.", "",
            "| Criterion | Lowest | Highest | Mean | Median | Ruleset |",
            "|---|---:|---:|---:|---:|---:|"]
    for c in g.criteria:
        out.append(f"| {md(c.criterion)} | {c.low:g} | {c.high:g} | {c.mean:g} | "
                   f"{c.median:g} | {c.ruleset:g} |")
    out.append("")
    return out
