"""The meeting's HTML report: one self-contained file, no network, live weight sliders.

Everything is inline (styles, script, SVG charts); all evidence text is
HTML-escaped.  The sliders re-score in the page with report.js, a port of
:mod:`csprules.scoring.aggregate` and :mod:`csprules.scoring.selection_kernel`,
from the kernel's inputs embedded as JSON (criterion scores, weights, masks,
thresholds, limits, tolerances: see
:meth:`csprules.scoring.selector.Selector.page_data`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from importlib import resources

from csprules.assessment.model import Assessment
from csprules.assessment.pipeline import Evaluated
from csprules.evidence.indicator import Series
from csprules.report.markdown import MAX_REASONS
from csprules.scoring.model import Recommendation, Recommendations, Status

_STATUS = {
    Status.PRIORITY: "Priority",
    Status.CROSS_CUTTING: "Cross-cutting",
    Status.WATCH: "Watch",
    Status.NOT_RECOMMENDED: "Not recommended",
}


def e(text: object) -> str:
    return escape(str(text), quote=True)


def _asset(name: str) -> str:
    return resources.files("csprules").joinpath(f"report/assets/{name}").read_text("utf-8")


def render_html(run: Evaluated, recs: Assessment, weights: Mapping[str, float]) -> str:
    a = run.analysis
    title = f"{recs.partnership}: recommended priorities"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        f"<title>{e(title)}</title>",
        f"<style>{_asset('report.css')}</style>",
        "</head><body>",
        f"<header><h1>{e(title)}</h1>",
        f"<p class=\"meta\">Assessment date {e(recs.assessment_date.isoformat())} · ruleset "
        f"{e(recs.ruleset.name)} {e(recs.ruleset.version)} (sha256 {e(recs.ruleset.hash[:12])}) "
        f"· method {e(recs.ruleset.method)} · engine {e(recs.engine)}</p></header>",
        "<main>",
        _summary(recs),
        _weights_panel(recs, a.criteria, weights),
        _cards(run, recs),
        _robustness(recs),
        _changes(recs),
        _ruleset_diff(recs),
        _partners(recs),
        _watch_and_rest(recs),
        _governance(run),
        _findings(recs),
        "</main>",
        f'<script type="application/json" id="csprules-data">{_data(run, recs)}</script>',
        f"<script>{_asset('report.js')}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(recs: Recommendations) -> str:
    rows = []
    for r in recs.recommendations:
        if r.status not in (Status.PRIORITY, Status.CROSS_CUTTING):
            continue
        owner = r.owner.name or r.owner.agency or "unowned" if r.owner else "not mapped"
        rows.append(
            f'<tr data-theme="{e(r.theme)}"><td class="num rank">{r.rank}</td>'
            f"<th scope=\"row\">{e(r.label)}</th>"
            f'<td class="status">{_STATUS[r.status]}</td>'
            f'<td class="num score">{r.score:.1f}</td><td>{e(r.grade)}</td>'
            f'<td class="num">{"n/a" if r.confidence is None else f"{r.confidence:.0f}"}</td>'
            f"<td>{e(owner)}</td><td>{e(r.change.value)}</td></tr>"
        )
    return (
        '<section id="summary"><h2>Recommended priorities and cross-cutting themes</h2>'
        '<table class="summary"><caption>Ranked by score (0-100) under the ruleset weights'
        "</caption><thead><tr><th scope=\"col\">Rank</th><th scope=\"col\">Theme</th>"
        "<th scope=\"col\">Status</th><th scope=\"col\">Score</th><th scope=\"col\">Grade</th>"
        "<th scope=\"col\">Confidence</th><th scope=\"col\">Owner</th>"
        "<th scope=\"col\">Since last plan</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table></section>"
    )


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
        '<section id="weights"><h2>Criterion weights</h2>'
        "<p>Move a slider to re-rank live (same arithmetic as csprules). "
        '<button type="button" id="reset-weights">Reset to ruleset weights</button></p>'
        f'<p id="weights-note" class="note">Weights changed from the ruleset: {e(changed)}</p>'
        + "".join(rows) + '<ol id="live-ranking" aria-live="polite"></ol></section>'
    )


def _cards(run: Evaluated, recs: Recommendations) -> str:
    out = ['<section id="themes"><h2>Themes in detail</h2>']
    for r in recs.recommendations:
        if r.status in (Status.PRIORITY, Status.CROSS_CUTTING):
            out.append(_card(run, r))
    out.append("</section>")
    return "".join(out)


def _card(run: Evaluated, r: Recommendation) -> str:
    bars = []
    for c in r.criteria:
        if not (c.points or c.score):
            continue
        bars.append(
            f'<li><span class="clabel">{e(c.label)}</span>'
            f'<span class="bar" data-criterion="{e(c.criterion)}" role="img" '
            f'aria-label="{e(c.label)} {c.score:.2f}"><span style="width:{c.score * 100:.0f}%">'
            f"</span></span><span class=\"num\">{c.score:.2f}</span></li>"
        )
    why = "".join(
        f"<li>{e(j.text)}{' (via ' + e(j.theme) + ')' if j.theme != r.theme else ''} "
        f'<span class="cite">rule {e(j.rule)}, {j.points:+g} {e(j.criterion)}'
        + ("; " + "; ".join(e(x.cited or str(x.row)) for x in j.evidence[:3]) if j.evidence
           else "")
        + "</span></li>"
        for j in r.justifications[:MAX_REASONS]
    )
    hidden = len(r.justifications) - MAX_REASONS
    if hidden > 0:
        why += (f"<li>… and {hidden} more contributions (<code>csprules explain PATH "
                f"{e(r.theme)}</code> lists them all)</li>")
    owner = ""
    if r.owner is not None:
        chain = " → ".join(e(x) for x in r.chain) or "none"
        owner = (f'<p class="owner"><strong>Owner:</strong> {e(r.owner.explanation)}<br>'
                 f"<strong>Accountability chain:</strong> {chain}</p>")
    reasons = "".join(f"<li>{e(x)}</li>" for x in r.reasons)
    return (
        f'<article class="card" id="theme-{e(r.theme)}" data-theme="{e(r.theme)}">'
        f"<h3>{r.rank}. {e(r.label)} <small>{_STATUS[r.status]} · score "
        f"{r.score:.1f} ({e(r.grade)})</small></h3>"
        f"<ul class=\"reasons\">{reasons}</ul>{owner}"
        f'<ul class="bars">{"".join(bars)}</ul>'
        f"{_sparklines(run, r.theme)}"
        f"<h4>Why</h4><ul class=\"why\">{why or '<li>No rule fired.</li>'}</ul></article>"
    )


def _sparklines(run: Evaluated, theme: str) -> str:
    charts = []
    for ind in run.analysis.evidence.indicators:
        if theme not in ind.themes:
            continue
        points = sorted(
            (o.period.sort_key, o.period.label, float(o.value))
            for o in ind.observations
            if o.series is Series.ACTUAL and isinstance(o.value, float)
        )
        if len(points) < 2:
            continue
        charts.append(_spark(ind.label, [(lab, v) for _, lab, v in points]))
    if not charts:
        return ""
    return '<div class="sparks"><h4>Evidence trends</h4>' + "".join(charts[:6]) + "</div>"


def _spark(label: str, points: list[tuple[str, float]]) -> str:
    w, h, pad = 160.0, 36.0, 3.0
    lo = min(v for _, v in points)
    hi = max(v for _, v in points)
    span = hi - lo or 1.0
    step = (w - 2 * pad) / (len(points) - 1)
    coords = " ".join(
        f"{pad + i * step:.1f},{h - pad - (v - lo) / span * (h - 2 * pad):.1f}"
        for i, (_, v) in enumerate(points)
    )
    first, last = points[0], points[-1]
    desc = f"{label}: {first[0]} {first[1]:g} to {last[0]} {last[1]:g}"
    return (
        f'<figure class="spark"><svg width="{w:g}" height="{h:g}" role="img" '
        f'aria-label="{e(desc)}"><polyline fill="none" stroke="currentColor" '
        f'stroke-width="1.5" points="{coords}"/></svg><figcaption>{e(desc)}</figcaption></figure>'
    )


def _watch_and_rest(recs: Recommendations) -> str:
    rows = []
    for r in recs.recommendations:
        if r.status in (Status.PRIORITY, Status.CROSS_CUTTING):
            continue
        rows.append(
            f'<tr data-theme="{e(r.theme)}"><td class="num">{r.rank}</td>'
            f"<th scope=\"row\">{e(r.label)}</th><td>{_STATUS[r.status]}</td>"
            f'<td class="num">{r.score:.1f}</td><td>{e("; ".join(r.reasons))}</td></tr>'
        )
    return (
        '<section id="not-recommended"><h2>Watch list and not recommended, and why</h2>'
        "<table><thead><tr><th scope=\"col\">Rank</th><th scope=\"col\">Theme</th>"
        "<th scope=\"col\">Status</th><th scope=\"col\">Score</th><th scope=\"col\">Why</th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></section>"
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
            items.append(f'<li><span class="tier tier-{e(tier)}">{e(tier)}</span> {e(name)}'
                         f"{tree(gid, seen | {gid})}</li>")
        return f"<ul>{''.join(items)}</ul>" if items else ""

    return ('<section id="governance"><h2>Governance</h2>'
            '<div class="govtree" role="tree">' + tree(None, frozenset()) + "</div></section>")


def _findings(recs: Recommendations) -> str:
    items = "".join(
        f'<li class="finding {e(f.severity)}"><strong>{e(f.source)} / {e(f.kind)}</strong>: '
        f"{e(f.message)}{' <span class=cite>' + e(f.where) + '</span>' if f.where else ''}</li>"
        for f in recs.findings
    )
    return ('<section id="findings"><h2>Governance and data-quality findings</h2>'
            f"<ul>{items or '<li>None.</li>'}</ul></section>")


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
    # "</" must not appear inside a script element: escape it in the JSON.
    return json.dumps(data, sort_keys=True).replace("</", "<\\/")


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
    return (f'<section id="robustness"><h2>Robustness to the weights</h2><p>{r.draws} weight '
            f"draws ({e(r.method)}, seed {r.seed}).</p><table><thead><tr>"
            "<th scope=\"col\">Theme</th><th scope=\"col\">P(priority)</th>"
            "<th scope=\"col\">Median rank</th><th scope=\"col\">5-95% ranks</th></tr>"
            f"</thead><tbody>{rows}</tbody></table></section>")


def _changes(recs: Assessment) -> str:
    c = recs.changes_since
    if c is None:
        return ""
    items = "".join(
        f"<li>{e(m.label)}: {e(m.status_before)} (rank {m.rank_before}) &rarr; "
        f"{e(m.status_after)} (rank {m.rank_after})</li>" for m in c.recommendations
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
                     f"{c.mean:g}</td></tr>" for c in g.criteria)
    return ('<section id="partners"><h2>Partners\' weights</h2><table><thead><tr>'
            '<th scope="col">Weights</th><th scope="col">Priorities</th></tr></thead>'
            f"<tbody>{rows}</tbody></table><p>Agreed by every partner: "
            f"{e(', '.join(g.agreed) or 'none')}. Contested: "
            f"{e(', '.join(g.contested) or 'none')}.</p><table><thead><tr>"
            '<th scope="col">Criterion</th><th scope="col">Lowest</th>'
            '<th scope="col">Highest</th><th scope="col">Mean</th></tr></thead>'
            f"<tbody>{spread}</tbody></table></section>")
