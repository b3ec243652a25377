/* chronology timeline (MIT License, the chronology authors).
 *
 * Draws the timeline from the page's one JSON block and wires the reader's controls. Defines
 * one global, window.Chronology, shared by every timeline on the page; a timeline lives in the
 * document (the standalone page) or in a shadow root (a CMS fragment), and everything here
 * queries its own root only.
 *
 * Rows are packed here, anew for the events in the window, every time the reader zooms, pans,
 * filters or resizes: each event takes the width of its marks and of its title (measured in
 * pixels), and goes to the first row where it fits, so no text is ever drawn over other text.
 * Past the row limit an event keeps its marks but not its label. The plot is updated with
 * Plotly.react on arrays rebuilt for the events in view; nothing is redrawn from scratch.
 * plotly.js draws the axes and the marks (every trace one filled path); the titles are a layer
 * of text over it and the lanes' backgrounds a layer under it, both placed here in pixels,
 * because plotly.js styles a text or a shape anew on every update (most of an update's time).
 *
 * Nothing here inserts HTML: text goes in with textContent, and every string given to Plotly
 * (which renders a few tags) is escaped first.
 */
(function () {
  "use strict";
  var NS = window.Chronology = window.Chronology || {};
  if (NS.mount) { return; }

  var DAY = 864e5;
  var ROW = 22;            // px per row
  var LANE_GAP = 12;       // px between lanes
  var LABEL_GAP = 6;       // px between an event's marks and its title
  var LABEL_LINE = 16;     // px: the line height of a title (timeline.css)
  var GAP_MARK = "· ";     // before the gap of a disagreement, after its title
  var GAP_SPACE = 6;       // px between a title and its gap
  var ROW_AIR = 10;        // px between two events in one row
  var OPEN_PX = 44;        // px an open end ("before 1980") runs past its known day
  var MAX_TITLE = 46;      // characters drawn on the plot; the whole title on hover and focus
  var NARROW = 640;        // px: below this the list replaces the plot
  var FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var EVENT_HASH = /^#event-([A-Za-z0-9_.:-]+)$/;

  var canvas = null;
  function measure(text) {
    canvas = canvas || document.createElement("canvas").getContext("2d");
    canvas.font = FONT;
    return canvas.measureText(text).width;
  }

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&#34;");
  }

  function clip(text, limit) {
    return text.length <= limit ? text : text.slice(0, limit - 1).replace(/\s+$/, "") + "…";
  }

  function day(iso) { return iso ? Date.parse(iso + "T00:00:00Z") : null; }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  // --- marks as filled polygons ------------------------------------------------------------
  // Every bar is a filled rectangle, and all the rectangles of one trace are one polygon:
  // plotly.js draws a line trace with gaps as one SVG path per segment, each parsed and
  // styled on every update (most of an update's time at 1,000 events), but a self-filled
  // trace as one path. The rectangles are chained through their first corners, and the
  // chain is walked back at the end, so every link is drawn twice in opposite directions
  // and encloses nothing.
  function Rects() { this.x = []; this.y = []; this.bx = []; this.by = []; }
  Rects.prototype.add = function (x0, x1, y, height) {
    var a = y - height / 2, b = y + height / 2;
    this.x.push(x0, x1, x1, x0, x0); this.y.push(a, a, b, b, a);
    this.bx.push(x0); this.by.push(a);
  };
  // A day is a dot (a twelve-sided polygon), a day given as approximate a ring: an outer
  // polygon and an inner one wound the other way, which the fill leaves empty.
  var CIRCLE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(function (k) {
    return [Math.cos(k * Math.PI / 6), Math.sin(k * Math.PI / 6)];
  });
  Rects.prototype.dot = function (x, y, radius, perPx, inner) {
    var rx = radius * perPx;
    var self = this;
    CIRCLE.forEach(function (p) { self.x.push(x + p[0] * rx); self.y.push(y + p[1] * radius); });
    if (inner) {
      var ix = inner * perPx;
      for (var k = CIRCLE.length - 1; k >= 0; k--) {
        this.x.push(x + CIRCLE[k][0] * ix); this.y.push(y + CIRCLE[k][1] * inner);
      }
      this.x.push(x + rx); this.y.push(y);
    }
    this.bx.push(x + rx); this.by.push(y);
  };
  Rects.prototype.trace = function (name, fill) {
    var x = this.x, y = this.y;
    for (var k = this.bx.length - 2; k >= 0; k--) { x.push(this.bx[k]); y.push(this.by[k]); }
    var out = {
      type: "scatter", mode: "none", fill: "toself", name: name, showlegend: false, x: x, y: y,
      hoverinfo: "skip", line: { width: 0, simplify: false }
    };
    Object.keys(fill).forEach(function (key) { out[key] = fill[key]; });
    return out;
  };

  // --- the timeline's root: the document, or a fragment's shadow root -----------------------
  function resolveRoot(host) {
    if (!host) { return null; }
    if (host.shadowRoot) { return host.shadowRoot; }
    var template = host.querySelector(":scope > template[shadowrootmode]");
    if (template && host.attachShadow) {
      // Inserted by script (innerHTML) rather than parsed: attach the shadow root ourselves.
      var shadow = host.attachShadow({ mode: "open" });
      shadow.appendChild(template.content.cloneNode(true));
      template.remove();
      return shadow;
    }
    return host.getRootNode ? host.getRootNode() : document;
  }

  function mount(host) {
    var root = resolveRoot(host);
    var shell = host.shadowRoot ? root.querySelector(".chronology") : host;
    if (!shell || shell.getAttribute("data-mounted")) { return null; }
    shell.setAttribute("data-mounted", "1");
    var payload = JSON.parse(shell.querySelector("script.chronology-data").textContent);
    var Plotly = NS.Plotly || window.Plotly;
    var app = new Timeline(host, root, shell, payload, Plotly);
    NS.timelines = NS.timelines || [];
    NS.timelines.push(app);
    return app;
  }

  function Timeline(host, root, shell, payload, Plotly) {
    var self = this;
    var view = payload.view;
    var cfg = payload.config;
    var events = view.events;
    var sources = view.sources;
    var gd = shell.querySelector(".plot");
    var wrap = shell.querySelector(".plot-wrap");
    var panel = shell.querySelector(".panel");
    var status = shell.querySelector(".status");
    var controls = shell.querySelector(".controls");
    var search = shell.querySelector("input[type=search]");
    var onlyConflicts = shell.querySelector(".only-conflicts");
    var focusLine = shell.querySelector(".plot-focus");
    var bodies = null;  // the table's rows, looked up once it is parsed (it comes after us)
    var inShadow = typeof ShadowRoot !== "undefined" && root instanceof ShadowRoot;
    var inFrame = !inShadow && window.parent !== window;
    var full = [day(cfg.range[0]), day(cfg.range[1])];
    var state = {
      range: full.slice(), visible: null, selected: -1, focused: -1, width: 0, drawn: false,
      placed: [], returnTo: null
    };
    this.state = state;
    this.shell = shell;

    // Per event: its extent in ms (open ends are null), its lane keys, words to search.
    var prepared = events.map(function (ev, i) {
      var lo = Infinity, hi = -Infinity, openLo = false, openHi = false;
      ev.acc.forEach(function (a) {
        a.x0 = day(a.a); a.x1 = day(a.b);
        if (a.x0 === null) { openLo = true; } else { lo = Math.min(lo, a.x0); hi = Math.max(hi, a.x0); }
        if (a.x1 === null) { openHi = true; } else { hi = Math.max(hi, a.x1); lo = Math.min(lo, a.x1); }
      });
      var words = [ev.t, ev.cat];
      ev.acc.forEach(function (a) {
        words.push(a.d, a.q, a.tr || "", a.c || "", sources[a.s].name, sources[a.s].language || "");
      });
      ev.con.forEach(function (c) { words.push(c.t); });
      return {
        i: i, lo: lo, hi: hi, openLo: openLo, openHi: openHi,
        title: clip(ev.t, MAX_TITLE), titleWidth: 0,
        gap: ev.con.length ? ev.con[0].t + (ev.con.length > 1 ? " · +" + (ev.con.length - 1) : "") : "",
        gapWidth: 0,
        hay: words.join(" ").replace(/\s+/g, " ").toLowerCase()
      };
    });
    var byId = {};
    events.forEach(function (ev, i) { byId[ev.id] = i; });
    var lanes = cfg.lanes === "source"
      ? sources.map(function (s, k) { return { key: k, label: s.name }; })
          .filter(function (lane) {
            return events.some(function (ev) { return ev.acc.some(function (a) { return a.s === lane.key; }); });
          })
      : view.categories.map(function (c) { return { key: c, label: (view.labels || {})[c] || c }; });

    // The theme's colours, read once (reading computed styles forces a style pass) and again
    // when the reader's system switches between light and dark.
    var themeCache = null;
    function theme() {
      if (themeCache) { return themeCache; }
      themeCache = readTheme();
      return themeCache;
    }
    function readTheme() {
      var style = getComputedStyle(shell);
      function v(name, fallback) { return (style.getPropertyValue(name) || fallback).trim(); }
      return {
        paper: v("--paper", "#ffffff"), ink: v("--ink", "#111111"), muted: v("--muted", "#555555"),
        lane: v("--lane", "#f3f3f3"), grid: v("--grid", "#dddddd"),
        conflictText: v("--conflict-text", "#a84300"), select: v("--focus", "#0072b2")
      };
    }

    // --- geometry: pack the events in the window into rows ----------------------------------
    function items(range) {
      var list = [];
      var vis = state.visible;
      prepared.forEach(function (p) {
        if (vis && !vis[p.i]) { return; }
        if (p.hi < range[0] || p.lo > range[1]) { return; }
        if (cfg.lanes === "source") {
          var seen = {};
          events[p.i].acc.forEach(function (a, k) {
            (seen[a.s] = seen[a.s] || []).push(k);
          });
          Object.keys(seen).forEach(function (s) {
            list.push({ p: p, lane: Number(s), acc: seen[s] });
          });
        } else {
          list.push({ p: p, lane: events[p.i].cat, acc: null });
        }
      });
      return list;
    }

    // Shortens a label's title to fit the room (the whole title shows on hover and focus),
    // dropping the gap; no title at all when fewer than six characters would fit.
    function fit(label, ev, p, room) {
      label.gap = ""; label.gapWidth = 0;
      if (label.titleWidth <= room) { return; }
      var chars = Math.floor(p.title.length * room / label.titleWidth) - 1;
      label.title = chars >= 6 ? clip(ev.t, chars) : "";
      label.titleWidth = label.title ? measure(label.title) : 0;
      while (label.title && label.titleWidth > room && chars > 6) {
        chars -= 2;
        label.title = clip(ev.t, chars);
        label.titleWidth = measure(label.title);
      }
      if (!label.title || label.titleWidth > room) { label.title = ""; label.titleWidth = 0; }
    }

    function pack(range, width, rowLimit) {
      var span = range[1] - range[0];
      var px = function (ms) { return (ms - range[0]) / span * width; };
      var laneRows = {};
      var placed = [];
      items(range).forEach(function (item) {
        var p = item.p;
        var ev = events[p.i];
        var accs = item.acc ? item.acc.map(function (k) { return ev.acc[k]; }) : ev.acc;
        var lo = Infinity, hi = -Infinity;
        var openMs = OPEN_PX * span / width;
        accs.forEach(function (a) {
          if (a.x0 === null && a.x1 === null) { return; }
          lo = Math.min(lo, a.x0 === null ? a.x1 - openMs : a.x0);
          hi = Math.max(hi, a.x1 === null ? a.x0 + openMs : a.x1);
        });
        if (lo === Infinity) { lo = hi = range[0]; }
        var x0 = Math.max(0, px(lo)), x1 = Math.min(width, px(hi + DAY));
        if (!p.titleWidth) {
          p.titleWidth = measure(p.title);
          p.gapWidth = p.gap ? GAP_SPACE + measure(GAP_MARK + p.gap) : 0;
        }
        // The title (and the gap of a conflict) goes right of the marks, else left; where
        // neither side has room for all of it, the side with more room gets the title alone,
        // shortened to fit. Marks too wide for a title beside them (a bar across the whole
        // window) carry it over their own start, on the paper colour. Every event in view
        // with room for six characters keeps a readable title.
        var label = { title: p.title, titleWidth: p.titleWidth, gap: p.gap, gapWidth: p.gapWidth };
        var roomRight = width - x1 - LABEL_GAP, roomLeft = x0 - LABEL_GAP;
        var roomOver = x1 - x0 - 2 * LABEL_GAP;
        var textWidth = label.titleWidth + label.gapWidth;
        var side = "none";
        if (textWidth <= roomRight) {
          side = "right";
        } else if (textWidth <= roomLeft) {
          side = "left";
        } else if (Math.max(roomRight, roomLeft) >= Math.min(label.titleWidth, 120) ||
                   roomOver < Math.min(label.titleWidth, 120)) {
          side = roomRight >= roomLeft ? "right" : "left";
          fit(label, ev, p, Math.max(roomRight, roomLeft));
          if (!label.title) { side = "none"; }
          textWidth = label.titleWidth;
        } else {
          side = "over";
          if (textWidth > roomOver) { fit(label, ev, p, roomOver); }
          if (!label.title) { side = "none"; }
          textWidth = label.titleWidth + label.gapWidth;
        }
        var start = x0, end = x1;
        if (side === "right") { end = x1 + LABEL_GAP + textWidth; }
        if (side === "left") { start = x0 - LABEL_GAP - textWidth; }
        placed.push({ p: p, ev: ev, lane: item.lane, accs: accs, start: start, end: end,
                      side: side, x0: x0, x1: x1, row: 0, labelled: side !== "none",
                      label: label });
      });
      placed.sort(function (a, b) { return a.start - b.start || a.p.i - b.p.i; });
      placed.forEach(function (it) {
        var rows = laneRows[it.lane] = laneRows[it.lane] || [];
        var row = -1;
        for (var r = 0; r < rows.length; r++) {
          if (rows[r] + ROW_AIR <= it.start) { row = r; break; }
        }
        if (row === -1 && rows.length < rowLimit) { rows.push(-Infinity); row = rows.length - 1; }
        if (row === -1) {
          // Past the row limit: no label and no coloured marks, only a thin line in the
          // lane's last row, so a reader sees that more events are there (zoom in to read).
          it.labelled = false;
          it.overflow = true;
          row = rows.length - 1;
        } else {
          rows[row] = it.end;
        }
        it.row = row;
      });
      var y = 0;
      var laneBoxes = [];
      lanes.forEach(function (lane) {
        var rows = laneRows[lane.key];
        if (!rows || !rows.length) { return; }
        laneBoxes.push({ label: lane.label, top: y, bottom: y + rows.length * ROW, key: lane.key });
        y += rows.length * ROW + LANE_GAP;
      });
      var tops = {};
      laneBoxes.forEach(function (b) { tops[b.key] = b.top; });
      placed.forEach(function (it) { it.y = tops[it.lane] + it.row * ROW + ROW / 2; });
      return { placed: placed, lanes: laneBoxes, height: Math.max(y - LANE_GAP, ROW) };
    }

    // --- the figure -----------------------------------------------------------------------
    // SVG throughout: the marks drawn are bounded by the rows in view (events past the row
    // limit are one thin line each, all in one path), and software WebGL is slower here.
    var MARGIN = { l: 118, r: 16, t: 34, b: 16 };

    function traces(geo, range, t, withTitles) {
      var perSource = sources.map(function () {
        return new Rects();
      });
      var band = new Rects();
      // Approximate and open-ended bars are dashed by stripes of the lane's own colour drawn
      // over them: two striped traces in all (one per lane shade), not one per source.
      var cuts = [new Rects(), new Rects()];
      var shade = {};
      geo.lanes.forEach(function (b, k) { shade[b.key] = k % 2; });
      var titles = { x: [], y: [], t: [], pos: [] };
      var more = new Rects();
      var moreByY = {};
      var gaps = { x: [], y: [], t: [], pos: [] };
      var span = range[1] - range[0];
      var perPx = span / Math.max(1, state.plotWidth);
      var thin = 2 * perPx;  // the least width of a bar: two pixels
      geo.placed.forEach(function (it) {
        var n = it.accs.length;
        var step = n > 1 ? Math.min(5, (ROW - 8) / (n - 1)) : 0;
        var ev = it.ev;
        if (it.overflow) {
          // One line per lane: overlapping events merge into one stretch.
          var yMore = it.y + ROW / 2 - 2;
          (moreByY[yMore] = moreByY[yMore] || []).push([it.x0, Math.max(it.x1, it.x0 + 2)]);
          return;
        }
        it.accs.forEach(function (a, k) {
          var y = it.y + (k - (n - 1) / 2) * step;
          var sp = perSource[a.s];
          if (a.x0 === null && a.x1 === null) { return; }
          var x0 = a.x0 === null ? a.x1 - OPEN_PX * perPx : a.x0;
          var x1 = a.x1 === null ? a.x0 + OPEN_PX * perPx : a.x1;
          if (a.day && a.x0 !== null) {
            sp.dot(x0, y, 5.5, perPx, a.soft ? 3.5 : 0);
            return;
          }
          var firm = a.x0 !== null && a.x1 !== null && !a.soft;
          var end = Math.max(x1 + DAY, x0 + thin);
          sp.add(x0, end, y, firm ? 4 : 3);
          if (!firm) { cuts[shade[it.lane]].add(x0, end, y, 3); }
        });
        ev.con.forEach(function (c) {
          if (!c.lo || !c.hi) { return; }
          band.add(day(c.lo), Math.max(day(c.hi) + DAY, day(c.lo) + thin), it.y, 12);
        });
        if (!it.labelled || !withTitles) { return; }
        if (it.side === "right" || it.side === "over") {
          var xr = range[0] + ((it.side === "over" ? it.x0 : it.x1) + LABEL_GAP) * perPx;
          titles.x.push(xr); titles.pos.push("middle right");
          if (it.label.gap) {
            gaps.x.push(xr + (it.label.titleWidth + GAP_SPACE) * perPx); gaps.pos.push("middle right");
          }
        } else {
          var xl = range[0] + (it.x0 - LABEL_GAP) * perPx;
          titles.x.push(xl - (it.label.gapWidth) * perPx); titles.pos.push("middle left");
          if (it.label.gap) { gaps.x.push(xl); gaps.pos.push("middle left"); }
        }
        titles.y.push(it.y); titles.t.push(esc(it.label.title));
        if (it.label.gap) {
          gaps.y.push(it.y); gaps.t.push(esc(GAP_MARK + it.label.gap));
        }
      });
      // Only traces with something to draw: each costs plotly.js about a millisecond an
      // update, and most sources of a large story have nothing in a narrow window.
      var data = [];
      var push = function (trace) { if (trace.x.length) { data.push(trace); } };
      push(band.trace("sources disagree", { fillcolor: "rgba(213,94,0,0.35)" }));
      sources.forEach(function (s, k) {
        var sp = perSource[k];
        var name = esc(s.name);
        // One trace a source: each trace costs plotly.js about a millisecond an update.
        push(sp.trace(name, { fillcolor: s.colour }));
      });
      [t.lane, t.paper].forEach(function (colour, k) {
        push(cuts[k].trace("dashes", {
          fillcolor: "rgba(0,0,0,0)",
          fillpattern: { shape: "|", size: 7, solidity: 0.43, fgcolor: colour, bgcolor: "rgba(0,0,0,0)" }
        }));
      });
      Object.keys(moreByY).forEach(function (key) {
        var spans = moreByY[key].sort(function (a, b) { return a[0] - b[0]; });
        var cur = spans[0].slice();
        spans.slice(1).concat([[Infinity, Infinity]]).forEach(function (sp) {
          if (sp[0] <= cur[1] + 1) { cur[1] = Math.max(cur[1], sp[1]); return; }
          more.add(range[0] + cur[0] * perPx, range[0] + cur[1] * perPx, Number(key), 1.5);
          cur = sp.slice();
        });
      });
      push(more.trace("more events", { fillcolor: t.muted, opacity: 0.6 }));
      if (!withTitles) { return data; }
      data.push({
        type: "scatter", mode: "text", name: "titles", showlegend: false, x: titles.x,
        y: titles.y, text: titles.t, textposition: titles.pos, hoverinfo: "skip", cliponaxis: false,
        textfont: { family: FONT.replace(/^12px /, ""), size: 12, color: t.ink }
      });
      data.push({
        type: "scatter", mode: "text", name: "gaps", showlegend: false, x: gaps.x, y: gaps.y,
        text: gaps.t, textposition: gaps.pos, hoverinfo: "skip", cliponaxis: false,
        textfont: { family: FONT.replace(/^12px /, ""), size: 12, color: t.conflictText }
      });
      return data;
    }

    function shapes(geo, t) {
      var out = geo.lanes.map(function (b, k) {
        return { type: "rect", xref: "paper", yref: "y", x0: 0, x1: 1, y0: b.top - LANE_GAP / 2,
                 y1: b.bottom + LANE_GAP / 2, fillcolor: k % 2 ? t.paper : t.lane,
                 line: { width: 0 }, layer: "below" };
      });
      var chosen = state.selected >= 0 ? state.selected : state.focused;
      geo.placed.forEach(function (it) {
        if (it.p.i !== chosen) { return; }
        out.push({ type: "rect", xref: "paper", yref: "y", x0: 0, x1: 1, y0: it.y - ROW / 2,
                   y1: it.y + ROW / 2, fillcolor: "rgba(0,114,178,0.10)",
                   line: { width: 1.5, color: t.select, dash: state.selected >= 0 ? "solid" : "dot" },
                   layer: "below" });
      });
      return out;
    }

    // The page draws the lanes' backgrounds and the selected row in a layer under the plot
    // (shapes cost plotly.js as much as all the marks, on every update); an image, drawn by
    // plotly.js alone, gets them as shapes on an opaque background.
    function layoutFor(geo, range, width, t, forImage) {
      var base = JSON.parse(JSON.stringify(cfg.layout));
      base.width = width;
      base.height = geo.height + LANE_GAP + MARGIN.t + MARGIN.b;  // one y unit is one pixel
      base.margin = MARGIN;
      var clear = "rgba(0,0,0,0)";
      base.paper_bgcolor = forImage ? t.paper : clear; base.plot_bgcolor = forImage ? t.paper : clear;
      base.font = { family: FONT.replace(/^12px /, ""), size: 12, color: t.ink };
      base.xaxis.range = [iso(range[0]) , iso(range[1])];
      base.xaxis.gridcolor = t.grid;
      base.yaxis.range = [geo.height + LANE_GAP / 2, -LANE_GAP / 2];
      base.yaxis.tickvals = geo.lanes.map(function (b) { return (b.top + b.bottom) / 2; });
      base.yaxis.ticktext = geo.lanes.map(function (b) { return esc(clip(String(b.label), 16)); });
      base.shapes = forImage ? shapes(geo, t) : [];
      // plotly.js derives the modebar's colours from the (here clear) background
      base.modebar = { bgcolor: t.paper, color: t.muted, activecolor: t.ink };
      return base;
    }

    // --- the titles: plain text in a layer over the plot ------------------------------------
    // plotly.js draws a text trace as one SVG text element per point, parsed for tags and
    // styled anew on every update: the titles alone were about 40% of an update's time. The
    // rows are ours and one y unit is one pixel, so the titles are placed here, in pixels, in
    // a layer over the plot area that clicks pass through (to our own hit test). Images are
    // drawn by plotly.js alone, so they get the titles as a text trace instead.
    var labelBox = el("div", "plot-labels");
    labelBox.setAttribute("aria-hidden", "true");
    labelBox.style.left = MARGIN.l + "px";
    labelBox.style.top = MARGIN.t + "px";
    var labelRow = el("div", "plot-labels-row");
    labelBox.appendChild(labelRow);
    wrap.appendChild(labelBox);

    var laneBox = el("div", "plot-lanes");
    laneBox.setAttribute("aria-hidden", "true");
    laneBox.style.left = MARGIN.l + "px";
    laneBox.style.top = MARGIN.t + "px";
    wrap.insertBefore(laneBox, wrap.firstChild);
    var laneNodes = [];
    var chosenNode = el("div", "plot-chosen");
    chosenNode.hidden = true;
    laneBox.appendChild(chosenNode);

    function drawLanes(geo) {
      geo.lanes.forEach(function (b, k) {
        var node = laneNodes[k];
        if (!node) { node = laneNodes[k] = el("div", "plot-lane"); laneBox.insertBefore(node, chosenNode); }
        node.className = k % 2 ? "plot-lane" : "plot-lane shaded";
        node.style.cssText = "top:" + b.top + "px;height:" + (b.bottom - b.top + LANE_GAP) + "px";
        node.hidden = false;
      });
      for (var k = geo.lanes.length; k < laneNodes.length; k++) { laneNodes[k].hidden = true; }
      var chosen = state.selected >= 0 ? state.selected : state.focused;
      var row = null;
      geo.placed.forEach(function (it) { if (it.p.i === chosen && !row) { row = it; } });
      chosenNode.hidden = !row;
      if (row) {
        chosenNode.className = state.selected >= 0 ? "plot-chosen" : "plot-chosen focused";
        chosenNode.style.top = row.y - ROW / 2 + LANE_GAP / 2 + "px";
      }
      laneBox.style.width = state.plotWidth + "px";
      laneBox.style.height = geo.height + LANE_GAP + "px";
    }

    // Each title keeps its element from one update to the next, moved by a transform and
    // hidden by visibility: a title once laid out is not shaped and laid out again when a
    // filter or a zoom moves, hides or shows it. Past a few thousand, the hidden are dropped.
    var labelNodes = {};
    var labelCount = 0;
    function labelNode(key, cls, text, x, y) {
      var node = labelNodes[key];
      if (!node) {
        node = labelNodes[key] = el("span", cls, text);
        node.shown = true;
        labelRow.appendChild(node);
        labelCount += 1;
      } else {
        if (node.className !== cls) { node.className = cls; node.shown = true; }
        if (node.textContent !== text) { node.textContent = text; }
      }
      node.style.transform = "translate(" + x + "px," + y + "px)";
      node.drawn = true;
    }

    function drawLabels(geo) {
      if (labelCount > 4000) {
        Object.keys(labelNodes).forEach(function (key) {
          if (labelNodes[key].shown) { return; }
          labelNodes[key].remove();
          delete labelNodes[key];
          labelCount -= 1;
        });
      }
      Object.keys(labelNodes).forEach(function (key) { labelNodes[key].drawn = false; });
      geo.placed.forEach(function (it) {
        if (!it.labelled) { return; }
        var lab = it.label;
        var over = it.side === "over" ? " over" : "";
        var y = it.y + LANE_GAP / 2 - LABEL_LINE / 2;
        var x = it.side === "right" ? it.x1 + LABEL_GAP
          : over ? it.x0 + LABEL_GAP
          : it.x0 - LABEL_GAP - lab.gapWidth - lab.titleWidth;
        // in source lanes one event has a row in each of its sources' lanes
        var key = it.p.i + ":" + it.lane;
        labelNode("t" + key, "label" + over, lab.title, x, y);
        if (lab.gap) {
          labelNode("g" + key, "label dispute" + over, GAP_MARK + lab.gap, x + lab.titleWidth + GAP_SPACE, y);
        }
      });
      Object.keys(labelNodes).forEach(function (key) {
        var node = labelNodes[key];
        if (node.drawn !== node.shown) {
          node.shown = node.drawn;
          node.className = node.drawn ? node.className.replace(" gone", "") : node.className + " gone";
        }
      });
      labelBox.style.width = state.plotWidth + "px";
      labelBox.style.height = geo.height + LANE_GAP + "px";
      labelRow.style.transform = "";
    }

    // plotly.js's own "download as PNG" would draw the plot without the titles (they are not
    // its text): the button draws the same image as `chronology render --format png`.
    var plotConfig = {};
    Object.keys(cfg.plotly).forEach(function (key) { plotConfig[key] = cfg.plotly[key]; });
    plotConfig.modeBarButtonsToRemove = (cfg.plotly.modeBarButtonsToRemove || []).concat(["toImage"]);
    plotConfig.modeBarButtonsToAdd = [{
      name: "download-png", title: "Download the timeline as a PNG image",
      icon: Plotly && Plotly.Icons ? Plotly.Icons.camera : undefined,
      click: function () {
        self.image({ format: "png", width: Math.max(640, state.width), scale: 2 }).then(function (made) {
          var link = el("a");
          link.href = made.url;
          link.download = ((cfg.plotly.toImageButtonOptions || {}).filename || "timeline") + ".png";
          link.hidden = true;
          shell.appendChild(link);
          link.click();
          link.remove();
        });
      }
    }];

    function rowLimit() {
      if (cfg.height) { return Math.max(3, Math.floor((cfg.height - MARGIN.t - MARGIN.b) / ROW / Math.max(1, lanes.length))); }
      return cfg.maxRows || 40;
    }

    // What the last drawn plot was made from. A draw asked for again with the same inputs
    // (a zoom button's click and its caller, a resize to the same width) returns the painted
    // plot instead of rebuilding every trace and diffing it again; plotly's own relayout
    // (a drag or a double click) forgets it, since the axis it shows may no longer be ours.
    var last = { key: null, visible: null, theme: null, done: null };
    function sameVisible(a, b) {
      if (a === b) { return true; }
      if (!a || !b || a.length !== b.length) { return false; }
      for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return false; } }
      return true;
    }

    function draw() {
      if (!Plotly || narrow()) { return Promise.resolve(); }
      var width = Math.max(320, Math.floor(widths.wrap));
      var t = theme();
      var key = [state.range[0], state.range[1], width, state.selected, state.focused, rowLimit()].join(",");
      if (state.drawn && last.done && key === last.key && t === last.theme &&
          sameVisible(state.visible, last.visible)) {
        return last.done;
      }
      last.key = key; last.theme = t; last.visible = state.visible;
      state.width = width;
      state.plotWidth = width - MARGIN.l - MARGIN.r;
      var geo = pack(state.range, state.plotWidth, rowLimit());
      state.placed = geo.placed;
      var crowded = geo.placed.filter(function (it) { return it.overflow; }).length;
      var data = traces(geo, state.range, t, false);
      var layout = layoutFor(geo, state.range, width, t, false);
      var done = state.drawn
        ? Plotly.react(gd, data, layout, plotConfig)
        : Plotly.newPlot(gd, data, layout, plotConfig).then(function () {
            state.drawn = true;
            wirePlot();
          });
      // After plotly.js has drawn (and measured) synchronously: changed before, the titles
      // would be laid out again by each of its measurements.
      drawLabels(geo);
      drawLanes(geo);
      last.done = Promise.resolve(done).then(function () {
        // Written after the plot, so plotly.js's own measuring finds nothing else to lay out.
        if (state.focused < 0) {
          var note = crowded
            ? crowded + " events in this window have no room for a title (a thin line each):"
              + " zoom in or filter to read them."
            : "";
          if (focusLine.textContent !== note) { focusLine.textContent = note; }
        }
        copyPlotlyStyles();
        gd.setAttribute("data-ready", "1");
        gd.setAttribute("data-rows-height", String(geo.height));
      });
      return last.done;
    }
    this.draw = draw;

    var pending = false;
    function redraw() {
      if (pending) { return; }
      pending = true;
      requestAnimationFrame(function () { pending = false; draw(); });
    }
    this.redraw = redraw;

    function copyPlotlyStyles() {
      // plotly.js puts its own rules (modebar, hover boxes) in the document's head; a shadow
      // root does not see them, so it gets a copy.
      if (!inShadow) { return; }
      var text = "";
      document.querySelectorAll("style[id^='plotly.js-style']").forEach(function (style) {
        try {
          Array.prototype.forEach.call(style.sheet.cssRules, function (r) { text += r.cssText + "\n"; });
        } catch (e) { /* not readable */ }
      });
      var own = root.querySelector("style.plotly-copy");
      if (!own) { own = el("style", "plotly-copy"); root.appendChild(own); }
      if (own.textContent !== text) { own.textContent = text; }
    }

    // A click or tap on an event's marks or its title selects it: the rows are ours, so the
    // hit test is too (Plotly only reports clicks near a point's anchor).
    function hit(clientX, clientY) {
      var box = gd.querySelector(".nsewdrag");
      if (!box) { return -1; }
      var r = box.getBoundingClientRect();
      var x = clientX - r.left, y = clientY - r.top - LANE_GAP / 2;
      var best = -1;
      state.placed.forEach(function (it) {
        if (it.overflow || Math.abs(y - it.y) > ROW / 2) { return; }
        var lo = it.labelled ? it.start : it.x0, hi = it.labelled ? it.end : it.x1;
        if (x >= lo - 3 && x <= hi + 3) { best = it.p.i; }
      });
      return best;
    }
    var down = null;
    gd.addEventListener("pointerdown", function (e) { down = [e.clientX, e.clientY]; }, true);
    // The hover box: the whole title and every account's source and date in words, for the
    // event under the pointer (marks or title), from the same hit test.
    var tip = el("div", "tip");
    tip.hidden = true;
    tip.setAttribute("aria-hidden", "true");
    wrap.appendChild(tip);
    var tipFor = -1;
    gd.addEventListener("pointermove", function (e) {
      var i = hit(e.clientX, e.clientY);
      if (i < 0) { tip.hidden = true; tipFor = -1; gd.style.cursor = ""; return; }
      gd.style.cursor = "pointer";
      if (i !== tipFor) {
        tipFor = i;
        var ev = events[i];
        while (tip.firstChild) { tip.removeChild(tip.firstChild); }
        tip.appendChild(el("b", null, ev.t));
        ev.acc.forEach(function (a) {
          var line = el("span", "tip-line", sources[a.s].name + ": " + a.d);
          line.style.borderLeftColor = sources[a.s].colour;
          tip.appendChild(line);
        });
        ev.con.forEach(function (c) {
          tip.appendChild(el("span", "tip-conflict", (c.firm ? "Sources disagree: " : "Sources may disagree: ") + c.t + (c.gap ? ", " + c.gap : "")));
        });
        tip.appendChild(el("span", "tip-hint", "Click to read the accounts"));
      }
      var box = wrap.getBoundingClientRect();
      var x = e.clientX - box.left + 14, y = e.clientY - box.top + 14;
      tip.hidden = false;
      if (x + tip.offsetWidth > box.width) { x = Math.max(0, e.clientX - box.left - tip.offsetWidth - 14); }
      tip.style.left = x + "px";
      tip.style.top = y + "px";
    });
    gd.addEventListener("pointerleave", function () { tip.hidden = true; tipFor = -1; });
    gd.addEventListener("click", function (e) {
      if (down && Math.abs(e.clientX - down[0]) + Math.abs(e.clientY - down[1]) > 5) { return; }
      var i = hit(e.clientX, e.clientY);
      if (i >= 0) {
        state.returnTo = gd;
        gd.focus({ preventScroll: true });
        state.returnTo = gd;
        select(i, "click");
      }
    });

    function wirePlot() {
      // While the reader drags the plot, plotly.js moves its own layers; the titles follow.
      gd.on("plotly_relayouting", function (e) {
        var r0 = e["xaxis.range[0]"];
        if (r0 === undefined) { return; }
        var ms = Date.parse(String(r0).replace(" ", "T") + (String(r0).length <= 10 ? "T00:00:00Z" : "Z"));
        var dx = (state.range[0] - ms) / (state.range[1] - state.range[0]) * state.plotWidth;
        if (isFinite(dx)) { labelRow.style.transform = "translateX(" + dx + "px)"; }
      });
      gd.on("plotly_relayout", function (e) {
        last.key = null;
        if (e["xaxis.autorange"]) {
          state.range = full.slice();
        } else if (e["xaxis.range[0]"] !== undefined || e["xaxis.range"]) {
          var r = e["xaxis.range"] || [e["xaxis.range[0]"], e["xaxis.range[1]"]];
          state.range = [Date.parse(String(r[0]).replace(" ", "T") + (String(r[0]).length <= 10 ? "T00:00:00Z" : "Z")),
                         Date.parse(String(r[1]).replace(" ", "T") + (String(r[1]).length <= 10 ? "T00:00:00Z" : "Z"))];
        } else {
          return;
        }
        redraw();
      });
    }

    // --- filters ----------------------------------------------------------------------------
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
      var cats = checkedCategories();
      var shown = 0;
      var vis = new Array(events.length);
      prepared.forEach(function (p) {
        var ev = events[p.i];
        var ok = cats[ev.cat] === true && (!only || ev.con.length > 0) &&
          (!query || p.hay.indexOf(query) !== -1);
        vis[p.i] = ok;
        if (ok) { shown += 1; }
      });
      state.visible = shown === events.length ? null : vis;
      var drawn = draw();
      // Written after the plot is drawn, so that plotly.js's measurements do not lay them out.
      scheduleTable(vis);
      listFilter(vis);
      status.textContent = shown === events.length
        ? "Showing all " + shown + " events."
        : "Showing " + shown + " of " + events.length + " events.";
      return drawn;
    }
    this.apply = apply;

    // The table follows the filters after the plot is painted, a slice per frame, so a reader
    // never waits for thousands of rows below the fold to be shown or hidden.
    var tableJob = 0;
    function scheduleTable(vis) {
      var job = ++tableJob;
      bodies = bodies || shell.querySelectorAll("tbody[data-event]");
      var k = 0;
      function slice() {
        if (job !== tableJob) { return; }
        var stop = Math.min(bodies.length, k + 400);
        for (; k < stop; k++) {
          var body = bodies[k];
          var hide = !vis[Number(body.getAttribute("data-event"))];
          if (body.hidden !== hide) { body.hidden = hide; }
        }
        if (k < bodies.length) { setTimeout(slice, 0); }
      }
      requestAnimationFrame(function () { requestAnimationFrame(slice); });
    }

    // --- the phone list (built from the JSON block when the box is narrow) -----------------
    var list = shell.querySelector(".event-list");
    var listBuilt = false;
    // Widths come from the ResizeObserver, never read during a redraw: reading clientWidth
    // there would force a layout of the whole page (and its long table) on every update.
    var widths = { shell: shell.clientWidth, wrap: wrap.clientWidth };
    function narrow() { return widths.shell > 0 && widths.shell < NARROW; }
    function buildList() {
      if (listBuilt || !list) { return; }
      listBuilt = true;
      var fragment = document.createDocumentFragment();
      events.forEach(function (ev, i) {
        var li = el("li", "event-item" + (ev.con.length ? " has-conflict" : ""));
        li.setAttribute("data-event", String(i));
        var button = el("button", "event-button");
        button.type = "button";
        var words = [];
        ev.acc.forEach(function (a) { if (words.indexOf(a.d) === -1) { words.push(a.d); } });
        button.appendChild(el("span", "when", words.join(" / ")));
        button.appendChild(el("span", "what", ev.t));
        if (ev.con.length) { button.appendChild(el("span", "flag-badge", "Sources disagree: " + ev.con[0].t)); }
        button.addEventListener("click", function () { state.returnTo = button; select(i, "list"); });
        li.appendChild(button);
        fragment.appendChild(li);
      });
      list.appendChild(fragment);
      if (state.visible) { listFilter(state.visible); }
    }
    function listFilter(vis) {
      if (!listBuilt) { return; }
      Array.prototype.forEach.call(list.children, function (li, i) { li.hidden = !vis[i]; });
    }

    // --- selecting an event: the accounts panel ---------------------------------------------
    function fillPanel(i) {
      var ev = events[i];
      while (panel.firstChild) { panel.removeChild(panel.firstChild); }
      var close = el("button", "panel-close", "×");
      close.type = "button";
      close.setAttribute("aria-label", "Close the accounts");
      close.addEventListener("click", function () { unselect(true); });
      panel.appendChild(close);
      var heading = el("h3", "panel-title", ev.t);
      heading.tabIndex = -1;
      panel.appendChild(heading);
      panel.appendChild(el("p", "meta", ((view.labels || {})[ev.cat] || ev.cat) + " · " + ev.acc.length + (ev.acc.length === 1 ? " account" : " accounts")));
      ev.con.forEach(function (c) {
        var p = el("p", "panel-conflict");
        p.appendChild(el("strong", null, (c.firm ? "Sources disagree: " : "Sources may disagree: ")));
        p.appendChild(document.createTextNode(c.sides.map(function (s) {
          return s.d + " (" + s.names.join(", ") + ")";
        }).join(" vs ") + (c.gap ? ", " + c.gap : "") + "."));
        panel.appendChild(p);
      });
      var grid = el("div", "accounts");
      ev.acc.forEach(function (a) {
        var card = el("article", "account");
        var src = sources[a.s];
        card.style.borderTopColor = src.colour;
        var who = el("p", "who");
        // dir="auto" on everything a source wrote (its name, its quote) and on the
        // translation: Persian and Arabic read right to left inside the English page.
        var linked = Boolean(src.url && /^https?:\/\//.test(src.url));
        var name = el(linked ? "a" : "span", null, src.name);
        if (linked) {
          name.href = src.url;
          name.rel = "noopener";
          name.target = "_blank";
        }
        name.dir = "auto";
        who.appendChild(name);
        if (src.language) { who.appendChild(el("span", "language", " · in " + src.language)); }
        card.appendChild(who);
        card.appendChild(el("p", "when", a.d));
        var quote = el("blockquote", "quote", "“" + a.q + "”");
        quote.dir = "auto";
        if (src.lang) { quote.lang = src.lang; }
        card.appendChild(quote);
        if (a.tr) {
          var translation = el("p", "translation", "Translation: ");
          var words = el("span", null, a.tr);
          words.dir = "auto";
          translation.appendChild(words);
          card.appendChild(translation);
        }
        if (a.c) { card.appendChild(el("p", "cites", "Cites: " + a.c)); }
        grid.appendChild(card);
      });
      panel.appendChild(grid);
      return heading;
    }

    function inView(i) {
      var p = prepared[i];
      var lo = p.openLo ? p.hi : p.lo, hi = p.openHi ? p.lo : p.hi;
      return hi >= state.range[0] && lo <= state.range[1];
    }

    function select(i, how) {
      if (i < 0 || i >= events.length) { return false; }
      if (state.visible && !state.visible[i]) {
        // A deep link or a list item for a filtered-out event clears the filters first.
        search.value = ""; onlyConflicts.checked = false;
        controls.querySelectorAll("input[name=category]").forEach(function (b) { b.checked = true; });
        apply();
      }
      state.selected = i;
      if (!inView(i)) { state.range = full.slice(); }
      var heading = fillPanel(i);
      panel.hidden = false;
      shell.classList.add("has-selection");
      var before = state.returnTo || (root.activeElement || document.activeElement);
      state.returnTo = before;
      redraw();
      if (how !== "quiet") {
        var box = panel.getBoundingClientRect();
        if (box.top < 0 || box.bottom > window.innerHeight) {
          if (how === "link") { shell.querySelector(".stage").scrollIntoView({ block: "start" }); }
          box = panel.getBoundingClientRect();
          if (box.top < 0 || box.top > window.innerHeight - 120) { panel.scrollIntoView({ block: "nearest" }); }
        }
        heading.focus({ preventScroll: true });
      }
      var ev = events[i];
      if (!inFrame && how !== "quiet" && cfg.hash !== false) {
        try { history.replaceState(null, "", "#event-" + ev.id); } catch (e) { /* sandboxed */ }
      }
      host.setAttribute("data-selected", ev.id);
      host.dispatchEvent(new CustomEvent("chronology:select",
        { detail: { id: cfg.id, event: ev.id, title: ev.t }, bubbles: true, composed: true }));
      post({ chronology: { type: "select", id: cfg.id, event: ev.id, title: ev.t } });
      return true;
    }
    this.select = function (id, how) { return id in byId ? select(byId[id], how || "link") : false; };

    function unselect(returnFocus) {
      shell.classList.remove("has-selection");
      if (narrow()) { panel.hidden = true; }
      var back = state.returnTo;
      state.returnTo = null;
      state.selected = -1;
      redraw();
      if (returnFocus && back && back.focus) { back.focus(); }
    }

    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); unselect(true); }
    });

    // --- keyboard on the plot: arrows move, Enter selects ------------------------------------
    function orderInView() {
      return state.placed.filter(function (it) { return !it.overflow; })
        .sort(function (a, b) { return a.x0 - b.x0 || a.y - b.y; });
    }
    gd.addEventListener("keydown", function (e) {
      var order = orderInView();
      if (!order.length) { return; }
      var pos = -1;
      for (var k = 0; k < order.length; k++) { if (order[k].p.i === state.focused) { pos = k; break; } }
      if (e.key === "ArrowRight" || e.key === "ArrowDown") {
        pos = Math.min(order.length - 1, pos + 1);
      } else if (e.key === "ArrowLeft" || e.key === "ArrowUp") {
        pos = Math.max(0, pos - 1);
      } else if (e.key === "Home") {
        pos = 0;
      } else if (e.key === "End") {
        pos = order.length - 1;
      } else if (e.key === "Enter" || e.key === " ") {
        if (pos === -1) { pos = 0; }
        e.preventDefault();
        state.returnTo = gd;
        state.focused = order[pos].p.i;
        select(order[pos].p.i, "key");
        return;
      } else {
        return;
      }
      e.preventDefault();
      state.focused = order[pos].p.i;
      focusLine.textContent = events[state.focused].t + " — Enter shows the accounts.";
      redraw();
    });

    // --- messages to a parent frame -------------------------------------------------------
    function post(message) {
      if (inFrame) { window.parent.postMessage(message, "*"); }
    }

    function fromHash(first) {
      var match = EVENT_HASH.exec(window.location.hash);
      if (!match || !(match[1] in byId)) { return; }
      var claim = NS.claimed !== window.location.hash;
      NS.claimed = window.location.hash;
      select(byId[match[1]], claim || !first ? "link" : "quiet");
    }

    // --- wiring -------------------------------------------------------------------------------
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(apply, events.length > 2000 ? 120 : 30);
    });
    search.addEventListener("keydown", function (e) {
      if (e.key !== "Enter") { return; }
      e.preventDefault();
      clearTimeout(timer);
      apply();
      var vis = state.visible;
      for (var i = 0; i < events.length; i++) {
        if (!vis || vis[i]) { state.returnTo = search; select(i, "search"); return; }
      }
    });
    controls.addEventListener("change", function (e) { if (e.target !== search) { apply(); } });
    controls.addEventListener("submit", function (e) { e.preventDefault(); });
    controls.querySelectorAll("button[data-range]").forEach(function (button) {
      button.addEventListener("click", function () {
        var r = button.getAttribute("data-range");
        state.range = r === "all" ? full.slice() : r.split(",").map(day);
        draw();
      });
    });
    shell.querySelectorAll(".dis-item").forEach(function (item) {
      var link = item.querySelector("a");
      link.addEventListener("click", function (e) {
        e.preventDefault();
        state.returnTo = link;
        select(byId[item.getAttribute("data-event-id")], "list");
      });
    });
    controls.hidden = false;
    status.textContent = "Showing all " + events.length + " events.";

    function onResize(entries) {
      var changed = false;
      entries.forEach(function (entry) {
        var key = entry.target === shell ? "shell" : "wrap";
        var w = Math.floor(entry.contentRect.width);
        if (w !== widths[key]) { widths[key] = w; changed = true; }
      });
      if (!changed) { return; }
      if (narrow()) { buildList(); } else { redraw(); }
    }
    if (typeof ResizeObserver !== "undefined") {
      var observer = new ResizeObserver(onResize);
      observer.observe(shell);
      observer.observe(wrap);
    }
    if (window.matchMedia) {
      var dark = window.matchMedia("(prefers-color-scheme: dark)");
      if (dark.addEventListener) {
        dark.addEventListener("change", function () { themeCache = null; redraw(); });
      }
    }
    window.addEventListener("hashchange", function () { fromHash(false); });
    window.addEventListener("message", function (e) {
      var data = e.data && e.data.chronology;
      if (e.source === window.parent && data && data.type === "show" && !inShadow) {
        if (String(data.event) in byId) { select(byId[String(data.event)], data.focus === false ? "quiet" : "link"); }
      }
    });

    if (!Plotly) {
      gd.textContent = "The plotting library did not load; the table below lists every event.";
    }
    if (narrow()) { buildList(); }
    this.ready = draw().then(function () { fromHash(true); });

    if (inFrame) { reportHeight(cfg.id, post); }

    // --- a static image of what the reader sees first ------------------------------------
    this.image = function (options) {
      var width = options.width;
      var t = theme();
      var saved = { visible: state.visible, plotWidth: state.plotWidth };
      state.plotWidth = width - MARGIN.l - MARGIN.r;
      state.visible = null;
      var geo = pack(full, state.plotWidth, options.maxRows || 60);
      var data = traces(geo, full, t, true);
      var imageWidth = state.plotWidth;
      state.visible = saved.visible;
      state.plotWidth = saved.plotWidth;
      var layout = layoutFor(geo, full, width, t, true);
      var notes = [];
      events.forEach(function (ev) {
        if (!ev.con.length) { return; }
        // The firmest conflict stands for the event, as in the page's list.
        var c = ev.con.filter(function (k) { return k.firm; })[0] || ev.con[0];
        notes.push(ev.t + ": " + (c.firm ? "" : "possibly ") + c.sides.map(function (s) {
          return s.d + " (" + s.names.join(", ") + ")";
        }).join(" vs ") + (c.gap ? ", " + c.gap : "") +
          (ev.con.length > 1 ? " (+" + (ev.con.length - 1) + " more)" : ""));
      });
      var perLine = Math.floor(width / 6.6);
      var lines = notes.slice(0, 16).map(function (n) { return esc(clip(n, perLine)); });
      if (notes.length > 16) { lines.push(esc("and " + (notes.length - 16) + " more")); }
      var head = 64 + (lines.length ? 22 + lines.length * 17 : 0) + 30;
      layout.margin = { l: MARGIN.l, r: MARGIN.r, t: head, b: 46 };
      layout.height = geo.height + head + 46;
      layout.modebar = undefined;
      layout.annotations = [
        { xref: "paper", yref: "paper", x: -MARGIN.l / imageWidth, y: 1, yshift: head - 10,
          xanchor: "left", yanchor: "top", showarrow: false, align: "left",
          text: "<b>" + cfg.headingText + "</b>", font: { size: 22, color: t.ink } },
        { xref: "paper", yref: "paper", x: -MARGIN.l / imageWidth, y: 1, yshift: head - 42,
          xanchor: "left", yanchor: "top", showarrow: false, align: "left",
          text: esc(cfg.summaryText), font: { size: 13, color: t.muted } }
      ];
      if (lines.length) {
        layout.annotations.push({
          xref: "paper", yref: "paper", x: -MARGIN.l / imageWidth, y: 1, yshift: head - 66,
          xanchor: "left", yanchor: "top", showarrow: false, align: "left",
          text: "<b>Where sources disagree</b><br>" + lines.join("<br>"),
          font: { size: 12, color: t.conflictText }
        });
      }
      layout.annotations.push({
        xref: "paper", yref: "paper", x: -MARGIN.l / imageWidth, y: 0, yshift: -22,
        xanchor: "left", yanchor: "top", showarrow: false, align: "left",
        text: esc(cfg.sourceLine), font: { size: 11, color: t.muted }
      });
      return Plotly.toImage({ data: data, layout: layout, config: { staticPlot: true } }, {
        format: options.format, width: width, height: layout.height, scale: options.scale || 1
      }).then(function (url) { return { url: url, height: layout.height }; });
    };
  }

  function reportHeight(frameId, post) {
    // Report the content height the way Datawrapper and Pym.js embeds do, so the host's script
    // (ours, Datawrapper's or Pym's) sizes the iframe to it.
    var query = new URLSearchParams(window.location.search);
    var pymId = query.get("childId") || frameId;
    var last = 0;
    function report() {
      var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === last) { return; }
      last = height;
      var sizes = {};
      sizes[frameId] = height;
      post({ "datawrapper-height": sizes });
      post("pymxPYMx" + pymId + "xPYMxheightxPYMx" + height);
      post({ sentinel: "amp", type: "embed-size", height: height });
    }
    var timer = null;
    function soon() { clearTimeout(timer); timer = setTimeout(report, 60); }
    new ResizeObserver(soon).observe(document.documentElement);
    new MutationObserver(soon).observe(document.body,
      { childList: true, subtree: true, attributes: true, characterData: true });
    window.addEventListener("load", soon);
    report();
    post({ chronology: { type: "ready", id: frameId } });
  }

  NS.mount = mount;
})();
