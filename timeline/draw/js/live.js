// The live timeline on the page: a Streamlit component (st.components.v2) that draws the
// view description with Plotly.js and keeps it readable while the user explores it.
//
// Zoom, pan, "show all", hover, resize, the event sheet and the keyboard all happen here,
// without a server round trip: every change of range re-packs the labels for the range on
// screen with the one packer (TimelineDraw, prepended to this file). Python is told only
// what it must know: the selected event and the events under a clicked "+N" badge.
// A relayout caused by this code is told apart from the user's (``own``), so a reset can
// never start a loop. Dataset text is written with textContent, never parsed as HTML.

// No mode bar (it drew over the date axis): the bar above the chart has its buttons.
const CONFIG = { displaylogo: false, displayModeBar: false, scrollZoom: false, doubleClick: false, responsive: false };
const SHEET_PX = 380;
const MAX_WIDTHS = 200000; // texts whose width is kept; past it, the store starts again

// Our own Plotly.js, kept apart from the one Streamlit bundles for st.plotly_chart (both
// set window.Plotly as they load; two builds must never touch each other's charts).
function loadPlotly(url) {
  if (!window.__timelinePlotly) {
    window.__timelinePlotly = new Promise((resolve, reject) => {
      const before = window.Plotly;
      const script = document.createElement("script");
      script.src = new URL(url, document.baseURI).href;
      script.onload = () => {
        const ours = window.Plotly;
        if (before) window.Plotly = before;
        resolve(ours);
      };
      script.onerror = () => reject(new Error("Plotly.js could not be loaded from " + url));
      document.head.appendChild(script);
    });
  }
  return window.__timelinePlotly;
}

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) node.textContent = text;
  return node;
}

