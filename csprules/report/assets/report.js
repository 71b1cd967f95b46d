// Live re-scoring: the same arithmetic as csprules.scoring.aggregate and .select.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("csprules-data").textContent);
  var base = D.weights.slice();
  var w = D.weights.slice();

  function weightedMean(row, weights) {
    var total = 0, sum = 0;
    for (var j = 0; j < weights.length; j++) { total += weights[j]; }
    if (total === 0) { return 0; }
    for (var k = 0; k < weights.length; k++) { sum += (weights[k] / total) * row[k]; }
    return sum;
  }
  function mul(a, b) { return a.map(function (x, i) { return x * b[i]; }); }
  function score(row) {
    if (D.method === "morile") {
      var h = weightedMean(row, mul(w, D.harmMask));
      var l = weightedMean(row, mul(w, D.likelihoodMask));
      var risk = h * l;
      if (D.position === null) { return 100 * risk; }
      return 100 * risk * (1 - D.moderation + D.moderation * row[D.position]);
    }
    return 100 * weightedMean(row, mul(w, D.scoreMask));
  }
  function round9(x) { return Math.round(x * 1e9) / 1e9; }
  // One decimal, rounding halves to even as Python's format() does, so the page
  // prints the same figures as the Python report.
  function fmt1(x) {
    var y = x * 10, r = Math.round(y);
    if (Math.abs(y - Math.trunc(y)) === 0.5 && r % 2 !== 0) { r -= 1; }
    return (r / 10).toFixed(1);
  }

  function select() {
    var n = D.themes.length, sel = D.selection;
    var scores = D.scores.map(score);
    var order = D.themes.map(function (_, i) { return i; });
    order.sort(function (a, b) { var d = round9(scores[b]) - round9(scores[a]); return d !== 0 ? d : a - b; });
    var override = {};
    if (D.highOnAny) {
      D.highOnAny.criteria.forEach(function (c) {
        var j = D.criteria.indexOf(c);
        for (var i = 0; i < n; i++) { if (D.kinds[D.themes[i]] !== "aggregate" && D.scores[i][j] >= D.highOnAny.at_least - 1e-12) { override[i] = true; } }
      });
    }
    // Aggregates (total crime) are context, never candidates: no threshold, no slot.
    var isContext = function (i) { return D.kinds[D.themes[i]] === "aggregate"; };
    var candidateScores = scores.filter(function (_, i) { return !isContext(i); });
    var top = candidateScores.length ? Math.max.apply(null, candidateScores) : 0;
    var priorityAt = Math.max(sel.min_priority_score, sel.min_share_of_top * top);
    var watchAt = Math.max(sel.watch_score, sel.watch_share_of_top * top);
    var chosen = order.filter(function (i) { return override[i]; });
    for (var k = 0; k < order.length && chosen.length < sel.max_priorities; k++) {
      var i = order[k];
      if (!override[i] && !isContext(i) && scores[i] >= priorityAt - 1e-9) { chosen.push(i); }
    }
    var chosenIds = {}; chosen.forEach(function (i) { chosenIds[D.themes[i]] = true; });
    var status = {};
    order.forEach(function (i) {
      var t = D.themes[i], s = scores[i];
      if (isContext(i)) { status[t] = "not_recommended"; return; }
      if (chosenIds[t]) { status[t] = "priority"; return; }
      var linked = D.links[t].filter(function (x) { return chosenIds[x]; }).length;
      if (sel.statutory_cross_cutting && D.statutory[t].length) { status[t] = "cross_cutting"; }
      else if (linked >= sel.cross_cutting_min_links) { status[t] = "cross_cutting"; }
      else if (D.kinds[t] === "cross_cutting" && s >= watchAt - 1e-9) { status[t] = "cross_cutting"; }
      else if (s >= watchAt - 1e-9) { status[t] = "watch"; }
      else { status[t] = "not_recommended"; }
    });
    return { order: order, scores: scores, status: status };
  }

  function render() {
    var r = select();
    var list = document.getElementById("live-ranking");
    list.textContent = "";
    r.order.forEach(function (i, pos) {
      var t = D.themes[i];
      if (r.status[t] !== "priority" && r.status[t] !== "cross_cutting") { return; }
      var li = document.createElement("li");
      li.setAttribute("data-theme", t);
      li.value = pos + 1;
      li.setAttribute("data-rank", String(pos + 1));
      li.setAttribute("data-status", r.status[t]);
      li.textContent = D.themeLabels[t] + " — " + r.status[t].replace("_", "-") + ", " + fmt1(r.scores[i]);
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
    document.body.setAttribute("data-statuses", r.order.map(function (i) { return D.themes[i] + ":" + r.status[D.themes[i]]; }).join(","));
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
