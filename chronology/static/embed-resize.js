/* chronology embed-resize.js (MIT License, the chronology authors).
 * Sizes every iframe[data-chronology] to its content height. The embedded page reports its
 * height as Datawrapper ({"datawrapper-height": {id: px}}) and Pym.js
 * ("pymxPYMx<id>xPYMxheightxPYMx<px>") embeds do; only messages from our own iframes count.
 * With data-chronology-sync, the host page's URL follows the selected event (#event-<id>),
 * and an #event-<id> in the host's URL is passed on to the timeline (which takes the focus
 * unless a timeline pasted into the page already did). */
(function () {
  "use strict";
  var ns = window.Chronology = window.Chronology || {};
  if (ns.resizer) { return; }
  ns.resizer = true;
  var EVENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  function frameOf(source) {
    var frames = document.querySelectorAll("iframe[data-chronology]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) { return frames[i]; }
    }
    return null;
  }

  function show(frame) {
    var match = /^#event-(.+)$/.exec(window.location.hash);
    if (match && EVENT.test(match[1]) && frame.contentWindow) {
      // A timeline pasted into the page that already shows the event keeps the focus.
      var shown = document.querySelector(".chronology-embed[data-selected='" + match[1] + "']");
      frame.contentWindow.postMessage(
        { chronology: { type: "show", event: match[1], focus: !shown } }, "*");
    }
  }

  window.addEventListener("message", function (e) {
    var frame = frameOf(e.source);
    var data = e.data;
    if (!frame || !data) { return; }
    var height = null;
    if (typeof data === "string" && data.indexOf("pymxPYMx") === 0) {
      var parts = data.split("xPYMx");
      if (parts[2] === "height") { height = Number(parts[3]); }
    } else if (typeof data === "object" && data["datawrapper-height"]) {
      var sizes = data["datawrapper-height"];
      for (var key in sizes) {
        if (Object.prototype.hasOwnProperty.call(sizes, key)) { height = Number(sizes[key]); }
      }
    } else if (typeof data === "object" && data.chronology) {
      var message = data.chronology;
      if (message.type === "ready") { show(frame); }
      if (message.type === "select" && EVENT.test(String(message.event)) &&
          frame.hasAttribute("data-chronology-sync")) {
        window.history.replaceState(null, "", "#event-" + message.event);
      }
    }
    if (height !== null && isFinite(height) && height > 0 && height < 100000) {
      frame.style.height = Math.ceil(height) + "px";
    }
  });
  window.addEventListener("hashchange", function () {
    document.querySelectorAll("iframe[data-chronology]").forEach(show);
  });
})();
