/* chronology timeline: draws the Plotly figure and wires the controls.
 *
 * The search box, the conflict filter and the category boxes filter the table (one <tbody>
 * per event) and the plot together: the table decides which events are visible, and every
 * plot point carries its event's index in customdata[0], so hiding an event sets its points'
 * x to null. Nothing here reads or inserts HTML: text is matched with textContent only.
 */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("chronology-config").textContent);
  var fig = JSON.parse(document.getElementById("chronology-figure").textContent);
  var gd = document.getElementById(config.div);
  var original = fig.data.map(function (t) { return t.x ? t.x.slice() : null; });

  if (typeof Plotly === "undefined") {
    gd.textContent = "The plotting library did not load; the table below lists every event.";
    return;
  }

  function legendFor(width) {
    // Beside the plot on a wide screen, below it on a phone.
    return width < 760
      ? { "legend.orientation": "h", "legend.x": 0, "legend.y": -0.12, "legend.yanchor": "top",
          "legend.xanchor": "left", "legend.title.side": "top", "margin.l": 90 }
      : { "legend.orientation": "v", "legend.x": 1.02, "legend.y": 1, "legend.yanchor": "top",
          "legend.xanchor": "left", "legend.title.side": "top", "margin.l": 130 };
  }

  var width = gd.clientWidth || window.innerWidth;
  var layout = fig.layout;
  var start = legendFor(width);
  Object.keys(start).forEach(function (key) {
    var parts = key.split(".");
    var node = layout;
    parts.slice(0, -1).forEach(function (part) {
      node[part] = node[part] || {};
      node = node[part];
    });
    node[parts[parts.length - 1]] = start[key];
  });
  var narrow = width < 760;
  Plotly.newPlot(gd, fig.data, layout, config.plotly).then(function () {
    gd.setAttribute("data-ready", "1");
  });
  // The page grows a scrollbar once the table is parsed; follow the plot's own width.
  if (typeof ResizeObserver !== "undefined") {
    var pending = null;
    new ResizeObserver(function () {
      clearTimeout(pending);
      pending = setTimeout(function () { Plotly.Plots.resize(gd); }, 100);
    }).observe(gd);
  }
  window.addEventListener("resize", function () {
    var now = (gd.clientWidth || window.innerWidth) < 760;
    if (now !== narrow) {
      narrow = now;
      Plotly.relayout(gd, legendFor(gd.clientWidth || window.innerWidth));
    }
  });

  // The script runs before the table is parsed, so the plot draws first; the controls are
  // wired once the table exists.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }

  function wire() {
  var controls = document.getElementById("controls");
  var search = document.getElementById("search");
  var onlyConflicts = document.getElementById("only-conflicts");
  var status = document.getElementById("status");
  var bodies = Array.prototype.slice.call(
    document.querySelectorAll("#events-table tbody[data-event]"));
  var haystacks = bodies.map(function (b) {
    return b.textContent.replace(/\s+/g, " ").toLowerCase();
  });

  function checkedCategories() {
    var set = {};
    controls.querySelectorAll("input[name=category]").forEach(function (box) {
      if (box.checked) { set[box.value] = true; }
    });
    return set;
  }

  function apply() {
    var query = search.value.replace(/\s+/g, " ").trim().toLowerCase();
    var only = onlyConflicts.checked;
    var categories = checkedCategories();
    var visible = {};
    var shown = 0;
    bodies.forEach(function (body, i) {
      var ok = categories[body.getAttribute("data-category")] === true &&
        (!only || body.getAttribute("data-conflict") === "1") &&
        (!query || haystacks[i].indexOf(query) !== -1);
      body.hidden = !ok;
      if (ok) { visible[body.getAttribute("data-event")] = true; shown += 1; }
    });
    var xs = [];
    var indices = [];
    gd.data.forEach(function (trace, k) {
      var custom = trace.customdata;
      var x = original[k];
      if (!custom || !x) { return; }
      xs.push(x.map(function (value, i) {
        return custom[i] && visible[custom[i][0]] ? value : null;
      }));
      indices.push(k);
    });
    // Changing x makes Plotly autorange; keep the reader's zoom and the slider's full range.
    Plotly.update(gd, { x: xs }, {
      "xaxis.type": "date",
      "xaxis.range": gd._fullLayout.xaxis.range.slice(),
      "xaxis.rangeslider.range": config.range.slice()
    }, indices);
    status.textContent = shown === bodies.length
      ? "Showing all " + shown + " events."
      : "Showing " + shown + " of " + bodies.length + " events.";
  }

  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, bodies.length > 2000 ? 200 : 60);
  });
  controls.addEventListener("change", function (event) {
    if (event.target !== search) { apply(); }
  });
  controls.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  controls.querySelectorAll("button[data-range]").forEach(function (button) {
    button.addEventListener("click", function () {
      var range = button.getAttribute("data-range");
      Plotly.relayout(gd, { "xaxis.range": range === "all" ? config.range.slice() : range.split(",") });
    });
  });
  controls.hidden = false;
  status.textContent = "Showing all " + bodies.length + " events.";
  }
})();
