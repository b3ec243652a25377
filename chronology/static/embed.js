/* chronology embed (MIT License, the chronology authors): deep links, the selected-event
 * panel, the phone list, and talking to a parent frame.
 *
 * Defines one global, window.Chronology, shared by every timeline on the page (several
 * fragments may each carry this script; the first one wins). Chronology.scope(prefix) gives
 * timeline.js a view of the document in which its ids are the fragment's prefixed ids, so the
 * same drawing code serves a page and any number of fragments. Nothing here inserts HTML:
 * the selected-event panel is built from clones of the table's own (escaped) rows.
 */
(function () {
  "use strict";
  if (window.Chronology && window.Chronology.mount) { return; }
  var EVENT_HASH = /^#event-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

  function scope(prefix) {
    function rewrite(selector) {
      return selector.replace(/#(?=[A-Za-z_-])/g, "#" + prefix);
    }
    var own = {
      getElementById: function (id) { return document.getElementById(prefix + id); },
      querySelector: function (s) { return document.querySelector(rewrite(s)); },
      querySelectorAll: function (s) { return document.querySelectorAll(rewrite(s)); }
    };
    return new Proxy(document, {
      get: function (target, key) {
        if (Object.prototype.hasOwnProperty.call(own, key)) { return own[key]; }
        var value = target[key];
        return typeof value === "function" ? value.bind(target) : value;
      }
    });
  }

  function addDays(iso, days) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function mount(options) {
    var prefix = options.prefix || "";
    var root = options.root ? document.getElementById(options.root) : document.body;
    var config = JSON.parse(document.getElementById(prefix + "chronology-config").textContent);
    var embed = config.embed || {};
    var frameId = embed.id || "chronology";
    var gd = document.getElementById(prefix + config.div);
    var panel = document.getElementById(prefix + "selected-event");
    var inFrame = !options.root && window.parent !== window;
    var events = {};
    var byIndex = {};
    root.querySelectorAll(".event-item[data-event-id]").forEach(function (item) {
      var id = item.getAttribute("data-event-id");
      var index = item.getAttribute("data-event");
      var ev = {
        id: id, index: index, item: item,
        title: item.querySelector(".what").textContent,
        earliest: item.getAttribute("data-earliest"),
        latest: item.getAttribute("data-latest"),
        body: document.getElementById(prefix + "event-" + id)
      };
      events[id] = ev;
      byIndex[index] = ev;
      if (ev.body) {
        // The list follows the table's filters (search, conflicts, categories).
        new MutationObserver(function () { item.hidden = ev.body.hidden; })
          .observe(ev.body, { attributes: true, attributeFilter: ["hidden"] });
      }
    });

    function whenReady(fn) {
      if (!gd || typeof Plotly === "undefined") { return; }
      if (gd.getAttribute("data-ready") === "1") { fn(); return; }
      var watch = new MutationObserver(function () {
        if (gd.getAttribute("data-ready") === "1") { watch.disconnect(); fn(); }
      });
      watch.observe(gd, { attributes: true, attributeFilter: ["data-ready"] });
    }

    function post(message) {
      if (inFrame) { window.parent.postMessage(message, "*"); }
    }

    function zoomTo(ev) {
      var lo = ev.earliest || config.range[0];  // an open end has no day
      var hi = ev.latest || config.range[1];
      var span = (Date.parse(hi) - Date.parse(lo)) / 864e5;
      var pad = Math.max(365, Math.round(span * 0.25));
      whenReady(function () {
        Plotly.relayout(gd, { "xaxis.range": [addDays(lo, -pad), addDays(hi, pad)] });
      });
    }

    function showPanel(ev) {
      if (!panel) { return null; }
      while (panel.firstChild) { panel.removeChild(panel.firstChild); }
      var heading = document.createElement("h3");
      heading.tabIndex = -1;
      heading.textContent = ev.title;
      panel.appendChild(heading);
      if (ev.body) {
        var table = document.createElement("table");
        var head = document.getElementById(prefix + "events-table").querySelector("thead");
        if (head) { table.appendChild(head.cloneNode(true)); }
        var body = ev.body.cloneNode(true);
        body.removeAttribute("id");
        body.hidden = false;
        body.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
        table.appendChild(body);
        panel.appendChild(table);
      }
      panel.hidden = false;
      return heading;
    }

    function select(id, how) {
      var ev = events[id];
      if (!ev) { return false; }
      root.querySelectorAll(".is-selected").forEach(function (n) {
        n.classList.remove("is-selected");
      });
      ev.item.classList.add("is-selected");
      if (ev.body) { ev.body.classList.add("is-selected"); }
      ev.item.querySelector("details").open = true;
      var heading = showPanel(ev);
      if (how !== "click") { zoomTo(ev); }
      if (how === "link") {
        if (ev.item.offsetParent !== null) {
          ev.item.scrollIntoView({ block: "start" });
          ev.item.querySelector("summary").focus({ preventScroll: true });
        } else if (heading) {
          heading.focus();
        }
      }
      if (how === "click" && !inFrame) {
        history.replaceState(null, "", "#event-" + id);
      }
      var detail = { id: frameId, event: id, title: ev.title };
      root.setAttribute("data-selected", id);
      root.dispatchEvent(new CustomEvent("chronology:select", { detail: detail, bubbles: true }));
      post({ chronology: { type: "select", id: frameId, event: id, title: ev.title } });
      return true;
    }

    function fromHash() {
      // Every timeline on the page opens the linked event; only the first one takes the
      // focus (and scrolls the page to it).
      var match = EVENT_HASH.exec(window.location.hash);
      if (!match || !events[match[1]]) { return; }
      var first = window.Chronology.claimed !== window.location.hash;
      window.Chronology.claimed = window.location.hash;
      select(match[1], first ? "link" : "quiet");
    }

    whenReady(function () {
      if (embed.dark && window.matchMedia &&
          window.matchMedia("(prefers-color-scheme: dark)").matches) {
        Plotly.relayout(gd, embed.dark);
      }
      gd.on("plotly_click", function (data) {
        var point = data.points && data.points[0];
        var custom = point && point.customdata;
        var ev = custom && byIndex[custom[0]];
        if (ev) { select(ev.id, "click"); }
      });
    });
    window.addEventListener("hashchange", fromHash);
    window.addEventListener("message", function (e) {
      var data = e.data && e.data.chronology;
      if (e.source === window.parent && data && data.type === "show") {
        select(String(data.event), data.focus === false ? "quiet" : "link");
      }
    });
    fromHash();

    if (inFrame) {
      // Report the content height the way Datawrapper and Pym.js embeds do, so the host's
      // script (ours, Datawrapper's or Pym's) sizes the iframe to it.
      var query = new URLSearchParams(window.location.search);
      var pymId = query.get("childId") || frameId;
      var last = 0;
      var report = function () {
        var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
        if (height === last) { return; }
        last = height;
        var sizes = {};
        sizes[frameId] = height;
        post({ "datawrapper-height": sizes });
        post("pymxPYMx" + pymId + "xPYMxheightxPYMx" + height);
        post({ sentinel: "amp", type: "embed-size", height: height });  // AMP's amp-iframe
      };
      // Browsers stop rendering work (ResizeObserver, requestAnimationFrame) in an iframe
      // that is off screen, so DOM changes and timers trigger a report as well.
      var timer = null;
      var soon = function () { clearTimeout(timer); timer = setTimeout(report, 60); };
      new ResizeObserver(soon).observe(document.documentElement);
      new MutationObserver(soon).observe(document.body,
        { childList: true, subtree: true, attributes: true, characterData: true });
      window.addEventListener("load", soon);
      window.addEventListener("resize", soon);
      report();
      post({ chronology: { type: "ready", id: frameId } });
    }
    return { select: select };
  }

  var ns = window.Chronology = window.Chronology || {};
  ns.scope = scope;
  ns.mount = mount;
})();
