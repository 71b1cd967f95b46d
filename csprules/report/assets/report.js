// Live re-scoring for the weight sliders.
//
// The kernel half of this file is a port, function for function, of
// csprules/scoring/aggregate.py (weights -> scores) and
// csprules/scoring/selection_kernel.py (scores -> ranks and outcomes), one
// ranking at a time.  Every number it uses (weights, criterion scores, masks,
// thresholds, limits, the tie rule's decimals, tolerances, outcome codes) is
// written into the page's data by Python (csprules/scoring/selector.py and
// csprules/report/html.py); none is repeated here.  Change the Python kernel,
// change this port: tests/report/test_selection_js.py runs it under node and
// holds it to exact agreement on statuses and ranks.
(function () {
  "use strict";

  // ---- kernel (no DOM) ---------------------------------------------------

  // aggregate.weighted_mean for one row: zero when every weight is zero.
  function weightedMean(row, weights) {
    var total = 0, sum = 0;
    for (var j = 0; j < weights.length; j++) { total += weights[j]; }
    if (total === 0) { return 0; }
    for (var k = 0; k < weights.length; k++) { sum += (weights[k] / total) * row[k]; }
    return sum;
  }
  function mul(a, b) { return a.map(function (x, i) { return x * b[i]; }); }

  // Scorer.scores: aggregate.morile_score or aggregate.weighted_sum_score.
  function themeScore(D, w, row) {
    if (D.method === "morile") {
      var h = weightedMean(row, mul(w, D.harmMask));
      var l = weightedMean(row, mul(w, D.likelihoodMask));
      var risk = h * l;
      if (D.position === null) { return 100 * risk; }
      return 100 * risk * (1 - D.moderation + D.moderation * row[D.position]);
    }
    return 100 * weightedMean(row, mul(w, D.scoreMask));
  }
  function themeScores(D, w) { return D.scores.map(function (row) { return themeScore(D, w, row); }); }

  // numpy.round(x, decimals): scale, round half to even (numpy.rint), scale back.
  function roundTo(x, decimals) {
    var f = Math.pow(10, decimals), y = x * f, r = Math.round(y);
    if (r - y === 0.5 && r % 2 !== 0) { r -= 1; }
    return r / f;
  }

  // selection_kernel.rank_order: best first; equal scores keep theme order.
  function rankOrder(K, scores) {
    var rounded = scores.map(function (s) { return roundTo(s, K.rankDecimals); });
    var order = scores.map(function (_, i) { return i; });
    order.sort(function (a, b) { return rounded[b] - rounded[a] || a - b; });
    return order;
  }

  // selection_kernel.ranks_from_order
  function ranksFromOrder(order) {
    var ranks = [];
    order.forEach(function (i, pos) { ranks[i] = pos + 1; });
    return ranks;
  }

  // selection_kernel.top_scores: the best among themes that can be selected.
  function topScore(K, scores) {
    var open = scores.filter(function (_, i) { return !K.context[i]; });
    return open.length ? Math.max.apply(null, open) : 0;
  }

  // selection_kernel.thresholds: [priority, watch].
  function thresholds(sel, top) {
    return [Math.max(sel.min_priority_score, sel.min_share_of_top * top),
            Math.max(sel.watch_score, sel.watch_share_of_top * top)];
  }

  // selection_kernel.priorities: overridden themes always; then the remaining
  // slots, in rank order, to themes at or above the priority threshold.
  function priorities(K, scores, order, priorityAt) {
    var overridden = K.override.filter(function (o) { return o; }).length;
    var slots = Math.max(K.selection.max_priorities - overridden, 0);
    var chosen = scores.map(function () { return false; });
    var eligibleSoFar = 0;
    order.forEach(function (i) {
      var eligible = scores[i] >= priorityAt - K.scoreTolerance && !K.override[i] && !K.context[i];
      if (eligible) { eligibleSoFar += 1; }
      chosen[i] = (eligible && eligibleSoFar <= slots) || K.override[i];
    });
    return chosen;
  }

  // selection_kernel.outcomes: the first outcome that applies, in Outcome order.
  function outcomes(K, scores, chosen, watchAt) {
    var O = K.outcome, sel = K.selection;
    return scores.map(function (s, i) {
      var linked = 0;
      for (var j = 0; j < chosen.length; j++) { if (chosen[j]) { linked += K.links[i][j]; } }
      var watched = s >= watchAt - K.scoreTolerance;
      if (K.context[i]) { return O.CONTEXT; }
      if (chosen[i] && K.override[i]) { return O.PRIORITY_OVERRIDE; }
      if (chosen[i]) { return O.PRIORITY; }
      if (sel.statutory_cross_cutting && K.statutory[i]) { return O.CROSS_CUTTING_STATUTORY; }
      if (linked >= sel.cross_cutting_min_links) { return O.CROSS_CUTTING_LINKS; }
      if (K.crossKind[i] && watched) { return O.CROSS_CUTTING_KIND; }
      if (watched) { return O.WATCH; }
      return O.NOT_RECOMMENDED;
    });
  }

  // Selector.decide, for one ranking.
  function decide(K, scores) {
    var order = rankOrder(K, scores);
    var top = topScore(K, scores);
    var at = thresholds(K.selection, top);
    var chosen = priorities(K, scores, order, at[0]);
    return { order: order, ranks: ranksFromOrder(order), scores: scores,
             outcome: outcomes(K, scores, chosen, at[1]), top: top,
             priorityAt: at[0], watchAt: at[1] };
  }

  var kernel = { themeScores: themeScores, decide: decide, roundTo: roundTo };
  if (typeof module === "object" && module !== null && module.exports) {
    module.exports = kernel;  // loaded by node for the agreement test: no page here
    return;
  }

  // ---- page --------------------------------------------------------------

  var D = JSON.parse(document.getElementById("csprules-data").textContent);
  // Ids come from evidence: a theme called "constructor" or "__proto__" must look up
  // its own label, never a prototype's property, so id-keyed lookups use a Map.
  function ownMap(obj) {
    var m = new Map();
    Object.keys(obj).forEach(function (k) { m.set(k, obj[k]); });
    return m;
  }
  var themeLabels = ownMap(D.themeLabels);
  var base = D.weights.slice();
  var w = D.weights.slice();

  // One decimal, rounding halves to even as Python's format() does, so the page
  // prints the same figures as the Python report.
  function fmt1(x) {
    var y = x * 10, r = Math.round(y);
    if (Math.abs(y - Math.trunc(y)) === 0.5 && r % 2 !== 0) { r -= 1; }
    return (r / 10).toFixed(1);
  }

  function render() {
    var r = decide(D.selector, themeScores(D, w));
    var status = r.outcome.map(function (o) { return D.selector.outcomeStatus[o]; });
    var list = document.getElementById("live-ranking");
    list.textContent = "";
    r.order.forEach(function (i, pos) {
      var t = D.themes[i];
      if (status[i] !== "priority" && status[i] !== "cross_cutting") { return; }
      var li = document.createElement("li");
      li.setAttribute("data-theme", t);
      li.value = pos + 1;
      li.setAttribute("data-rank", String(pos + 1));
      li.setAttribute("data-status", status[i]);
      li.textContent = themeLabels.get(t) + " — " + status[i].replace("_", "-") + ", " + fmt1(r.scores[i]);
      list.appendChild(li);
    });
    var changed = [];
    D.criteria.forEach(function (c, j) {
      if (w[j] !== base[j]) { changed.push(c + "=" + w[j]); }
      var out = document.querySelector('output[for="w-' + c + '"]');
      if (out) { out.textContent = String(w[j]); }
    });
    document.getElementById("weights-note").textContent =
      "Weights changed from the ruleset: " + (changed.length ? changed.join(", ") : "none");
    document.body.setAttribute("data-ranking", r.order.map(function (i) { return D.themes[i]; }).join(","));
    document.body.setAttribute("data-statuses", r.order.map(function (i) { return D.themes[i] + ":" + status[i]; }).join(","));
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[type=range][data-criterion]"), function (input) {
    input.addEventListener("input", function () {
      w[D.criteria.indexOf(input.getAttribute("data-criterion"))] = parseFloat(input.value);
      render();
    });
  });
  document.getElementById("reset-weights").addEventListener("click", function () {
    w = base.slice();
    Array.prototype.forEach.call(document.querySelectorAll("input[type=range][data-criterion]"), function (input) {
      input.value = String(base[D.criteria.indexOf(input.getAttribute("data-criterion"))]);
    });
    render();
  });
  render();
}());