// Text with its web links as links ([[text, url or ""], …], made in Python): never markup.
function linked(tag, parts, cls) {
  const node = el(tag, cls ? { class: cls } : {});
  parts.forEach(([text, url]) => {
    if (url && /^https?:\/\//i.test(url)) node.append(el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text));
    else node.append(document.createTextNode(text));
  });
  return node;
}

function dayText(ms) {
  return new Date(ms).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

function toMs(value) {
  if (typeof value === "number") return value;
  const text = String(value).trim().replace(" ", "T");
  return Date.parse(/T/.test(text) ? text + "Z" : text + "T00:00:00Z");
}

function sameRange(a, b) {
  return a && b && Math.abs(a[0] - b[0]) < 1000 && Math.abs(a[1] - b[1]) < 1000;
}

class LiveTimeline {
  constructor(root, component) {
    this.root = root;
    this.component = component;
    this.own = 0; // relayouts this code caused and has not yet seen back
    this.build();
  }

  build() {
    const r = this.root;
    r.classList.add("tl-root");
    this.bar = el("div", { class: "tl-bar" });
    this.first = el("button", { type: "button", class: "tl-button" }, "First view");
    this.every = el("button", { type: "button", class: "tl-button" }, "Every event");
    const label = el("label", { class: "tl-toggle" });
    this.compressBox = el("input", { type: "checkbox" });
    label.append(this.compressBox, document.createTextNode(" Compress empty stretches"));
    this.where = el("span", { class: "tl-where", "aria-hidden": "true" });
    this.zoomIn = el("button", { type: "button", class: "tl-button", "aria-label": "Zoom in" }, "+");
    this.zoomOut = el("button", { type: "button", class: "tl-button", "aria-label": "Zoom out" }, "−");
    this.bar.append(this.first, this.every, this.zoomIn, this.zoomOut, label, this.where);
    this.body = el("div", { class: "tl-body" });
    this.chart = el("div", { class: "tl-chart", tabindex: "0", role: "application" });
    this.sheet = el("aside", { class: "tl-sheet", role: "dialog", "aria-label": "Event details" });
    this.sheet.hidden = true;
    this.body.append(this.chart, this.sheet);
    this.live = el("div", { class: "tl-live", "aria-live": "polite" });
    this.help = el("div", { class: "tl-live", id: "tl-help" },
      "Arrow keys move between events in date order; Enter opens the selected event; Escape " +
      "closes it; Home goes back to the first view. The list below the chart has every event as text.");
    r.append(this.bar, this.body, this.live, this.help);
    this.first.onclick = () => this.show(this.spec.window || this.spec.all);
    this.every.onclick = () => this.show(this.spec.all);
    this.zoomIn.onclick = () => this.zoom(0.5);
    this.zoomOut.onclick = () => this.zoom(2);
    this.compressBox.onchange = () => { this.chosen = this.compressBox.checked; this.draw(); };
    this.chart.addEventListener("keydown", (e) => this.key(e));
    // Escape closes the sheet wherever the focus is (a click on the chart does not move it).
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !this.sheet.hidden && this.root.isConnected && e.target !== this.chart) this.closeSheet(true);
    });
    // Plotly's drag layer swallows the browser's dblclick: two presses in 400 ms are one.
    this.chart.addEventListener("mousedown", (e) => this.press(e), true);
    new ResizeObserver(() => this.resized()).observe(this.body);
  }

  update(data) {
    const fresh = !this.spec || this.spec.revision !== data.spec.revision || this.url !== data.plotly
      || this.spec.lanes.length !== data.spec.lanes.length || this.lanesKey !== data.lanesKey;
    this.url = data.plotly;
    this.lanesKey = data.lanesKey;
    if (fresh) this.load(data);
    if (data.selected !== this.told) { this.told = data.selected; this.select(data.selected, !!data.selected, false); }
  }

  load(data) {
    this.spec = data.spec;
    this.order = this.spec.events.id.map((_, i) => i);
    this.index = Object.fromEntries(this.spec.events.id.map((id, i) => [id, i]));
    // The same events (only the lanes changed): the user's zoom stays.
    if (!this.range || this.revision !== this.spec.revision) this.range = (this.spec.window || this.spec.all).slice();
    this.revision = this.spec.revision;
    this.chosen = data.compress; // null: automatic (on where it gives the bursts most of the width)
    this.selected = data.selected || null;
    this.chart.setAttribute("aria-label", data.name);
    this.chart.setAttribute("aria-describedby", "tl-help");
    this.ready = loadPlotly(this.url).then((Plotly) => { this.Plotly = Plotly; this.draw(true); });
  }

  // Text widths from a canvas, each text measured once (a zoom asks again for most of the
  // titles and their cuts: measuring was a fifth of a zoom's time at 1,000 events).
  measure() {
    if (!this.canvas) this.canvas = document.createElement("canvas").getContext("2d");
    const ctx = this.canvas, font = "13px " + this.spec.font.family;
    if (this.widthsFont !== font || this.widths.size > MAX_WIDTHS) {
      this.widths = new Map();
      this.widthsFont = font;
    }
    const widths = this.widths;
    return (text) => {
      let width = widths.get(text);
      if (width === undefined) {
        ctx.font = font;
        width = ctx.measureText(text).width + 2;
        widths.set(text, width);
      }
      return width;
    };
  }

  // Empty stretches drawn as breaks: as the user chose, else where they would take more
  // than half of the range (TimelineDraw.autoBreaks, as every export decides).
  breaks() {
    const found = TimelineDraw.findBreaks(this.spec, this.range, 0.08);
    const auto = this.chosen === null || this.chosen === undefined;
    const on = auto ? TimelineDraw.autoBreaks(this.spec, this.range).length > 0 : this.chosen;
    this.compressBox.checked = on && found.length > 0;
    this.compressBox.disabled = found.length === 0;
    return on ? found : [];
  }

  // Rows the chart may take in all: the lanes grow into the first screen, not past it.
  rowBudget() {
    const top = this.chart.getBoundingClientRect().top + window.scrollY;
    const room = window.innerHeight - top - 110; // the date axis above, the legend below
    return Math.max(this.spec.lanes.length, Math.floor(room / TimelineDraw.ROW_PX));
  }

  draw(first) {
    if (!this.Plotly) return;
    const width = Math.max(this.chart.clientWidth, 320);
    const figure = TimelineDraw.figure(this.spec, {
      width: width, range: this.range, breaks: this.breaks(), measure: this.measure(),
      maxRows: 12, rowBudget: this.rowBudget(), selected: this.selected,
    });
    this.packed = figure.packed;
    this.drawnWidth = width;
    figure.layout.width = width;
    this.own += 1;
    const done = this.Plotly.react(this.chart, figure.data, figure.layout, CONFIG);
    return done.then(() => {
      this.own = Math.max(0, this.own - 1);
      if (first) this.hook();
      this.where.textContent = dayText(this.range[0]) + " – " + dayText(this.range[1]);
      this.chart.dataset.range = this.range.join(",");
      this.chart.dataset.draws = String((Number(this.chart.dataset.draws) || 0) + 1);
    });
  }

  hook() {
    if (this.hooked === this.chart) return;
    this.hooked = this.chart;
    this.chart.on("plotly_relayout", (ev) => this.relayout(ev));
    this.chart.on("plotly_click", (ev) => this.clicked(ev));
  }

  // A range the user set (drag, pan, the mode bar): re-pack for it. A reset to Plotly's
  // autorange becomes the first view; the code's own relayouts are ignored.
  relayout(ev) {
    if (this.own > 0) return;
    let range = null;
    if (ev["xaxis.range[0]"] !== undefined) range = [ev["xaxis.range[0]"], ev["xaxis.range[1]"]];
    else if (ev["xaxis.range"]) range = ev["xaxis.range"];
    if (range) this.show(range.map(toMs));
    else if (ev["xaxis.autorange"]) this.show(this.spec.window || this.spec.all);
  }

  show(range) {
    if (!range || !(range[1] > range[0])) return;
    if (sameRange(range, this.range) && this.Plotly) return this.draw();
    this.range = range.slice();
    return this.draw();
  }

  zoom(factor) {
    const mid = (this.range[0] + this.range[1]) / 2, half = (this.range[1] - this.range[0]) * factor / 2;
    return this.show([mid - half, mid + half]);
  }

  press(e) {
    const now = performance.now(), last = this.lastPress;
    this.lastPress = { t: now, x: e.clientX, y: e.clientY };
    if (last && now - last.t < 400 && Math.abs(e.clientX - last.x) < 6 && Math.abs(e.clientY - last.y) < 6) {
      this.lastPress = null;
      this.reset();
    }
  }

  // Double-click: back to the first view; from the first view, every event.
  reset() {
    const firstView = this.spec.window || this.spec.all;
    this.show(sameRange(this.range, firstView) ? this.spec.all : firstView);
  }

  // A new width: drawn again once it settles, unless the chart already has it.
  resized() {
    clearTimeout(this.resizing);
    this.resizing = setTimeout(() => {
      if (this.drawnWidth !== Math.max(this.chart.clientWidth, 320)) this.draw();
    }, 120);
  }

  clicked(ev) {
    const point = ev.points && ev.points[0];
    const id = point && point.customdata;
    if (typeof id !== "string") return;
    if (id.startsWith("group:")) { this.group(id.slice(6).split(" ")); return; }
    this.select(id, true, true);
  }

  select(id, open, tell) {
    this.selected = id && id in this.index ? id : null;
    if (this.selected) this.reveal(this.index[this.selected]);
    if (open && this.selected) this.openSheet(this.index[this.selected]);
    else if (!this.selected) this.closeSheet(false);
    if (tell) { this.told = this.selected; this.component.setStateValue("selected", this.selected); }
    return this.soon();
  }

  // The ring is drawn in the next frame: the sheet is painted first, at once.
  soon() {
    if (!this.pending) {
      this.pending = new Promise((resolve) => requestAnimationFrame(() => {
        this.pending = null;
        resolve(this.draw());
      }));
    }
    return this.pending;
  }

  // The selected event's date is brought into view if it lies outside the range.
  reveal(ev) {
    const m = this.spec.events.middle[ev];
    if (m >= this.range[0] && m <= this.range[1]) return;
    const half = (this.range[1] - this.range[0]) / 2;
    this.range = [m - half, m + half];
  }

  group(ids) {
    this.component.setStateValue("group", ids);
    this.sheet.replaceChildren(this.closer(), el("h3", {}, ids.length + " events here"));
    const list = el("ul", { class: "tl-group" });
    ids.forEach((id) => {
      const i = this.index[id];
      if (i === undefined) return;
      const item = el("li"), button = el("button", { type: "button", class: "tl-link" },
        this.spec.events.label[i] + ": " + this.spec.events.title[i]);
      button.onclick = () => this.select(id, true, true);
      item.append(button);
      list.append(item);
    });
    this.sheet.append(list);
    this.showSheet();
  }

  closer() {
    const close = el("button", { type: "button", class: "tl-close", "aria-label": "Close the event details" }, "×");
    close.onclick = () => { this.closeSheet(true); };
    return close;
  }

  openSheet(ev) {
    const E = this.spec.events, detail = this.spec.details[ev];
    const nav = el("div", { class: "tl-nav" });
    const back = el("button", { type: "button", class: "tl-button" }, "← Earlier");
    const forward = el("button", { type: "button", class: "tl-button" }, "Later →");
    back.disabled = ev === 0; forward.disabled = ev === E.id.length - 1;
    back.onclick = () => this.step(-1, true); forward.onclick = () => this.step(1, true);
    nav.append(back, el("span", {}, (ev + 1) + " of " + E.id.length), forward);
    const heading = el("h3", { id: "tl-sheet-title" }, E.title[ev]);
    const status = el("span", { class: "tl-status", style: "color:" + this.spec.styles[E.status[ev]].ink },
      this.spec.styles[E.status[ev]].mark + " " + E.status[ev]);
    this.sheet.replaceChildren(this.closer(), heading, status, nav);
    detail.lines.forEach(([k, v]) => {
      const p = el("p"); p.append(el("b", {}, k + ": "), document.createTextNode(v)); this.sheet.append(p);
    });
    if (detail.quote.length) { const q = el("blockquote"); q.append(linked("p", detail.quote)); this.sheet.append(q); }
    if (detail.notes.length) this.sheet.append(linked("p", detail.notes, "tl-notes"));
    detail.links.forEach(([text, url]) => {
      const a = el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text);
      const p = el("p"); p.append(a); this.sheet.append(p);
    });
    this.sheet.setAttribute("aria-labelledby", "tl-sheet-title");
    this.showSheet();
  }

  showSheet() {
    const wasHidden = this.sheet.hidden;
    this.sheet.hidden = false;
    this.body.classList.add("tl-open");
    if (wasHidden) this.soon();
  }

  closeSheet(tell) {
    if (this.sheet.hidden) return;
    this.sheet.hidden = true;
    this.body.classList.remove("tl-open");
    if (tell) { this.selected = null; this.told = null; this.component.setStateValue("selected", null); this.chart.focus(); }
    this.draw();
  }

  step(by, open) {
    const E = this.spec.events, n = E.id.length;
    const at = this.selected ? this.index[this.selected] : (by > 0 ? -1 : n);
    const next = Math.max(0, Math.min(n - 1, at + by));
    this.live.textContent = E.label[next] + ": " + E.title[next] + " (" + (next + 1) + " of " + n + ")";
    return this.select(E.id[next], open || !this.sheet.hidden, open || !this.sheet.hidden);
  }

  key(e) {
    if (e.key === "ArrowRight" || e.key === "ArrowDown") { e.preventDefault(); this.step(1, false); }
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") { e.preventDefault(); this.step(-1, false); }
    else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      if (this.selected) this.select(this.selected, true, true);
    } else if (e.key === "Escape") { this.closeSheet(true); }
    else if (e.key === "Home") { e.preventDefault(); this.show(this.spec.window || this.spec.all); }
  }
}

// A plain figure (the estimates, the density view) drawn by the same Plotly.js, so the page
// never loads Streamlit's second copy of it.
function plainFigure(component) {
  const { data, parentElement } = component;
  let root = parentElement.querySelector(".tl-figure");
  if (!root) { root = el("div", { class: "tl-figure" }); parentElement.append(root); }
  return loadPlotly(data.plotly).then((Plotly) =>
    Plotly.react(root, data.figure.data, data.figure.layout, data.config));
}

export default function mount(component) {
  const { data, parentElement } = component;
  if (data && data.figure) return plainFigure(component);
  let root = parentElement.querySelector(".tl-root");
  if (!root) { root = el("div"); parentElement.append(root); }
  if (!root.__timeline) root.__timeline = new LiveTimeline(root, component);
  root.__timeline.component = component;
  root.__timeline.update(data);
  window.__timeline = root.__timeline; // for the browser tests and the benchmark
  window.TimelineDraw = TimelineDraw;
}
