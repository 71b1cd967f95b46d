"""The meeting's HTML report: one self-contained file, no network, live weight sliders.

Everything is inline (styles, script, SVG charts); all evidence text is
HTML-escaped.  The sliders re-score in the page with report.js, a port of
:mod:`csprules.scoring.aggregate` and :mod:`csprules.scoring.selection_kernel`,
from the kernel's inputs embedded as JSON (criterion scores, weights, masks,
thresholds, limits, tolerances: see
:meth:`csprules.scoring.selector.Selector.page_data`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape
from importlib import resources

from csprules.assessment.model import Assessment
from csprules.assessment.pipeline import Evaluated
from csprules.report.hygiene import visible
from csprules.report.labels import STATUS_BY_VALUE, tier_words
from csprules.report.paper import Paper, ThemeView, build_paper, decision_words
from csprules.report.script_json import script_json
from csprules.report.trend_chart import trend_chart
from csprules.report.wording import number, points
from csprules.scoring.model import Recommendations, Status

_STATUS = {
    Status.PRIORITY: "Priority",
    Status.CROSS_CUTTING: "Cross-cutting",
    Status.WATCH: "Watch",
    Status.NOT_RECOMMENDED: "Not recommended",
}


def e(text: object) -> str:
    return escape(visible(str(text)), quote=True)


def _head(*columns: str) -> str:
    """A table's header row: one column header per name, scoped for screen readers."""
    return ("<thead><tr>" + "".join(f'<th scope="col">{e(c)}</th>' for c in columns)
            + "</tr></thead>")


def _asset(name: str) -> str:
    return resources.files("csprules").joinpath(f"report/assets/{name}").read_text("utf-8")


