"""The meeting paper in Markdown: tables, plain-English reasons, a Mermaid governance diagram."""

from __future__ import annotations

from csprules.assessment.model import Assessment
from csprules.scoring.model import Recommendation, Status

MAX_REASONS = 8
"""Justifications shown per theme in a meeting paper (the strongest first)."""

_STATUS = {
    Status.PRIORITY: "priority",
    Status.CROSS_CUTTING: "cross-cutting",
    Status.WATCH: "watch",
    Status.NOT_RECOMMENDED: "not recommended",
}


def md(text: str) -> str:
    """Evidence text made inert: no HTML, no table breaks, no stray emphasis."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\|*_`[]":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _num(x: float | None, digits: int = 1) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def _owner(rec: Recommendation) -> str:
    if rec.owner is None:
        return "not mapped"
    if rec.owner.group is None and rec.owner.agency:
        return md(rec.owner.agency) + " (agency)"
    return md(rec.owner.name or "unowned")


def render_markdown(recs: Assessment, mermaid: str | None = None) -> str:
    lines: list[str] = []
    add = lines.append
    add(f"# {md(recs.partnership)}: recommended priorities")
    add("")
    add(f"- Assessment date: {recs.assessment_date.isoformat()}")
    add(f"- Ruleset: {md(recs.ruleset.name)} {md(recs.ruleset.version)} "
        f"(sha256 {recs.ruleset.hash[:12]}), method {md(recs.ruleset.method)}")
    add(f"- Engine: {md(recs.engine)}")
    add("")
    chosen = [r for r in recs.recommendations
              if r.status in (Status.PRIORITY, Status.CROSS_CUTTING)]
    add("## Summary")
    add("")
    add("| Rank | Theme | Status | Score | Grade | Confidence | Owner | Since last plan |")
    add("|---:|---|---|---:|---|---:|---|---|")
    for r in chosen:
        add(f"| {r.rank} | {md(r.label)} | {_STATUS[r.status]} | {_num(r.score)} | "
            f"{md(r.grade)} | {_num(r.confidence, 0)} | {_owner(r)} | {r.change.value} |")
    add("")
    for status, title in ((Status.PRIORITY, "Priorities"),
                          (Status.CROSS_CUTTING, "Cross-cutting themes")):
        group = recs.by_status(status)
        if not group:
            continue
        add(f"## {title}")
        add("")
        for r in group:
            lines.extend(_card(r))
    watch = recs.by_status(Status.WATCH)
    if watch:
        add("## Watch list")
        add("")
        add("| Rank | Theme | Score | Why not a priority |")
        add("|---:|---|---:|---|")
        for r in watch:
            add(f"| {r.rank} | {md(r.label)} | {_num(r.score)} | "
                f"{'; '.join(md(x) for x in r.reasons)} |")
        add("")
    dropped = [r for r in recs.recommendations if r.change.value == "dropped"]
    if dropped:
        add("## Dropped since the last plan")
        add("")
        for r in dropped:
            add(f"- {md(r.label)} (was {md(r.previous_status or '')}): now "
                f"{_STATUS[r.status]}, score {_num(r.score)}")
        add("")
    lines.extend(_robustness(recs))
    lines.extend(_changes(recs))
    lines.extend(_ruleset_diff(recs))
    lines.extend(_partners(recs))
    lines.extend(_what_would_move(recs))
    lines.extend(_decisions(recs))
    add("## Not recommended, and why")
    add("")
    add("| Rank | Theme | Score | Why not |")
    add("|---:|---|---:|---|")
    for r in recs.by_status(Status.NOT_RECOMMENDED):
        add(f"| {r.rank} | {md(r.label)} | {_num(r.score)} | "
            f"{'; '.join(md(x) for x in r.reasons)} |")
    add("")
    if mermaid:
        add("## Governance")
        add("")
        add("```mermaid")
        lines.extend(mermaid.rstrip("\n").splitlines())
        add("```")
        add("")
    add("## Findings")
    add("")
    if not recs.findings:
        add("None.")
    for f in recs.findings:
        where = f" ({md(f.where)})" if f.where else ""
        add(f"- **{md(f.source)} / {md(f.kind)}** [{md(f.severity)}]: {md(f.message)}{where}")
    add("")
    return "\n".join(lines)


def _card(r: Recommendation) -> list[str]:
    out = [f"### {r.rank}. {md(r.label)}", ""]
    out.append(f"{_STATUS[r.status].capitalize()}, score {_num(r.score)} ({md(r.grade)}), "
               f"confidence {_num(r.confidence, 0)}; {r.change.value} since the last plan.")
    out.append("")
    out.extend(f"- {md(reason)}" for reason in r.reasons)
    if r.owner is not None:
        chain = " → ".join(md(g) for g in r.chain) if r.chain else "none"
        out.append(f"- Owner: {_owner(r)} ({md(r.owner.via)}); accountability chain: {chain}")
    out.append("")
    out.append("| Criterion | Points | Score (0-1) | Weight |")
    out.append("|---|---:|---:|---:|")
    for c in r.criteria:
        if c.points or c.score:
            out.append(f"| {md(c.label)} | {c.points:g} | {c.score:.2f} | {c.weight:g} |")
    out.append("")
    out.append("Why:")
    out.append("")
    for j in r.justifications[:MAX_REASONS]:
        cites = "; ".join(md(e.cited or str(e.row)) for e in j.evidence[:4])
        via = f" (via {md(j.theme)})" if j.theme != r.theme else ""
        out.append(f"- {md(j.text)}{via} — rule `{j.rule}`, {j.points:+g} {md(j.criterion)}"
                   + (f"; evidence: {cites}" if cites else ""))
    hidden = len(r.justifications) - MAX_REASONS
    if hidden > 0:
        out.append(f"- … and {hidden} more contributions: `csprules explain PATH {r.theme}` "
                   "lists them all")
    out.append("")
    return out


def _robustness(recs: Assessment) -> list[str]:
    r = recs.robustness
    if r is None:
        return []
    how = (f"Dirichlet draws around the ruleset weights, concentration {r.concentration:g}"
           if r.method == "dirichlet" else f"each weight uniform within +-{r.spread_pct:g}%")
    out = ["## Robustness to the weights", "",
           f"{r.draws} weight draws ({how}, seed {r.seed}).", "",
           "| Theme | P(priority) | Median rank | 5-95% ranks |", "|---|---:|---:|---|"]
    for t in r.themes:
        if t.p_priority > 0 or t.median_rank <= 10:
            flag = " (flips easily)" if t.flips else ""
            out.append(f"| {md(t.label)}{flag} | {t.p_priority:.2f} | {t.median_rank:g} | "
                       f"{t.rank_p05:g}-{t.rank_p95:g} |")
    out.append("")
    return out


def _changes(recs: Assessment) -> list[str]:
    c = recs.changes_since
    if c is None:
        return []
    out = ["## Changes since last year", "", f"Compared with {md(c.last_year)}.", ""]
    for m in c.recommendations:
        out.append(f"- {md(m.label)}: {m.status_before.replace('_', '-')} (rank "
                   f"{m.rank_before}) -> {m.status_after.replace('_', '-')} (rank "
                   f"{m.rank_after})")
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
    out += [f"- rule `{c.rule}`: {c.change}" for c in d.rule_changes]
    out += [f"- {md(w)}" for w in d.weight_changes]
    out.append("")
    for m in d.moves[:10]:
        why = "; ".join(f"rule `{a.rule}` ({a.change}) {a.criterion} {a.points_before:+g} -> "
                        f"{a.points_after:+g}" for a in m.because) or "weight changes"
        out.append(f"- {md(m.label)}: rank {m.rank_before} -> {m.rank_after}, "
                   f"{m.status_before.replace('_', '-')} -> "
                   f"{m.status_after.replace('_', '-')}; because {md(why)}")
    out.append("")
    return out


def _what_would_move(recs: Assessment) -> list[str]:
    w = recs.what_would_move
    if w is None or not w.themes:
        return []
    out = ["## What would move it", "", f"Within reach: {md(w.reach)}.", "",
           "| Theme | Now | Smallest single change that flips it |", "|---|---|---|"]
    for lv in w.themes:
        out.append(f"| {md(lv.label)} | {_STATUS[Status(lv.status)]} | {md(lv.nearest)} |")
    out.append("")
    return out


def _decisions(recs: Assessment) -> list[str]:
    d = recs.decisions
    if d is None or not d.decisions:
        return []
    out = ["## Decisions recorded", "", "| Theme | Decision | By | Date | Recommended | "
           "Rationale |", "|---|---|---|---|---|---|"]
    for e in d.decisions:
        decided = e.decision.value.replace("_", " ") + (
            f" ({e.amended_to})" if e.amended_to else "")
        out.append(f"| {md(e.theme)} | {md(decided)} | {md(e.by)} | {e.date.isoformat()} | "
                   f"{md(e.recommended or '')} | {md(e.rationale)} |")
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
