// Keep the timeline's zoom across Streamlit reruns.
//
// Streamlit replaces a Plotly chart's figure whenever the server sends a changed one (a
// click rings the event, a lane switch redraws the lanes), which resets the x range. This
// script remembers the range the user zoomed to, per set of events shown (the figure's
// layout.uirevision), and puts it back after each redraw. A double-click resets the
// range as Plotly does, and that reset is remembered too. Fixed text: no dataset content.
(() => {
  if (window.__timelineKeepZoom) return;
  window.__timelineKeepZoom = true;
  let saved = null; // {rev, range} or {rev, autorange: true}

  const isTimeline = (gd) => gd.layout && gd.layout.meta === "timeline";

  function remember(gd, ev) {
    const rev = gd.layout.uirevision;
    if (ev["xaxis.range[0]"] !== undefined) {
      saved = { rev, range: [ev["xaxis.range[0]"], ev["xaxis.range[1]"]] };
    } else if (ev["xaxis.range"]) {
      saved = { rev, range: ev["xaxis.range"].slice() };
    } else if (ev["xaxis.autorange"]) {
      saved = { rev, autorange: true };
    }
  }

  function restore(gd) {
    if (!saved || !isTimeline(gd) || gd.layout.uirevision !== saved.rev) return;
    const now = gd._fullLayout.xaxis;
    if (saved.autorange) {
      if (!now.autorange) window.Plotly.relayout(gd, { "xaxis.autorange": true });
      return;
    }
    const same = String(now.range[0]) === String(saved.range[0]) &&
      String(now.range[1]) === String(saved.range[1]);
    if (!same) window.Plotly.relayout(gd, { "xaxis.range": saved.range.slice() });
  }

  function hook() {
    document.querySelectorAll(".js-plotly-plot").forEach((gd) => {
      if (gd.__keepZoom || typeof gd.on !== "function" || !isTimeline(gd)) return;
      gd.__keepZoom = true;
      gd.on("plotly_relayout", (ev) => remember(gd, ev));
      gd.on("plotly_afterplot", () => restore(gd));
      restore(gd);
    });
  }
  setInterval(hook, 300);
})();