def render_html(run: Evaluated, recs: Assessment, weights: Mapping[str, float],
                marking: str = "OFFICIAL") -> str:
    a = run.analysis
    p = build_paper(recs, marking)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        f"<title>{e(p.title)}</title>",
        f"<style>{_asset('report.css')}{_page_css(p)}</style>",
        "</head><body>",
        f'<header><p class="marking">{e(p.marking)}</p><h1>{e(p.title)}</h1>',
        f'<p class="meta">Assessment of {e(p.assessment_date)}</p></header>',
        "<main>",
        _summary(p),
        _matrix(p),
        _weights_panel(recs, a.criteria, weights),
        _cards(run, p),
        _robustness(recs),
        _changes(recs),
        _last_decisions(p),
        _ruleset_diff(recs),
        _partners(recs),
        _what_would_move(recs),
        _decisions(recs),
        _watch_and_rest(p),
        '<div class="appendix">',
        _governance(run),
        _findings(p),
        _sources(p, recs),
        "</div>",
        "</main>",
        f'<script type="application/json" id="csprules-data">{_data(run, recs)}</script>',
        f"<script>{_asset('report.js')}</script>",
        "</body></html>",
    ]
    return visible("\n".join(parts) + "\n")


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal (running headers are CSS ``content``)."""
    out = "".join(ch if ch.isalnum() or ch in " ,.:;()'-/&" else f"\\{ord(ch):x} " for ch in text)
    return f'"{out}"'


def _page_css(p: Paper) -> str:
    # A4 pages with the partnership and the protective marking on every page, and
    # page numbers: Chromium prints CSS page-margin boxes.
    return (
        "@page { size: A4; margin: 16mm 14mm 16mm 14mm;"
        f" @top-left {{ content: {_css_string(p.partnership)}; font: 8pt sans-serif;"
        " color: #444; }"
        f" @top-right {{ content: {_css_string(p.marking)}; font: bold 9pt sans-serif; }}"
        ' @bottom-right { content: "Page " counter(page) " of " counter(pages);'
        " font: 8pt sans-serif; color: #444; }"
        f" @bottom-left {{ content: {_css_string(p.marking)}; font: bold 9pt sans-serif; }} }}"
    )


def _summary(p: Paper) -> str:
    out = ['<section id="summary" class="page-one"><h2>Summary for decision</h2>']
    for title, group in (("Recommended priorities", p.priorities),
                         ("Cross-cutting themes", p.cross_cutting)):
        if not group:
            continue
        rows = "".join(
            f'<tr data-theme="{e(v.rec.theme)}"><td class="num rank">{n}</td>'
            f'<th scope="row">{e(v.label)}</th><td class="num score">{number(v.rec.score)}</td>'
            f"<td>{e(v.owner)}</td><td>{e(v.headline)}</td></tr>"
            for n, v in enumerate(group, start=1)
        )
        out.append(
            f'<table class="summary"><caption>{title}</caption><thead><tr>'
            '<th scope="col">#</th><th scope="col">Theme</th><th scope="col">Score</th>'
            '<th scope="col">Owner</th><th scope="col">Strongest evidence</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    out.append("<h3>Since the last plan</h3><ul>"
               + "".join(f"<li>{e(s)}</li>" for s in p.since_last) + "</ul>")
    if p.gaps:
        out.append("<h3>Evidence gaps and findings</h3><ul>"
                   + "".join(f"<li>{e(s)}</li>" for s in p.gaps) + "</ul>")
    out.append('<h3>The board is asked to</h3><ol class="decisions">'
               + "".join(f"<li>{e(s)}</li>" for s in p.decisions) + "</ol></section>")
    return "".join(out)


_SHORT = {Status.PRIORITY: "priority", Status.CROSS_CUTTING: "cross-cutting",
          Status.WATCH: "watch", Status.NOT_RECOMMENDED: "not recommended"}
# Ink chosen for WCAG AA contrast on each shade (axe-core checks it).
_HEAT = ("#ffffff", "#e8f0f8", "#c9dcee", "#9fc1e0", "#6b9fcc", "#2b5f94")
_HEAT_INK = ("#1b1b1b",) * 5 + ("#ffffff",)
_STACK = ("#0b5394", "#6aa84f", "#e69138", "#a64d79", "#45818e", "#cc0000", "#674ea7",
          "#bf9000", "#3c78d8", "#666666")


def _matrix(p: Paper) -> str:
    rows = p.chosen + p.watch
    top = max((v.effects[c] for v in rows for c, _ in p.criteria), default=0.0) or 1.0
    head = "".join(f'<th scope="col" class="num">{e(lab)}</th>' for _, lab in p.criteria)
    body = []
    for v in rows:
        cells = []
        for c, _ in p.criteria:
            x = v.effects[c]
            level = 0 if round(x, 1) <= 0 else min(5, 1 + int(4.999 * x / top))
            # The colour sits on a block inside the cell: Chromium's print of a
            # collapsed-border table let cell backgrounds bleed into empty cells below.
            inner = (f'<span style="background:{_HEAT[level]};color:{_HEAT_INK[level]}">'
                     f"{number(x)}</span>" if level else "")
            cells.append(f'<td class="num heat">{inner}</td>')
        body.append(
            f'<tr data-theme="{e(v.rec.theme)}"><th scope="row">{e(v.label)}</th>'
            f'<td>{e(_SHORT[v.rec.status])}</td><td class="num">{number(v.rec.score)}</td>'
            + "".join(cells)
            + f'<td class="num">{number(v.confidence, 0)}</td><td>{_stack(p, v)}</td></tr>'
        )
    key = "".join(f'<span class="key"><span style="background:{_STACK[k % len(_STACK)]}">'
                  f"</span>{e(lab)}</span>" for k, (_, lab) in enumerate(p.criteria))
    note = ("they add up to the score" if p.additive
            else "what the score would lose without each; they do not add up")
    return (
        '<section id="matrix"><h2>How the themes compare</h2>'
        f'<table class="matrix"><caption>What each criterion contributed to each score '
        f"(points of 100; {note}). Darker: more.</caption><thead><tr>"
        '<th scope="col">Theme</th><th scope="col">Status</th><th scope="col" class="num">'
        f'Score</th>{head}<th scope="col" class="num">Confidence</th>'
        f'<th scope="col">Make-up</th></tr></thead><tbody>{"".join(body)}</tbody></table>'
        f'<p class="keys">{key}</p></section>'
    )


def _stack(p: Paper, v: ThemeView) -> str:
    segments = []
    for k, (c, lab) in enumerate(p.criteria):
        x = v.effects[c]
        if x > 0:
            segments.append(f'<span style="width:{x:.1f}%;background:{_STACK[k % len(_STACK)]}" '
                            f'title="{e(lab)} {number(x)}"></span>')
    label = f"{v.label}: score {number(v.rec.score)} of 100"
    return f'<span class="stack" role="img" aria-label="{e(label)}">{"".join(segments)}</span>'


def _weights_panel(recs: Recommendations, criteria: Mapping[str, object],
                   weights: Mapping[str, float]) -> str:
    rows = []
    for cid, w in recs.weights.items():
        label = getattr(criteria[cid], "label", cid)
        rows.append(
            f'<div class="slider"><label for="w-{e(cid)}">{e(label)}</label>'
            f'<input type="range" id="w-{e(cid)}" data-criterion="{e(cid)}" min="0" max="10" '
            f'step="0.5" value="{w:g}"><output for="w-{e(cid)}">{w:g}</output></div>'
        )
    changed = ", ".join(f"{k}={v:g}" for k, v in sorted(weights.items())) or "none"
    return (
        '<section id="weights" class="screen-only"><h2>Criterion weights</h2>'
        "<p>Move a slider to re-rank live (same arithmetic as the paper). "
        '<button type="button" id="reset-weights">Reset to ruleset weights</button></p>'
        f'<p id="weights-note" class="note">Weights changed from the ruleset: {e(changed)}</p>'
        + "".join(rows) + '<ol id="live-ranking" aria-live="polite"></ol></section>'
    )


def _cards(run: Evaluated, p: Paper) -> str:
    out = ['<section id="themes"><h2>The chosen themes</h2>']
    out.extend(_card(run, p, v) for v in p.chosen)
    out.append("</section>")
    return "".join(out)


def _card(run: Evaluated, p: Paper, v: ThemeView) -> str:
    r = v.rec
    top = max(v.effects.values(), default=0.0) or 1.0
    bars = "".join(
        f'<li><span class="clabel">{e(lab)}</span><span class="bar" data-criterion="{e(c)}" '
        f'role="img" aria-label="{e(lab)} {number(v.effects[c])} points">'
        f'<span style="width:{100 * v.effects[c] / top:.0f}%"></span></span>'
        f'<span class="num">{number(v.effects[c])}</span></li>'
        for c, lab in p.criteria if round(v.effects[c], 1) > 0
    )
    why = []
    for reason in v.reasons:
        extra = ""
        if reason.through:
            extra += f" (counts through {e(', '.join(reason.through))})"
        if reason.also:
            more = f" and {len(reason.also) - 3} more" if len(reason.also) > 3 else ""
            extra += f"; also {e('; '.join(reason.also[:3]))}{more}"
        cite = p.sources.cite(reason.evidence)
        why.append(f'<li><strong>{e(reason.criterion)} {points(reason.effect)}</strong>: '
                   f"{e(reason.text)}{extra}"
                   + (f' <span class="cite">Source {_endnote_links(cite)}</span>' if cite
                      else "") + "</li>")
    if v.hidden:
        why.append(f"<li>{v.hidden} smaller reasons add {points(v.hidden_effect)} together."
                   "</li>")
    why.extend(f'<li class="capped">{e(note)}.</li>' for note in v.capped)
    owner = f"<strong>Owner:</strong> {e(v.owner)}"
    if v.accountable_to:
        owner += f", accountable through {e(v.accountable_to)}"
    return (
        f'<article class="card" id="theme-{e(r.theme)}" data-theme="{e(r.theme)}">'
        f"<h3>{e(v.label)} <small>{e(v.status)} · ranked {r.rank} · score "
        f"{number(r.score)} of 100 ({e(r.grade)}) · confidence {number(v.confidence, 0)}"
        f'</small></h3><p class="owner">{owner}.</p>'
        f'<div class="cardbody"><div><h4>Why, strongest effect on the score first</h4>'
        f'<ul class="why">{"".join(why) or "<li>No rule fired.</li>"}</ul></div>'
        f'<div><h4>Points of the score, by criterion</h4><ul class="bars">{bars}</ul>'
        f"{_sparklines(run, v)}</div></div>{_last_year(v)}{_decision_box(v)}</article>"
    )


def _last_year(v: ThemeView) -> str:
    if not v.last_year:
        return ""
    departs = (f' <strong class="departure">This year departs from it:</strong> '
               f"{e(v.departure)}." if v.departure else "")
    return (f'<p class="last-year"><strong>Last year\'s decision:</strong> {e(v.last_year)}'
            f"{departs}</p>")


def _endnote_links(cite: str) -> str:
    """``[1] lines 24, 427`` with ``[1]`` linked to its endnote in the appendix."""
    return _ENDNOTE.sub(r'<a href="#source-\1">[\1]</a>', e(cite))


_ENDNOTE = re.compile(r"\[(\d+)\]")


def _decision_box(v: ThemeView) -> str:
    if v.decision:
        return f'<p class="decision"><strong>Board decision:</strong> {e(v.decision)}</p>'
    return ('<p class="decision"><strong>Board decision:</strong> ☐ adopt ☐ amend ☐ reject'
            '<span class="rationale">Rationale:</span></p>')


def _sparklines(run: Evaluated, v: ThemeView) -> str:
    # The indicators the strongest reasons name come first: the chart shows the evidence
    # the card argues from.
    texts = [r.text for r in v.reasons]

    def relevance(label: str) -> int:
        return next((i for i, t in enumerate(texts) if t.startswith(label)), len(texts))

    indicators = sorted((ind for ind in run.analysis.evidence.indicators
                         if v.rec.theme in ind.themes or relevance(ind.label) < len(texts)),
                        key=lambda i: (relevance(i.label), i.id))
    charts = [c for c in (trend_chart(ind) for ind in indicators) if c is not None]
    if not charts:
        return ""
    return '<div class="sparks"><h4>Evidence trends</h4>' + "".join(charts[:2]) + "</div>"


def _watch_and_rest(p: Paper) -> str:
    rows = "".join(
        f'<tr data-theme="{e(v.rec.theme)}"><td class="num">{v.rec.rank}</td>'
        f'<th scope="row">{e(v.label)}</th><td>{e(v.status)}</td>'
        f'<td class="num">{number(v.rec.score)}</td><td>{e(v.why_status)}</td></tr>'
        for v in p.watch + p.others
    )
    return (
        '<section id="not-recommended"><h2>Watch list and not recommended, and why</h2>'
        '<table><thead><tr><th scope="col">Rank</th><th scope="col">Theme</th>'
        '<th scope="col">Status</th><th scope="col">Score</th><th scope="col">Why</th>'
        "</tr></thead><tbody>" + rows + "</tbody></table></section>"
    )


def _governance(run: Evaluated) -> str:
    gov = run.governance
    if gov is None:
        return ('<section id="governance"><h2>Governance</h2><p>No governance file was given, '
                "so owners are not mapped.</p></section>")
    children: dict[str | None, list[tuple[str, str, str]]] = {}
    for g in gov.groups:
        for parent in (g.parents or (None,)):
            children.setdefault(parent, []).append((g.id, g.name, g.tier.value))

    def tree(parent: str | None, seen: frozenset[str]) -> str:
        items = []
        for gid, name, tier in sorted(children.get(parent, [])):
            if gid in seen:
                items.append(f"<li>{e(name)} <em>(cycle)</em></li>")
                continue
            items.append(f'<li><span class="tier tier-{e(tier)}">{e(tier_words(tier))}</span> '
                         f"{e(name)}"
                         f"{tree(gid, seen | {gid})}</li>")
        return f"<ul>{''.join(items)}</ul>" if items else ""

    return ('<section id="governance"><h2>Governance</h2>'
            '<div class="govtree">' + tree(None, frozenset()) + "</div></section>")


def _findings(p: Paper) -> str:
    groups = "".join(
        f'<details class="finding {e(g.severity)}" open><summary><strong>{g.count} '
        f"{e(g.label)}</strong></summary><ul>"
        + "".join(f"<li>{e(item)}</li>" for item in g.items) + "</ul></details>"
        for g in p.findings
    )
    return ('<section id="findings"><h2>Appendix A: data-quality and governance findings</h2>'
            f"{groups or '<p>None.</p>'}</section>")


def _sources(p: Paper, recs: Recommendations) -> str:
    docs = "".join(
        f'<li id="source-{n.number}">{e(n.text)}'
        + (f'. <a href="{e(n.url)}">{e(n.url)}</a>' if n.url else "") + "</li>"
        for n in p.sources.endnotes())
    return (
        '<section id="sources"><h2>Appendix B: sources and method</h2>'
        f"<ol>{docs}</ol>" if docs else '<section id="sources"><h2>Appendix B: sources and '
        "method</h2><p>No document is cited.</p>"
    ) + (
        f"<p>Scores are {e(p.method)}, on the {e(recs.ruleset.name)} ruleset version "
        f"{e(recs.ruleset.version)} (fingerprint {e(recs.ruleset.hash[:12])}). Each criterion's "
        "points are capped, so one loud piece of evidence cannot dominate.</p></section>"
    )


def _data(run: Evaluated, recs: Recommendations) -> str:
    a = run.analysis
    cfg = a.config
    m = a.matrix
    data = {
        "criteria": list(m.criteria),
        "labels": {c: a.criteria[c].label for c in m.criteria},
        "themes": list(m.themes),
        "themeLabels": {t: a.facts[t].label for t in m.themes},
        "bands": [b.model_dump() for b in cfg.bands],
        "status": {r.theme: r.status.value for r in recs.recommendations},
        # What report.js's kernel computes from: the very numbers Python scores and
        # selects with (full precision: json writes floats that read back exactly).
        "weights": [float(w) for w in m.weights],
        "scores": [[float(x) for x in row] for row in m.scores],
        "method": cfg.method.value,
        "scoreMask": [float(x) for x in a.scorer.score_mask],
        "harmMask": [float(x) for x in a.scorer.harm_mask],
        "likelihoodMask": [float(x) for x in a.scorer.likelihood_mask],
        "position": a.scorer.position,
        "moderation": cfg.morile.moderation if cfg.morile else 0.0,
        "selector": a.selector.page_data(),
    }
    return script_json(data)


def _robustness(recs: Assessment) -> str:
    r = recs.robustness
    if r is None:
        return ""
    rows = "".join(
        f"<tr><th scope=\"row\">{e(t.label)}{' <em>(flips easily)</em>' if t.flips else ''}"
        f"</th><td class=\"num\">{t.p_priority:.2f}</td><td class=\"num\">{t.median_rank:g}"
        f"</td><td>{t.rank_p05:g}-{t.rank_p95:g}</td></tr>"
        for t in r.themes if t.p_priority > 0 or t.median_rank <= 10
    )
    how = "around the ruleset's weights" if r.method == "dirichlet" else "within a spread"
    return (f'<section id="robustness"><h2>Robustness to the weights</h2><p>{r.draws} weight '
            f"draws ({e(how)}, seed {r.seed}).</p><table><thead><tr>"
            "<th scope=\"col\">Theme</th><th scope=\"col\">P(priority)</th>"
            "<th scope=\"col\">Median rank</th><th scope=\"col\">5-95% ranks</th></tr>"
            f"</thead><tbody>{rows}</tbody></table></section>")


def _status(value: str) -> str:
    return STATUS_BY_VALUE.get(value, value.replace("_", " "))


def _changes(recs: Assessment) -> str:
    c = recs.changes_since
    if c is None:
        return ""
    items = "".join(
        f"<li>{e(m.label)}: {e(_status(m.status_before))} (rank {m.rank_before}) &rarr; "
        f"{e(_status(m.status_after))} (rank {m.rank_after})</li>" for m in c.recommendations
    ) or "<li>No theme changed status or rank.</li>"
    return (f'<section id="changes"><h2>Changes since last year</h2><p>Compared with '
            f"{e(c.last_year)}: {len(c.indicators_added)} indicators added, "
            f"{len(c.indicators_removed)} removed, {len(c.signals_moved)} signals moved.</p>"
            f"<ul>{items}</ul></section>")


def _ruleset_diff(recs: Assessment) -> str:
    d = recs.ruleset_diff
    if d is None:
        return ""
    changes = "".join(f"<li>rule {e(c.rule)}: {e(c.change)}</li>" for c in d.rule_changes)
    changes += "".join(f"<li>{e(w)}</li>" for w in d.weight_changes)
    moves = "".join(
        f"<li>{e(m.label)}: rank {m.rank_before} &rarr; {m.rank_after}; because "
        + (e("; ".join(f"rule {a.rule} ({a.change}) {a.criterion} {a.points_before:+g} -> "
                       f"{a.points_after:+g}" for a in m.because)) or "weight changes")
        + "</li>"
        for m in d.moves[:10]
    )
    return (f'<section id="ruleset-diff"><h2>Another ruleset</h2><p>{e(d.before)} against '
            f"{e(d.after)}.</p><ul>{changes}</ul><ul>{moves}</ul></section>")


def _partners(recs: Assessment) -> str:
    g = recs.partner_weights
    if g is None:
        return ""
    rows = "".join(f"<tr><th scope=\"row\">{e(v.partner)}</th><td>"
                   f"{e(', '.join(v.priorities) or 'none')}</td></tr>"
                   for v in (*g.partners, g.mean, g.median))
    spread = "".join(f"<tr><th scope=\"row\">{e(c.criterion)}</th><td class=\"num\">"
                     f"{c.low:g}</td><td class=\"num\">{c.high:g}</td><td class=\"num\">"
                     f"{c.mean:g}</td><td class=\"num\">{c.median:g}</td>"
                     f"<td class=\"num\">{c.ruleset:g}</td></tr>" for c in g.criteria)
    return ('<section id="partners"><h2>Partners\' weights</h2><table>'
            f"{_head('Weights', 'Priorities')}"
            f"<tbody>{rows}</tbody></table><p>Agreed by every partner: "
            f"{e(', '.join(g.agreed) or 'none')}. Contested: "
            f"{e(', '.join(g.contested) or 'none')}.</p><table>"
            f"{_head('Criterion', 'Lowest', 'Highest', 'Mean', 'Median', 'Ruleset')}"
            f"<tbody>{spread}</tbody></table></section>")


def _last_decisions(p: Paper) -> str:
    if not p.last_decisions:
        return ""
    rows = "".join(
        f'<tr data-theme="{e(d.theme)}"><th scope="row">{e(d.label)}</th><td>{e(d.decided)}</td>'
        f"<td>{e(d.by)}</td><td>{e(d.date)}</td><td>{e(d.now)}</td>"
        f"<td>{e(d.departure or 'none: follows it')}</td><td>{e(d.rationale)}</td></tr>"
        for d in p.last_decisions
    )
    return ('<section id="last-decisions"><h2>Last year\'s decisions</h2><table>'
            f"<caption>What the board decided on {e(p.last_record or 'last year')}, beside this "
            "year's recommendation</caption>"
            + _head("Theme", "Decided last year", "By", "Date", "This year", "Departure",
                    "Rationale")
            + f"<tbody>{rows}</tbody></table></section>")


def _what_would_move(recs: Assessment) -> str:
    w = recs.what_would_move
    if w is None or not w.themes:
        return ""
    rows = "".join(
        f'<tr><th scope="row">{e(lv.label)}</th><td>{e(_status(lv.status))}</td>'
        f"<td>{e(lv.nearest)}</td></tr>" for lv in w.themes
    )
    return ('<section id="what-would-move"><h2>What would move it</h2>'
            f"<p>Within reach: {e(w.reach)}.</p><table>"
            f"{_head('Theme', 'Now', 'Smallest single change that flips it')}"
            f"<tbody>{rows}</tbody></table></section>")


def _decisions(recs: Assessment) -> str:
    d = recs.decisions
    if d is None or not d.decisions:
        return ""
    labels = {r.theme: r.label for r in recs.recommendations}
    rows = "".join(
        f'<tr data-theme="{e(x.theme)}"><th scope="row">{e(labels.get(x.theme, x.theme))}</th>'
        f"<td>{e(decision_words(x))}</td><td>{e(x.by)}</td><td>{x.date.isoformat()}</td>"
        f"<td>{e(_status(x.recommended or ''))}</td><td>{e(x.rationale)}</td></tr>"
        for x in d.decisions
    )
    return ('<section id="decisions"><h2>Decisions recorded</h2><table>'
            f"{_head('Theme', 'Decision', 'By', 'Date', 'Recommended', 'Rationale')}"
            f"<tbody>{rows}</tbody></table></section>")
