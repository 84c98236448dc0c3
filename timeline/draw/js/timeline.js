// The timeline's one packer and one renderer: a view description (built in Python by
// timeline/draw/spec.py) and a visible x range in, a Plotly figure ({data, layout}) out.
//
// The same code runs in the page (timeline/draw/js/live.js, at every zoom, pan and resize)
// and in Python for every picture that leaves the app (timeline/draw/engine.py runs it in
// V8), so a label is placed by one set of rules everywhere. Pure functions, no DOM: text
// widths come from the `measure` given (the page measures with a canvas; elsewhere a
// generous per-character estimate). Fixed code: no dataset text is ever evaluated.
var TimelineDraw = (function () {
  "use strict";
  var LABEL_FONT = 13; // px, the labels written on the chart
  var CHAR_PX = 0.56 * LABEL_FONT; // a generous average advance of sans-serif text
  var ROW_PX = 20; // one label row
  var LANE_PAD = 5; // above and below the rows of a lane
  var MAX_ROWS = 4; // label rows of a lane unless the caller lets lanes grow
  var MARKER_GAP = 12; // from a marker's centre to its label
  var LABEL_GAP = 10; // between two labels in one row
  var EDGE_INSET = 9; // px: a pointer to an event outside the range sits this far inside
  var MIN_ROOM = 64; // px: a title is cut to the room there is, if there is at least this
  var LONGEST = 90; // characters: a title longer than this is cut even with room to spare
  var DAY = 86400000;
  var MARGIN_TOP = 40, MARGIN_BOTTOM = 44, MARGIN_RIGHT = 16;
  var TEXT_COLOUR = "#1a1a1a", DIMMED = 0.2, VAGUE = 0.45;
  var PERIOD_FILL = "#EFE9DC", PERIOD_INK = "#5A4A2A";
  var BREAK_INK = "#a0a0a0";

  function estimate(text) { return text.length * CHAR_PX + 4; }

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // "Kadyrov says Russian services…": ``text`` cut at a word to fit ``room`` px, or "".
  function cut(text, room, measure) {
    if (measure(text) <= room) return text;
    var words = text.split(" "), out = "";
    for (var i = 0; i < words.length; i++) {
      var next = out ? out + " " + words[i] : words[i];
      if (measure(next + "…") > room) break;
      out = next;
    }
    if (!out) return "";
    return out.replace(/[ ,;:–-]+$/, "") + "…";
  }

  function capped(title) {
    var t = String(title).split(/\s+/).join(" ").trim();
    if (t.length <= LONGEST) return t;
    var head = t.slice(0, LONGEST - 1), at = head.lastIndexOf(" ");
    return (at > 20 ? head.slice(0, at) : head).replace(/[ ,;:–-]+$/, "") + "…";
  }

  // --- the x axis: a range, and the empty stretches drawn as breaks --------------------

  // Piecewise-linear time → px over ``range`` with ``breaks`` ([from, to] ms) taken out.
  function scale(range, breaks, width) {
    var inside = (breaks || []).filter(function (b) { return b[1] > range[0] && b[0] < range[1]; })
      .map(function (b) { return [Math.max(b[0], range[0]), Math.min(b[1], range[1])]; });
    var gone = inside.reduce(function (s, b) { return s + (b[1] - b[0]); }, 0);
    var shown = Math.max(range[1] - range[0] - gone, 1);
    return function (t) {
      var removed = 0;
      for (var i = 0; i < inside.length; i++) {
        var b = inside[i];
        if (t >= b[1]) removed += b[1] - b[0];
        else if (t > b[0]) removed += t - b[0];
      }
      return (t - range[0] - removed) / shown * width;
    };
  }

  // Stretches with no event longer than ``share`` of the range (at least ``least`` ms),
  // leaving a margin each side so a burst's edge events keep some room.
  function findBreaks(spec, range, share) {
    var E = spec.events, spans = [];
    for (var i = 0; i < E.id.length; i++) spans.push([E.start[i], E.end[i]]);
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var width = range[1] - range[0], least = Math.max(width * share, 45 * DAY);
    var out = [], reach = range[0];
    spans.forEach(function (s) {
      if (s[0] - reach > least) {
        var pad = Math.max((s[0] - reach) * 0.04, 2 * DAY);
        if (reach > range[0]) out.push([reach + pad, s[0] - pad]);
      }
      reach = Math.max(reach, s[1]);
    });
    return out;
  }

  // The breaks a view gets unless the user says otherwise: the empty stretches, where they
  // would take more than half of the range (the bursts then get most of the width).
  function autoBreaks(spec, range) {
    var found = findBreaks(spec, range, 0.08);
    var gone = found.reduce(function (sum, b) {
      return sum + Math.min(b[1], range[1]) - Math.max(b[0], range[0]);
    }, 0);
    return gone > 0.5 * (range[1] - range[0]) ? found : [];
  }

  // --- the packer -----------------------------------------------------------------------

  function free(row, left, right) {
    for (var i = 0; i < row.length; i++) {
      if (row[i][0] - LABEL_GAP < right && left < row[i][1] + LABEL_GAP) return false;
    }
    return true;
  }

  // Room in ``row`` to the right of ``from`` px before the next label or the plot's edge.
  function roomAfter(row, from, width) {
    var end = width;
    for (var i = 0; i < row.length; i++) {
      if (row[i][1] + LABEL_GAP > from && row[i][0] - LABEL_GAP < end) {
        if (row[i][0] - LABEL_GAP <= from) return 0;
        end = row[i][0] - LABEL_GAP;
      }
    }
    return end - from;
  }

  function take(lane, left, right, limit) {
    for (var i = 0; i < lane.rows.length; i++) {
      if (free(lane.rows[i], left, right)) { lane.rows[i].push([left, right]); return i; }
    }
    if (lane.rows.length < limit) { lane.rows.push([[left, right]]); return lane.rows.length - 1; }
    return -1;
  }

  // The row with the most room right of the marker, the title cut to fit; or null.
  function takeCut(lane, item, ctx) {
    var best = -1, bestRoom = 0, from = item.anchor + MARKER_GAP;
    for (var i = 0; i < lane.rows.length; i++) {
      if (!free(lane.rows[i], item.bare[0], from)) continue;
      var room = roomAfter(lane.rows[i], from, ctx.width);
      if (room > bestRoom) { best = i; bestRoom = room; }
    }
    if (best < 0 || bestRoom < MIN_ROOM) return null;
    var text = cut(item.full, bestRoom, ctx.measure);
    if (!text) return null;
    lane.rows[best].push([item.bare[0], from + ctx.measure(text)]);
    return { slot: best, text: text, side: "right" };
  }

  function extent(item, text, ctx) {
    var w = ctx.measure(text), a = item.anchor;
    if (a + MARKER_GAP + w <= ctx.width || a - MARKER_GAP - w < 0) {
      return { side: "right", box: [Math.min(item.band[0], a - MARKER_GAP), Math.max(item.band[1], a + MARKER_GAP + w)] };
    }
    return { side: "left", box: [Math.min(item.band[0], a - MARKER_GAP - w), Math.max(item.band[1], a + MARKER_GAP)] };
  }

  // The title, or where it fits on neither side of the marker, cut to the wider side.
  function fitting(item, ctx) {
    var right = ctx.width - item.anchor - MARKER_GAP, left = item.anchor - MARKER_GAP;
    if (ctx.measure(item.full) <= Math.max(right, left)) return item.full;
    return cut(item.full, Math.max(right, left), ctx.measure) || item.full.slice(0, 8) + "…";
  }

  function label(lane, item, ctx) {
    item.full = fitting(item, ctx);
    var whole = extent(item, item.full, ctx);
    var slot = take(lane, whole.box[0], whole.box[1], ctx.maxRows);
    if (slot >= 0) return { slot: slot, text: item.full, side: whole.side };
    return takeCut(lane, item, ctx);
  }

  function badge(lane, item) {
    for (var i = 0; i < lane.badges.length; i++) {
      var b = lane.badges[i];
      if (Math.abs(item.anchor - b.px) < estimate("+99") + LABEL_GAP) { b.rows.push(item.r); return; }
    }
    lane.badges.push({ px: item.anchor, x: item.x, rows: [item.r] });
  }

  function itemOf(spec, r, ctx) {
    var E = spec.events, ev = spec.rows.ev[r];
    var anchor = Math.max(0, Math.min(ctx.width, ctx.px(E.middle[ev])));
    var band = [Math.max(0, Math.min(ctx.width, ctx.px(E.start[ev]))),
      Math.max(0, Math.min(ctx.width, ctx.px(E.end[ev])))];
    return {
      r: r, ev: ev, lane: spec.rows.lane[r], anchor: anchor, band: band, x: E.middle[ev],
      full: (reportMark(spec, ev) ? reportMark(spec, ev).text + " " : "") + capped(E.title[ev]),
      bare: [Math.min(band[0], anchor - MARKER_GAP), Math.max(band[1], anchor + MARKER_GAP)],
    };
  }

  // Labels for events inside the range: each event's own lane first, then its other lanes,
  // then a bare marker where it is labelled elsewhere; else a "+N" badge at that spot.
  function packInside(spec, rows, lanes, out, ctx) {
    var items = rows.map(function (r) { return itemOf(spec, r, ctx); });
    var first = items.filter(function (it) { return spec.rows.primary[it.r]; });
    var second = items.filter(function (it) { return !spec.rows.primary[it.r]; });
    var labelled = {}, later = [];
    first.concat(second).forEach(function (it) {
      var got = labelled[it.ev] ? null : label(lanes[it.lane], it, ctx);
      if (!got) { later.push(it); return; }
      labelled[it.ev] = true;
      out.slot[it.r] = got.slot; out.text[it.r] = got.text; out.side[it.r] = got.side;
    });
    later.forEach(function (it) {
      var slot = labelled[it.ev] ? take(lanes[it.lane], it.bare[0], it.bare[1], ctx.maxRows) : -1;
      if (slot < 0) badge(lanes[it.lane], it);
      else out.slot[it.r] = slot;
    });
  }

  // One pointer per lane and side, to the nearest event outside the range, with its date
  // and title (and how many more lie that way); it takes a row of its own if it must.
  function packPointers(spec, rows, lanes, out, ctx) {
    var E = spec.events, nearest = {};
    rows.forEach(function (r) {
      var ev = spec.rows.ev[r], side = E.middle[ev] < ctx.range[0] ? "before" : "after";
      var key = spec.rows.lane[r] + side, held = nearest[key];
      out.edge[r] = side;
      if (!held) { nearest[key] = { r: r, count: 1, ids: [E.id[ev]] }; return; }
      held.count += 1;
      held.ids.push(E.id[ev]);
      var closer = side === "before" ? E.middle[ev] > E.middle[spec.rows.ev[held.r]]
        : E.middle[ev] < E.middle[spec.rows.ev[held.r]];
      if (closer) held.r = r;
    });
    Object.keys(nearest).forEach(function (key) { pointer(spec, nearest[key], lanes, out, ctx); });
  }

  function pointer(spec, held, lanes, out, ctx) {
    var r = held.r, ev = spec.rows.ev[r], lane = lanes[spec.rows.lane[r]];
    var before = out.edge[r] === "before";
    var anchor = before ? EDGE_INSET : ctx.width - EDGE_INSET;
    var more = held.count > 1 ? " (+" + (held.count - 1) + " more)" : "";
    var whole = spec.events.label[ev] + ": " + capped(spec.events.title[ev]) + more;
    var got = pointerRow(lane, whole, before, anchor, ctx);
    out.slot[r] = got.slot; out.text[r] = got.text; out.side[r] = before ? "right" : "left";
    out.count[r] = held.count; out.pointer[r] = true; out.group[r] = held.ids.join(" ");
    out.ex[r] = ctx.unpx(anchor);
  }

  // A row for a pointer's label: the first with room for all of it; else the roomiest,
  // the label cut to fit; else a row of its own (the lane grows by one).
  function pointerRow(lane, whole, before, anchor, ctx) {
    var w = ctx.measure(whole), limit = ctx.width - MARKER_GAP - EDGE_INSET;
    var box = function (width) {
      return before ? [0, anchor + MARKER_GAP + width] : [anchor - MARKER_GAP - width, ctx.width];
    };
    var full = box(Math.min(w, limit));
    var text = w <= limit ? whole : cut(whole, limit, ctx.measure);
    for (var i = 0; i < lane.rows.length; i++) {
      if (free(lane.rows[i], full[0], full[1])) { lane.rows[i].push(full); return { slot: i, text: text }; }
    }
    var best = -1, bestRoom = MIN_ROOM;
    for (var j = 0; j < lane.rows.length; j++) {
      var room = before ? roomAfter(lane.rows[j], anchor + MARKER_GAP, ctx.width) : roomBefore(lane.rows[j], anchor - MARKER_GAP);
      if (room > bestRoom) { best = j; bestRoom = room; }
    }
    var shorter = best >= 0 ? cut(whole, bestRoom, ctx.measure) : "";
    if (shorter) { lane.rows[best].push(box(ctx.measure(shorter))); return { slot: best, text: shorter }; }
    lane.rows.push([full]);
    return { slot: lane.rows.length - 1, text: text };
  }

  // Room in ``row`` to the left of ``to`` px after the previous label or the plot's edge.
  function roomBefore(row, to) {
    var start = 0;
    for (var i = 0; i < row.length; i++) {
      if (row[i][0] - LABEL_GAP < to && row[i][1] + LABEL_GAP > start) {
        if (row[i][1] + LABEL_GAP >= to) return 0;
        start = row[i][1] + LABEL_GAP;
      }
    }
    return to - start;
  }

  function newOut(n) {
    var fill = function (v) { var a = new Array(n); for (var i = 0; i < n; i++) a[i] = v; return a; };
    return { slot: fill(-1), text: fill(""), side: fill("right"), edge: fill(""), ex: fill(null),
      count: fill(0), pointer: fill(false), group: fill("") };
  }

  // Every (event, lane) row's label row, text and side for the range on screen, the badges,
  // and each lane's top and bottom (px from the top of the plot).
  function pack(spec, ctx) {
    var E = spec.events, R = spec.rows, n = R.ev.length;
    var order = [];
    for (var i = 0; i < n; i++) order.push(i);
    order.sort(function (a, b) {
      return E.start[R.ev[a]] - E.start[R.ev[b]] || E.end[R.ev[a]] - E.end[R.ev[b]] || a - b;
    });
    var out = newOut(n), lanes = spec.lanes.map(function () { return { rows: [], badges: [] }; });
    var inside = order.filter(function (r) {
      var m = E.middle[R.ev[r]]; return m >= ctx.range[0] && m <= ctx.range[1];
    });
    var outside = order.filter(function (r) {
      var m = E.middle[R.ev[r]]; return m < ctx.range[0] || m > ctx.range[1];
    });
    packInside(spec, inside, lanes, out, ctx);
    packPointers(spec, outside, lanes, out, ctx);
    out.bounds = bounds(spec, lanes);
    out.badges = lanes;
    return out;
  }

  function bounds(spec, lanes) {
    var top = 0;
    return spec.lanes.map(function (lane, i) {
      var rows = Math.max(lane.lines.length, lanes[i].rows.length + (lanes[i].badges.length ? 1 : 0), 1);
      var b = [top, top + 2 * LANE_PAD + rows * ROW_PX];
      top = b[1];
      return b;
    });
  }

  // --- the figure -----------------------------------------------------------------------

  function iso(ms) {
    var d = new Date(ms), s = d.toISOString();
    return d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds()
      ? s.slice(0, 10) + " " + s.slice(11, 19) : s.slice(0, 10);
  }

  function scatter(props) {
    var t = { type: "scatter" };
    for (var k in props) t[k] = props[k];
    return t;
  }

  function yOf(out, r, spec) {
    var b = out.bounds[spec.rows.lane[r]];
    if (out.slot[r] < 0) return b[1] - LANE_PAD - ROW_PX / 2;
    return b[0] + LANE_PAD + ROW_PX / 2 + out.slot[r] * ROW_PX;
  }

  function style(spec, status) { return spec.styles[status] || spec.styles.unknown; }

  function opacityOf(spec, ev, focus) {
    var o = spec.events.vague[ev] ? VAGUE : 1;
    if (focus && spec.events.id[ev] !== focus) o = Math.min(o, DIMMED);
    return o;
  }

  var DASH = { "false,false": "solid", "true,false": "dot", "false,true": "dash", "true,true": "dashdot" };

  function bandTraces(spec, rows, out, colour) {
    var groups = {};
    rows.forEach(function (r) {
      var ev = spec.rows.ev[r];
      if (!spec.events.span[ev] || out.slot[r] < 0 && out.edge[r]) return;
      var key = [style(spec, spec.events.status[ev]).hollow, !!spec.events.vague[ev]].join(",");
      (groups[key] = groups[key] || []).push(r);
    });
    return Object.keys(groups).map(function (key) {
      var xs = [], ys = [];
      groups[key].forEach(function (r) {
        var ev = spec.rows.ev[r], y = yOf(out, r, spec);
        xs.push(iso(spec.events.start[ev]), iso(spec.events.end[ev]), null);
        ys.push(y, y, null);
      });
      var vague = key.split(",")[1] === "true";
      return scatter({ x: xs, y: ys, mode: "lines", hoverinfo: "skip", showlegend: false,
        opacity: vague ? 0.2 : 0.35, line: { color: colour, width: 12, dash: DASH[key] } });
    });
  }

  function markerTrace(spec, rows, out, colour, name, focus) {
    var E = spec.events, ev = rows.map(function (r) { return spec.rows.ev[r]; });
    var dim = function (i) { return focus && E.id[i] !== focus; };
    var anyFaded = ev.some(function (i) { return E.vague[i] || dim(i); });
    return scatter({
      x: ev.map(function (i) { return iso(E.middle[i]); }),
      y: rows.map(function (r) { return yOf(out, r, spec); }),
      mode: "markers+text", name: name, legendgroup: name, showlegend: false,
      customdata: ev.map(function (i) { return E.id[i]; }),
      hovertext: ev.map(function (i) { return E.hover[i]; }), hoverinfo: "text",
      text: rows.map(function (r) { return labelText(spec, spec.rows.ev[r], out.text[r]); }),
      textposition: rows.map(function (r) { return "middle " + out.side[r]; }),
      textfont: { size: LABEL_FONT, color: focus ? ev.map(function (i) { return dim(i) ? "#b3b3b3" : TEXT_COLOUR; }) : TEXT_COLOUR },
      selected: { marker: { opacity: 1 } },
      unselected: { marker: { opacity: focus ? DIMMED : 1 } },
      marker: {
        color: colour, size: 14,
        symbol: ev.map(function (i) { return style(spec, E.status[i]).symbol; }),
        line: { color: colour, width: 2.5 },
        opacity: anyFaded ? ev.map(function (i) { return opacityOf(spec, i, focus); }) : 1,
      },
    });
  }

  function pointerTrace(spec, rows, out, colour, focus) {
    if (!rows.length) return [];
    var E = spec.events, ev = rows.map(function (r) { return spec.rows.ev[r]; });
    return [scatter({
      x: rows.map(function (r) { return iso(out.ex[r]); }),
      y: rows.map(function (r) { return yOf(out, r, spec); }),
      mode: "markers+text", name: "pointer", showlegend: false,
      meta: rows.map(function (r) { return out.group[r]; }), // every event each pointer stands for
      customdata: ev.map(function (i) { return E.id[i]; }),
      hovertext: rows.map(function (r, k) {
        var n = out.count[r];
        return E.hover[ev[k]] + (n > 1 ? "<br><i>" + n + " events in this lane lie " + (out.edge[r] === "before" ? "earlier" : "later") + "</i>" : "");
      }),
      hoverinfo: "text",
      text: rows.map(function (r) { return esc(out.text[r]); }),
      textposition: rows.map(function (r) { return "middle " + out.side[r]; }),
      textfont: { size: LABEL_FONT, color: TEXT_COLOUR },
      marker: { color: colour, size: 13,
        symbol: rows.map(function (r) { return out.edge[r] === "before" ? "triangle-left" : "triangle-right"; }),
        opacity: ev.map(function (i) { return opacityOf(spec, i, focus); }) },
      cliponaxis: false,
    })];
  }

  function badgeTrace(spec, out) {
    var xs = [], ys = [], ids = [], counts = [], hover = [];
    out.badges.forEach(function (lane, li) {
      lane.badges.forEach(function (b) {
        var evs = b.rows.map(function (r) { return spec.rows.ev[r]; });
        xs.push(iso(b.x)); ys.push(out.bounds[li][1] - LANE_PAD - ROW_PX / 2);
        ids.push("group:" + evs.map(function (i) { return spec.events.id[i]; }).join(" "));
        counts.push(evs.length);
        hover.push("<b>" + evs.length + " more here</b><br>" + evs.slice(0, 12).map(function (i) {
          return esc(spec.events.label[i] + ": " + capped(spec.events.title[i]));
        }).join("<br>") + (evs.length > 12 ? "<br>…" : "") + "<br><i>Click to list them</i>");
      });
    });
    if (!xs.length) return [];
    return [scatter({ x: xs, y: ys, mode: "markers+text", showlegend: false, name: "more",
      customdata: ids, hovertext: hover, hoverinfo: "text",
      text: counts.map(function (n) { return "+" + n; }), textposition: "middle center",
      textfont: { size: 11, color: "#ffffff" },
      marker: { size: 19, symbol: "square", color: "#404040", line: { width: 0 } } })];
  }

  function ringTrace(spec, out, selected) {
    if (!selected) return [];
    var xs = [], ys = [];
    spec.rows.ev.forEach(function (ev, r) {
      if (spec.events.id[ev] !== selected) return;
      if (out.slot[r] >= 0) {
        xs.push(iso(out.edge[r] ? out.ex[r] : spec.events.middle[ev])); ys.push(yOf(out, r, spec));
      }
    });
    out.badges.forEach(function (lane, li) {
      lane.badges.forEach(function (b) {
        var inside = b.rows.some(function (r) { return spec.events.id[spec.rows.ev[r]] === selected; });
        if (inside) { xs.push(iso(b.x)); ys.push(out.bounds[li][1] - LANE_PAD - ROW_PX / 2); }
      });
    });
    if (!xs.length) return [];
    return [scatter({ x: xs, y: ys, mode: "markers", hoverinfo: "skip", showlegend: false,
      name: "selected", cliponaxis: false,
      marker: { size: 30, symbol: "circle-open", color: "#000000", line: { width: 3, color: "#000000" } } })];
  }

  // Before an event's title: how many independent outlets report it (×2), or ≠ where its
  // reports disagree (on the date, the status or a figure); styles from spec.reportMarks.
  function reportMark(spec, ev) {
    var E = spec.events, marks = spec.reportMarks;
    if (!marks || !E.outlets) return null;
    if (E.disagree[ev]) return { text: marks.disagree.text, colour: marks.disagree.colour };
    if (E.outlets[ev] > 1) {
      return { text: marks.corroborated.text.replace("{n}", E.outlets[ev]), colour: marks.corroborated.colour };
    }
    return null;
  }

  // A label as Plotly draws it: its report mark in its colour, the rest as plain text.
  function labelText(spec, ev, text) {
    var mark = reportMark(spec, ev);
    if (!mark || text.indexOf(mark.text + " ") !== 0) return esc(text);
    return '<span style="color:' + mark.colour + '">' + esc(mark.text) + "</span>" + esc(text.slice(mark.text.length));
  }

  function reportLegend(spec) {
    var E = spec.events, marks = spec.reportMarks;
    if (!marks || !E.outlets) return [];
    var out = [];
    if (E.outlets.some(function (n) { return n > 1; })) {
      out.push(scatter({ x: [null], y: [null], mode: "markers", legendgroup: "reports",
        name: marks.corroborated.text.replace("{n}", "N") + " " + marks.corroborated.legend.replace("{n}", "N"),
        marker: { color: marks.corroborated.colour, size: 10, symbol: marks.corroborated.symbol } }));
    }
    if (E.disagree.some(Boolean)) {
      out.push(scatter({ x: [null], y: [null], mode: "markers", legendgroup: "reports",
        name: marks.disagree.text + " " + marks.disagree.legend,
        marker: { color: marks.disagree.colour, size: 10, symbol: marks.disagree.symbol, line: { width: 2, color: marks.disagree.colour } } }));
    }
    return out;
  }

  function legendTraces(spec, present) {
    var out = spec.colours.filter(function (c, i) { return present[i]; }).map(function (c) {
      return scatter({ x: [null], y: [null], mode: "markers", name: esc(c.name), legendgroup: c.name,
        marker: { color: c.colour, size: 14, symbol: "square" } });
    });
    spec.legend.statuses.forEach(function (s) {
      out.push(scatter({ x: [null], y: [null], mode: "markers", name: s, legendgroup: "status",
        marker: { color: "#555555", size: 14, symbol: spec.styles[s].symbol, line: { color: "#555555", width: 2.5 } } }));
    });
    if (spec.legend.vague) {
      out.push(scatter({ x: [null], y: [null], mode: "markers", name: "c. / ? approximate or uncertain date",
        legendgroup: "vague", marker: { color: "#555555", size: 14, symbol: "circle", opacity: VAGUE } }));
    }
    return out;
  }

  // [lo, hi] less the breaks: the stretches of it the axis draws.
  function outsideBreaks(ctx, lo, hi) {
    var parts = [[lo, hi]];
    ctx.breaks.forEach(function (b) {
      parts = parts.reduce(function (out, p) {
        if (b[1] <= p[0] || b[0] >= p[1]) return out.concat([p]);
        if (b[0] > p[0]) out.push([p[0], b[0]]);
        if (b[1] < p[1]) out.push([b[1], p[1]]);
        return out;
      }, []);
    });
    return parts;
  }

  function periodsInView(spec, ctx) {
    return (spec.periods || []).filter(function (p) { return p.end >= ctx.range[0] && p.start <= ctx.range[1]; });
  }

  // Each period in view as a band behind the lanes (a shape per stretch the axis draws).
  function periodShapes(spec, ctx) {
    var out = [];
    periodsInView(spec, ctx).forEach(function (p) {
      var lo = Math.max(p.start, ctx.range[0]), hi = Math.min(p.end, ctx.range[1]);
      outsideBreaks(ctx, lo, hi).forEach(function (part) {
        out.push({ type: "rect", xref: "x", yref: "paper", x0: iso(part[0]), x1: iso(part[1]), y0: 0, y1: 1,
          fillcolor: PERIOD_FILL, opacity: 0.55, line: { width: 0 }, layer: "below" });
      });
    });
    return out;
  }

  // The periods' names, in one text trace at the foot of the plot where there is room.
  function periodTraces(spec, ctx, bottom) {
    var lx = [], lt = [], lh = [];
    periodsInView(spec, ctx).forEach(function (p) {
      var lo = Math.max(p.start, ctx.range[0]), hi = Math.min(p.end, ctx.range[1]);
      var room = Math.floor((ctx.px(hi) - ctx.px(lo)) / 7.5);
      if (room >= 4) { lx.push(iso(lo + (hi - lo) / 2)); lt.push(esc(cut(p.name, room * 7.5, estimate) || "")); lh.push(esc(p.name)); }
    });
    if (!lx.length) return [];
    return [scatter({ x: lx, y: lx.map(function () { return bottom - 9; }), mode: "text", text: lt,
      hovertext: lh, hoverinfo: "text", showlegend: false, name: "period names",
      textfont: { size: 12, color: PERIOD_INK } })];
  }

  // Zig-zag marks where the axis skips an empty stretch, drawn on the date axis line.
  function shownBreaks(ctx) {
    return ctx.breaks.filter(function (b) { return b[1] > ctx.range[0] && b[0] < ctx.range[1]; });
  }

  function breakShapes(ctx) {
    return shownBreaks(ctx).map(function (b) {
      return { type: "line", xref: "x", yref: "paper", x0: iso(b[0]), x1: iso(b[0]), y0: 0, y1: 1,
        line: { color: BREAK_INK, width: 1.5, dash: "dot" }, layer: "below" };
    });
  }

  // "//" on the date axis where a stretch is left out, with what it leaves out on hover.
  function breakMarks(ctx) {
    return shownBreaks(ctx).map(function (b) {
      var days = Math.round((b[1] - b[0]) / DAY);
      return { x: iso(b[0]), y: 1, xref: "x", yref: "paper", yanchor: "middle", showarrow: false,
        text: "//", font: { size: 14, color: "#555555" }, bgcolor: "#ffffff",
        hovertext: days + " days with no event left out", name: "break" };
    });
  }

  // Date ticks for an axis with breaks (Plotly's own leave a burst unlabelled): each
  // stretch on screen gets ticks about every 120 px, at days, months or years.
  var STEPS = [1, 2, 7, 14, 30, 91, 182, 365, 730, 1826].map(function (d) { return d * DAY; });

  function brokenTicks(ctx) {
    var parts = [], from = ctx.range[0];
    shownBreaks(ctx).forEach(function (b) { parts.push([from, b[0]]); from = b[1]; });
    parts.push([from, ctx.range[1]]);
    var ticks = [];
    parts.forEach(function (p) {
      var px = ctx.px(p[1]) - ctx.px(p[0]), want = Math.max(1, Math.floor(px / 120));
      var step = STEPS.filter(function (s) { return (p[1] - p[0]) / s <= want; })[0] || STEPS[STEPS.length - 1];
      for (var t = snap(p[0], step); t <= p[1]; t = next(t, step)) if (t >= p[0]) ticks.push(t);
    });
    return ticks;
  }

  function snap(ms, step) {
    var d = new Date(ms);
    if (step >= 365 * DAY) return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
    if (step >= 30 * DAY) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
  }

  function next(ms, step) {
    var d = new Date(ms), months = Math.round(step / (30 * DAY));
    if (step >= 30 * DAY) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
    return ms + step;
  }

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function tickText(ms, before) {
    var d = new Date(ms), p = before === undefined ? null : new Date(before);
    var year = !p || p.getUTCFullYear() !== d.getUTCFullYear() ? "<br>" + d.getUTCFullYear() : "";
    if (d.getUTCDate() === 1 && d.getUTCMonth() === 0 && (!p || ms - before >= 365 * DAY)) return String(d.getUTCFullYear());
    if (d.getUTCDate() === 1 && (!p || ms - before >= 28 * DAY)) return MONTHS[d.getUTCMonth()] + year;
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + year;
  }

  function lanesLayout(spec, out) {
    var bottom = out.bounds.length ? out.bounds[out.bounds.length - 1][1] : ROW_PX;
    var shading = spec.lanes.map(function (lane, i) {
      return i % 2 === 1 ? { type: "rect", xref: "paper", yref: "y", x0: 0, x1: 1,
        y0: out.bounds[i][0], y1: out.bounds[i][1], fillcolor: "#f3f4f6", line: { width: 0 }, layer: "below" } : null;
    }).filter(Boolean);
    return { bottom: bottom, shading: shading,
      tickvals: spec.lanes.map(function (lane, i) { return out.bounds[i][0] + LANE_PAD + ROW_PX * lane.lines.length / 2; }),
      ticktext: spec.lanes.map(function (lane) { return lane.lines.map(esc).join("<br>"); }) };
  }

  function layoutOf(spec, out, ctx) {
    var lanes = lanesLayout(spec, out);
    var xaxis = { type: "date", side: "top", range: [iso(ctx.range[0]), iso(ctx.range[1])],
      showgrid: true, gridcolor: "#e0e0e0", ticks: "outside", tickfont: { size: 14 },
      linecolor: "#888888", showline: true, automargin: false };
    if (ctx.breaks.length) {
      xaxis.rangebreaks = ctx.breaks.map(function (b) { return { bounds: [iso(b[0]), iso(b[1])] }; });
      var ticks = brokenTicks(ctx);
      xaxis.tickvals = ticks.map(function (t) { return iso(t); });
      xaxis.ticktext = ticks.map(function (t, i) { return tickText(t, ticks[i - 1]); });
    }
    return {
      template: spec.template, height: Math.round(lanes.bottom + MARGIN_TOP + MARGIN_BOTTOM),
      margin: { l: spec.left, r: MARGIN_RIGHT, t: MARGIN_TOP, b: MARGIN_BOTTOM },
      font: spec.font, hovermode: "closest", clickmode: "event+select", dragmode: "zoom",
      hoverlabel: { font: { size: spec.font.size }, align: "left" },
      plot_bgcolor: "#ffffff", paper_bgcolor: "#ffffff",
      shapes: periodShapes(spec, ctx).concat(lanes.shading, breakShapes(ctx)),
      annotations: breakMarks(ctx),
      legend: { orientation: "h", y: -4 / Math.max(lanes.bottom, 1), yanchor: "top", x: 0,
        itemclick: false, itemdoubleclick: false, traceorder: "normal", font: { size: 13 } },
      xaxis: xaxis,
      yaxis: { tickvals: lanes.tickvals, ticktext: lanes.ticktext, tickfont: { size: spec.laneFont },
        range: [lanes.bottom, 0], showgrid: false, zeroline: false, fixedrange: true, title: { text: "" },
        automargin: false },
      uirevision: spec.revision, meta: "timeline",
    };
  }

  function context(spec, opts) {
    var width = Math.max((opts.width || spec.width) - spec.left - MARGIN_RIGHT, 120);
    var range = opts.range || spec.window || spec.all;
    var breaks = opts.breaks === "auto" ? autoBreaks(spec, range) : opts.breaks || [];
    var px = scale(range, breaks, width);
    var unpx = function (p) { return range[0] + (range[1] - range[0]) * p / width; };
    if (breaks.length) unpx = inverse(px, range);
    return { width: width, range: range, breaks: breaks, px: px, unpx: unpx,
      measure: opts.measure || estimate, maxRows: opts.maxRows || MAX_ROWS };
  }

  function inverse(px, range) {
    return function (p) {
      var lo = range[0], hi = range[1];
      for (var i = 0; i < 50; i++) { var mid = (lo + hi) / 2; if (px(mid) < p) lo = mid; else hi = mid; }
      return Math.round((lo + hi) / 2 / 1000) * 1000;
    };
  }

  // The figure of ``spec`` for ``opts`` ({width, range, breaks, measure, maxRows, selected}).
  function figure(spec, opts) {
    opts = opts || {};
    var ctx = context(spec, opts), out = fitted(spec, ctx, opts.rowBudget);
    var selected = opts.selected === undefined ? spec.selected : opts.selected;
    var focus = spec.focus ? selected : null;
    var byColour = spec.colours.map(function () { return []; }), present = spec.colours.map(function () { return false; });
    spec.rows.colour.forEach(function (c, r) { byColour[c].push(r); present[c] = true; });
    var bottom = out.bounds.length ? out.bounds[out.bounds.length - 1][1] : ROW_PX;
    var data = periodTraces(spec, ctx, bottom);
    byColour.forEach(function (rows, c) {
      if (!rows.length) return;
      var colour = spec.colours[c].colour, name = spec.colours[c].name;
      data = data.concat(bandTraces(spec, rows, out, colour));
      var marked = rows.filter(function (r) { return out.slot[r] >= 0 && !out.edge[r]; });
      // Labelled markers carry text; the rest are bare (no text node each: a faster redraw).
      var titled = marked.filter(function (r) { return out.text[r]; });
      var bare = marked.filter(function (r) { return !out.text[r]; });
      if (titled.length) data.push(markerTrace(spec, titled, out, colour, name, focus));
      if (bare.length) {
        var plain = markerTrace(spec, bare, out, colour, name, focus);
        plain.mode = "markers";
        delete plain.text; delete plain.textposition; delete plain.textfont;
        data.push(plain);
      }
      data = data.concat(pointerTrace(spec, rows.filter(function (r) { return out.pointer[r]; }), out, colour, focus));
    });
    data = data.concat(badgeTrace(spec, out), ringTrace(spec, out, selected));
    data = data.concat(legendTraces(spec, present), reportLegend(spec));
    return { data: data, layout: layoutOf(spec, out, ctx), packed: summary(spec, out) };
  }

  // Lanes grow (as vis-timeline stacks) while the chart keeps within ``budget`` rows in
  // all; past that, fewer rows per lane and more "+N" badges.
  function fitted(spec, ctx, budget) {
    var out = pack(spec, ctx);
    while (budget && rowsOf(out) > budget && ctx.maxRows > MAX_ROWS) {
      ctx.maxRows = Math.max(MAX_ROWS, ctx.maxRows - 2);
      out = pack(spec, ctx);
    }
    return out;
  }

  function rowsOf(out) {
    var last = out.bounds.length ? out.bounds[out.bounds.length - 1][1] : 0;
    return last / ROW_PX;
  }

  // What was drawn, for the page's keyboard and for tests: labelled, badged and pointed ids.
  function summary(spec, out) {
    var labelled = {}, badged = {}, pointed = {};
    spec.rows.ev.forEach(function (ev, r) {
      var id = spec.events.id[ev];
      if (out.pointer[r]) pointed[id] = true;
      else if (out.text[r]) labelled[id] = out.text[r];
    });
    out.badges.forEach(function (lane) {
      lane.badges.forEach(function (b) { b.rows.forEach(function (r) { badged[spec.events.id[spec.rows.ev[r]]] = true; }); });
    });
    return { labelled: labelled, badged: Object.keys(badged), pointed: Object.keys(pointed) };
  }

  // JSON in, JSON out: what Python calls through V8.
  function figureJson(specText, optsText) {
    var f = figure(JSON.parse(specText), JSON.parse(optsText || "{}"));
    return JSON.stringify(f);
  }

  return { figure: figure, figureJson: figureJson, pack: pack, findBreaks: findBreaks, autoBreaks: autoBreaks,
    scale: scale, cut: cut, estimate: estimate, ROW_PX: ROW_PX, DAY: DAY };
})();
