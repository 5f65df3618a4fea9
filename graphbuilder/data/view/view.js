/* graphbuilder view: renders the embedded view model (script#gb-data) as a timeline.
   No libraries, no network. window.gbView exposes the state for tests and benchmarks. */
(function () {
  "use strict";
  var M = JSON.parse(document.getElementById("gb-data").textContent);
  var DAY = 86400000;
  var LABEL_W = 170; // lane label column, matches --lane-label in the CSS
  var ROW = 22;
  var STATUSES = M.statuses || ["occurred", "cancelled", "denied", "ongoing", "planned", "expected", "possible"];
  var COLORS = {
    MEETING: "#4e79a7", CALL: "#0f8b8d", NEGOTIATION: "#7b6fd0", VISIT: "#f28e2b",
    STATEMENT: "#9c755f", PRESS_CONFERENCE: "#b07aa1", AGREEMENT: "#59a14f", ELECTION: "#c9a227",
    APPOINTMENT: "#5f9e98", RESIGNATION: "#e07b88", PROTEST: "#e15759", ATTACK: "#b22222",
    SANCTION: "#d37295", LEGISLATION: "#499894", ACCIDENT: "#79706e", CRIME: "#6b5b95", OTHER: "#8c8c8c"
  };
  var EXTRA = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
  var T = {
    en: {
      heading: "Event timeline", filters: "Filters", search: "Search", searchHint: "Label, participant, place, sentence",
      lanesBy: "Lanes", byParticipant: "per participant", byType: "per event type", participant: "Participant",
      all: "(all)", minConfidence: "Minimum confidence", showNone: "events without participants",
      showLabels: "labels on the timeline", status: "Status", type: "Type", legend: "Legend",
      lgOccurred: "occurred: solid", lgPlanned: "planned / expected: hollow", lgPossible: "possible: dashed",
      lgCancelled: "cancelled / denied: struck through", lgDisputed: "disputed: red outline, “!”",
      lgMonth: "month or longer: bracketed", lgVague: "vague (“near future”): fading",
      lgHistory: "reports: one mark per article date",
      keys: "Keys: arrows move between events, Enter opens, Esc closes, + / − zoom, / search.",
      zoomOut: "Zoom out", zoomIn: "Zoom in", fitAll: "Fit all", focusBusy: "Busiest period",
      undated: "Undated", details: "Details", pick: "Click or select an event (Enter) to see its reports and evidence.",
      other: "Other participants", none: "No participant", events: "events", event: "event", dated: "dated", articles: "articles", article: "article",
      shown: "Showing {n} of {m} events", hiddenNone: "{n} without participants hidden",
      when: "When", place: "Place", confidence: "Confidence", participants: "Participants", history: "History",
      reports: "Reports", disputed: "disputed: the reports conflict", said: "said", timeText: "time",
      noSentence: "Sentence not stored (build the page with --sources to show it).", undatedText: "undated",
      precision: { day: "day", week: "week", month: "month", quarter: "quarter", year: "year", vague: "vague", "report date": "reported on", "before report date": "on or before" },
      statuses: { occurred: "occurred", ongoing: "ongoing", planned: "planned", expected: "expected",
        possible: "possible", cancelled: "cancelled", denied: "denied" },
      roles: { speaker: "speaker", host: "host", target: "target", subject: "subject", participant: "participant" },
      kinds: { Person: "person", Organization: "organization", Location: "place" },
      scope: { "all events": "all events" }
    },
    de: {
      heading: "Ereignis-Zeitleiste", filters: "Filter", search: "Suche", searchHint: "Bezeichnung, Beteiligte, Ort, Satz",
      lanesBy: "Bahnen", byParticipant: "je Beteiligtem", byType: "je Ereignistyp", participant: "Beteiligte(r)",
      all: "(alle)", minConfidence: "Mindestkonfidenz", showNone: "Ereignisse ohne Beteiligte",
      showLabels: "Beschriftungen in der Zeitleiste", status: "Status", type: "Typ", legend: "Legende",
      lgOccurred: "stattgefunden: gefüllt", lgPlanned: "geplant / erwartet: hohl", lgPossible: "möglich: gestrichelt",
      lgCancelled: "abgesagt / dementiert: durchgestrichen", lgDisputed: "umstritten: rot umrandet, „!“",
      lgMonth: "Monat oder länger: mit Klammern", lgVague: "vage („in naher Zukunft“): verblassend",
      lgHistory: "Meldungen: eine Marke je Artikeldatum",
      keys: "Tasten: Pfeile wechseln das Ereignis, Enter öffnet, Esc schließt, + / − zoomen, / sucht.",
      zoomOut: "Verkleinern", zoomIn: "Vergrößern", fitAll: "Alles zeigen", focusBusy: "Dichtester Zeitraum",
      undated: "Ohne Datum", details: "Details", pick: "Ein Ereignis anklicken oder auswählen (Enter), um Meldungen und Belege zu sehen.",
      other: "Weitere Beteiligte", none: "Ohne Beteiligte", events: "Ereignisse", event: "Ereignis", dated: "datiert", articles: "Artikel", article: "Artikel",
      shown: "{n} von {m} Ereignissen sichtbar", hiddenNone: "{n} ohne Beteiligte ausgeblendet",
      when: "Zeit", place: "Ort", confidence: "Konfidenz", participants: "Beteiligte", history: "Verlauf",
      reports: "Meldungen", disputed: "umstritten: die Meldungen widersprechen sich", said: "Meldung", timeText: "Zeitangabe",
      noSentence: "Satz nicht gespeichert (Seite mit --sources erzeugen, um ihn zu zeigen).", undatedText: "ohne Datum",
      precision: { day: "Tag", week: "Woche", month: "Monat", quarter: "Quartal", year: "Jahr", vague: "vage", "report date": "gemeldet am", "before report date": "spätestens am" },
      statuses: { occurred: "stattgefunden", ongoing: "laufend", planned: "geplant", expected: "erwartet",
        possible: "möglich", cancelled: "abgesagt", denied: "dementiert" },
      roles: { speaker: "Sprecher(in)", host: "Gastgeber(in)", target: "Ziel", subject: "Betroffene(r)", participant: "Teilnehmer(in)" },
      kinds: { Person: "Person", Organization: "Organisation", Location: "Ort" },
      scope: { "all events": "alle Ereignisse" }
    }
  };
  var lang = T[M.lang] ? M.lang : "en";
  function t(key) { return T[lang][key] !== undefined ? T[lang][key] : T.en[key]; }
  function fmt(s, vals) { return s.replace(/\{(\w+)\}/g, function (_, k) { return vals[k]; }); }
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function dayNum(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY; }
  function dateText(iso) {
    if (!iso) return "";
    return lang === "de" ? iso.slice(8, 10) + "." + iso.slice(5, 7) + "." + iso.slice(0, 4) : iso.slice(0, 10);
  }
  function statusText(s) { return t("statuses")[s] || s || "?"; }
  function typeText(ty) { return (M.types[ty] && M.types[ty][lang]) || ty; }
  function entName(id) { return (M.entities[id] && M.entities[id].name) || id; }
  function laneName(lane) {
    if (lane.id === "_other") return t("other");
    if (lane.id === "_none") return t("none");
    return lane.name ? lane.name[lang] : entName(lane.id);
  }
  function whenText(e) {
    var p = e.precision;
    if (p === "before report date" && e.end) return t("precision")[p] + " " + dateText(e.end);  // told in the past, no time of its own: up to and including the article's day
    if (!e.start) return t("undatedText") + (e.time_text ? " (“" + e.time_text + "”)" : "");
    if (p === "report date") return t("precision")[p] + " " + dateText(e.start);  // the article's date, not the event's day
    var txt = (p === "day" || e.start === e.end) ? dateText(e.start)
      : p === "month" && !e.vague ? (lang === "de" ? e.start.slice(5, 7) + "/" + e.start.slice(0, 4) : e.start.slice(0, 7))
      : p === "year" && !e.vague ? e.start.slice(0, 4)
      : dateText(e.start) + " – " + dateText(e.end);
    if (p && p !== "day") txt += " [" + (t("precision")[e.vague ? "vague" : p] || p) + "]";
    if (e.time_text) txt += " · “" + e.time_text + "”";
    return txt;
  }

  // ---- precomputation (once) ----
  var EV = M.events;
  var typeIndex = Object.keys(M.types).sort();
  var entityCount = {};
  EV.forEach(function (e, i) {
    e.i = i;
    e.color = COLORS[e.type] || EXTRA[typeIndex.indexOf(e.type) % EXTRA.length];
    e.pset = {};
    e.participants.forEach(function (p) { e.pset[p.id] = 1; entityCount[p.id] = (entityCount[p.id] || 0) + 1; });
    if (e.place && !e.pset[e.place]) entityCount[e.place] = (entityCount[e.place] || 0) + 1;
    e.reports.forEach(function (r) { r.d = r.published ? dayNum(r.published) : null; });
    if (e.start) {
      e.s = dayNum(e.start); e.e = dayNum(e.end) + 1;
      e.gs = e.s; e.ge = e.e;
      e.hist = e.reports.length > 1;
      if (e.hist) e.reports.forEach(function (r) {
        if (r.d != null) { e.gs = Math.min(e.gs, r.d); e.ge = Math.max(e.ge, r.d + 1); }
      });
    }
    var hay = [e.title.en, e.title.de, e.label, e.type, e.time_text, e.place ? entName(e.place) : ""];
    e.participants.forEach(function (p) { hay.push(entName(p.id)); });
    e.reports.forEach(function (r) {
      hay.push(r.trigger, r.sentence, r.time_text);
      (r.also || []).forEach(function (m) { hay.push(m.trigger, m.sentence); });
      var a = M.articles[r.article]; if (a) hay.push(a.title);
    });
    e.hay = hay.filter(Boolean).join("\n").toLowerCase();
  });
  var datedDays = EV.filter(function (e) { return e.s != null; }).map(function (e) { return e.s; }).sort(function (a, b) { return a - b; });
  var d0 = 0, d1 = 1;
  if (M.domain) {
    d0 = dayNum(M.domain[0]); d1 = dayNum(M.domain[1]) + 1;
    var pad = Math.max(1, Math.round((d1 - d0) * 0.02)); d0 -= pad; d1 += pad;
  }

  var state = {
    lanesBy: "participant", types: {}, statuses: {}, participant: "", conf: 0, showNone: false,
    labels: EV.length <= 1500, q: "", ppd: 4, sel: null, active: null
  };
  Object.keys(M.types).forEach(function (ty) { state.types[ty] = true; });
  STATUSES.forEach(function (s) { state.statuses[s] = true; });
  EV.forEach(function (e) { state.statuses[e.status] = true; });

  var $ = function (id) { return document.getElementById(id); };
  var scroller = $("scroller"), canvas = $("canvas"), lanesEl = $("lanes"), axisEl = $("axis"), gridEl = $("grid");
  var undatedBody = $("undated-body"), detailBody = $("detail-body"), tip = $("tip");

  function visible(e) {
    if (!state.types[e.type] || !state.statuses[e.status]) return false;
    if (!state.showNone && !e.participants.length) return false;
    if (state.participant && !e.pset[state.participant] && e.place !== state.participant) return false;
    if (state.conf > 0 && (e.confidence == null || e.confidence < state.conf)) return false;
    if (state.q && e.hay.indexOf(state.q) < 0) return false;
    return true;
  }
  function title(e) { return e.title[lang] || e.title.en; }
  function classes(e) {
    var c = "st-" + esc(e.status);
    if (e.precision && e.precision !== "day") c += " prec-" + esc(e.precision.replace(/ /g, "-"));
    if (e.vague) c += " vague";
    if (e.disputed) c += " disputed";
    if (e.hist) c += " hist";
    if (state.sel === e.i) c += " sel";
    return c;
  }
  function ariaLabel(e) {
    return esc(title(e) + ", " + statusText(e.status) + (e.disputed ? ", " + t("disputed") : "") + ", " + whenText(e));
  }
  function marks(e, x0) {
    var out = "";
    if (!e.hist) return out;
    e.reports.forEach(function (r) {
      if (r.d == null) return;
      var left = x0 == null ? null : ((r.d - x0 + 0.5) * state.ppd);
      out += '<i class="mk st-' + esc(r.status) + '" data-status="' + esc(r.status) + '" data-date="' + esc(r.published) +
        '"' + (left == null ? "" : ' style="left:' + left.toFixed(1) + 'px"') + ' title="' + esc(statusText(r.status) + " " + dateText(r.published)) + '"></i>';
    });
    return out;
  }

  // ---- layout and rendering ----
  function lanesOf(e) { return state.lanesBy === "participant" ? e.lanes : [e.type]; }
  function render() {
    var vis = EV.filter(visible);
    var dated = [], undated = [];
    vis.forEach(function (e) { (e.s != null ? dated : undated).push(e); });
    var defs = M.lanes[state.lanesBy];
    var buckets = {};
    defs.forEach(function (l) { buckets[l.id] = []; });
    dated.forEach(function (e) { lanesOf(e).forEach(function (id) { if (buckets[id]) buckets[id].push(e); }); });
    var ppd = state.ppd, html = [];
    var maxRight = (d1 - d0) * ppd;
    defs.forEach(function (lane) {
      var items = buckets[lane.id];
      if (!items.length) return;
      items.sort(function (a, b) { return a.gs - b.gs || a.s - b.s || a.i - b.i; });
      var rows = [], parts = [];
      items.forEach(function (e) {
        var x = (e.gs - d0) * ppd, w = Math.max(10, (e.ge - e.gs) * ppd);
        var lw = state.labels ? Math.min(240, 7 * title(e).length + 12) : 0;
        var right = x + w + (lw ? lw + 6 : 0) + 4;
        var r = 0;
        while (r < rows.length && rows[r] > x) r++;
        rows[r] = right;
        if (right > maxRight) maxRight = right;
        var bx = (e.s - e.gs) * ppd, bw = Math.max(10, (e.e - e.s) * ppd);
        parts.push('<div class="ev ' + classes(e) + '" role="button" tabindex="-1" data-i="' + e.i + '" data-id="' + esc(e.id) +
          '" aria-label="' + ariaLabel(e) + '" style="left:' + x.toFixed(1) + "px;top:" + (r * ROW + 4) + "px;width:" + w.toFixed(1) +
          "px;--c:" + e.color + '">' + (e.hist ? '<span class="hl"></span>' : "") +
          '<span class="bar" style="left:' + bx.toFixed(1) + "px;width:" + bw.toFixed(1) + 'px"></span>' + marks(e, e.gs) +
          (lw ? '<span class="lbl" style="left:' + (w + 4).toFixed(1) + "px;max-width:" + lw + 'px">' + esc(title(e)) + "</span>" : "") + "</div>");
      });
      html.push('<section class="lane" data-lane="' + esc(lane.id) + '" style="contain-intrinsic-height:auto ' + (rows.length * ROW + 8) +
        'px"><div class="lane-label" title="' + esc(laneName(lane)) + '">' +
        esc(laneName(lane)) + '<span class="count">' + items.length + " " + t(items.length === 1 ? "event" : "events") + '</span></div><div class="lane-body" role="group" aria-label="' +
        esc(laneName(lane)) + '" style="height:' + (rows.length * ROW + 8) + "px;width:WIDTHpx\">" + parts.join("") + "</div></section>");
    });
    var width = Math.ceil(maxRight + 20);
    lanesEl.innerHTML = html.join("").replace(/WIDTHpx/g, width + "px");
    canvas.style.width = (LABEL_W + width) + "px";
    renderAxis();
    undated.sort(function (a, b) { return a.i - b.i; });
    $("undated-n").textContent = "(" + undated.length + ")";
    undatedBody.innerHTML = undated.map(function (e) {
      return '<button type="button" class="ev chip ' + classes(e) + '" tabindex="-1" data-i="' + e.i + '" data-id="' + esc(e.id) +
        '" aria-label="' + ariaLabel(e) + '" style="--c:' + e.color + '">' + marks(e, null) + '<span class="t">' + esc(title(e)) + "</span></button>";
    }).join("");
    var hiddenNone = state.showNone ? 0 : EV.filter(function (e) { return !e.participants.length; }).length;
    $("shown").textContent = fmt(t("shown"), { n: vis.length, m: EV.length }) +
      (hiddenNone ? " · " + fmt(t("hiddenNone"), { n: hiddenNone }) : "");
    restoreActive();
  }
  function renderAxis() {
    if (!M.domain) { axisEl.innerHTML = gridEl.innerHTML = ""; return; }
    var ppd = state.ppd, viewL = scroller.scrollLeft - LABEL_W, viewR = viewL + scroller.clientWidth + LABEL_W;
    var from = d0 + Math.max(0, viewL - scroller.clientWidth) / ppd, to = d0 + (viewR + scroller.clientWidth) / ppd;
    var ticks = [], minPx = 64, locale = lang === "de" ? "de-DE" : "en-GB";
    var dayFmt = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" });
    var monFmt = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
    var dayStep = [1, 2, 7, 14].find(function (s) { return s * ppd >= minPx; });
    if (dayStep) {
      var start = Math.floor(from);
      if (dayStep >= 7) start -= ((start + 3) % 7 + 7) % 7; // Mondays (day 0 was a Thursday)
      for (var d = start; d <= to; d += dayStep) ticks.push([d, dayFmt.format(new Date(d * DAY))]);
    } else {
      var monthStep = [1, 3, 6, 12, 24, 60, 120].find(function (s) { return s * 30.4 * ppd >= minPx; }) || 120;
      var f = new Date(Math.floor(from) * DAY), y = f.getUTCFullYear(), m = f.getUTCMonth();
      m -= m % Math.min(monthStep, 12);
      if (monthStep > 12) y -= y % (monthStep / 12);
      for (var k = 0; k < 5000; k++) {
        var dd = Date.UTC(y, m, 1) / DAY;
        if (dd > to) break;
        ticks.push([dd, monthStep >= 12 ? String(y) : monFmt.format(new Date(dd * DAY))]);
        m += monthStep; y += Math.floor(m / 12); m %= 12;
      }
    }
    var ax = [], gr = [];
    ticks.forEach(function (tk) {
      var x = ((tk[0] - d0) * ppd).toFixed(1);
      ax.push('<span class="tick" style="left:' + x + 'px">' + esc(tk[1]) + "</span>");
      gr.push('<span class="gl" style="left:' + x + 'px"></span>');
    });
    axisEl.innerHTML = ax.join("");
    gridEl.innerHTML = gr.join("");
  }

  // ---- zoom ----
  function avail() { return Math.max(200, scroller.clientWidth - LABEL_W - 30); }
  function setZoom(ppd, centerDay) {
    // the lane labels cover the left LABEL_W pixels: the visible time runs from there to the right edge
    var mid = (scroller.clientWidth + LABEL_W) / 2;
    var c = centerDay != null ? centerDay : d0 + (scroller.scrollLeft + mid - LABEL_W) / state.ppd;
    var maxPpd = Math.min(400, 4e6 / Math.max(1, d1 - d0));
    state.ppd = Math.max(0.01, Math.min(maxPpd, ppd));
    render();
    scroller.scrollLeft = Math.max(0, (c - d0) * state.ppd + LABEL_W - mid);
    renderAxis();
  }
  function fitAll() { setZoom(avail() / Math.max(1, d1 - d0), (d0 + d1) / 2); }
  function focusBusy() {
    // the shortest window holding 70% of the dated events
    var n = datedDays.length;
    if (!n) return fitAll();
    var k = Math.max(1, Math.ceil(n * 0.7)), lo = datedDays[0], hi = datedDays[n - 1];
    for (var i = 0; i + k - 1 < n; i++) {
      if (datedDays[i + k - 1] - datedDays[i] < hi - lo) { lo = datedDays[i]; hi = datedDays[i + k - 1]; }
    }
    lo -= 1; hi += 2;
    // leave a quarter of the width for the labels right of the last events
    setZoom(avail() * 0.7 / Math.max(1, hi - lo), (lo + hi) / 2 + (hi - lo) * 0.2);
  }

  // ---- selection and details ----
  function instances(i) { return document.querySelectorAll('.ev[data-i="' + i + '"]'); }
  function select(i) {
    if (state.sel != null) instances(state.sel).forEach(function (el) { el.classList.remove("sel"); });
    state.sel = i;
    if (i == null) {
      detailBody.innerHTML = '<p class="hint">' + esc(t("pick")) + "</p>";
      return;
    }
    instances(i).forEach(function (el) { el.classList.add("sel"); });
    showDetail(EV[i]);
    $("announce").textContent = t("details") + ": " + title(EV[i]) + ", " + statusText(EV[i].status);
  }
  function evidence(r, kind) {  // kind "mention": a further mention of the event in the same article
    if (!r.sentence) return '<p class="hint">' + esc(t("noSentence")) + (r.trigger ? " <mark>" + esc(r.trigger) + "</mark>" : "") + "</p>";
    var s = r.sentence, h = r.highlight, open = '<blockquote class="evidence' + (kind ? " " + kind : "") + '">';
    if (!h) return open + esc(s) + "</blockquote>";
    return open + esc(s.slice(0, h[0])) + '<mark class="trigger">' + esc(s.slice(h[0], h[1])) +
      "</mark>" + esc(s.slice(h[1])) + "</blockquote>";
  }
  function showDetail(e) {
    var parts = e.participants.map(function (p) {
      var kind = M.entities[p.id] ? (t("kinds")[M.entities[p.id].kind] || "") : "";
      return '<li><button type="button" class="linkish" data-entity="' + esc(p.id) + '">' + esc(entName(p.id)) + "</button> (" +
        esc(t("roles")[p.role] || p.role) + (kind ? ", " + esc(kind) : "") + ")</li>";
    }).join("");
    var hist = e.history.map(function (h) {
      return '<li data-status="' + esc(h.status) + '">' + esc(statusText(h.status)) + " " + esc(dateText(h.date)) + "</li>";
    }).join("");
    var reps = e.reports.map(function (r) {
      var a = M.articles[r.article] || {};
      var head = esc(a.title || r.article);
      if (a.url && /^https?:\/\//i.test(a.url)) head = '<a href="' + esc(a.url) + '" target="_blank" rel="noopener noreferrer">' + head + "</a>";
      return '<div class="report" data-article="' + esc(r.article) + '"><div class="art-title"><strong>' + head +
        "</strong></div><div class=\"meta\">" + esc([a.source, dateText(r.published)].filter(Boolean).join(" · ")) + " · " + esc(t("said")) + ": " +
        '<span class="rep-status">' + esc(statusText(r.status)) + "</span>" + (r.time_text ? " · " + esc(t("timeText")) + ": “" + esc(r.time_text) + "”" : "") +
        "</div>" + evidence(r) + (r.also || []).map(function (m) { return evidence(m, "mention"); }).join("") + "</div>";
    }).join("");
    detailBody.innerHTML = '<h3 id="detail-title">' + esc(title(e)) + "</h3><dl>" +
      "<dt>" + esc(t("type")) + "</dt><dd>" + esc(typeText(e.type)) + "</dd>" +
      "<dt>" + esc(t("status")) + '</dt><dd><span class="badge st-' + esc(e.status) + '" id="detail-status">' + esc(statusText(e.status)) + "</span>" +
      (e.disputed ? ' <span class="badge disputed">' + esc(t("disputed")) + "</span>" : "") + "</dd>" +
      "<dt>" + esc(t("when")) + '</dt><dd id="detail-when">' + esc(whenText(e)) + "</dd>" +
      (e.place ? "<dt>" + esc(t("place")) + '</dt><dd id="detail-place">' + esc(entName(e.place)) + "</dd>" : "") +
      (e.confidence != null ? "<dt>" + esc(t("confidence")) + "</dt><dd>" + e.confidence.toFixed(2) + "</dd>" : "") +
      (parts ? "<dt>" + esc(t("participants")) + '</dt><dd><ul class="participants">' + parts + "</ul></dd>" : "") +
      (hist ? "<dt>" + esc(t("history")) + '</dt><dd><ol class="history">' + hist + "</ol></dd>" : "") +
      "</dl><h4>" + esc(t("reports")) + " (" + e.reports.length + ")</h4>" + reps;
  }

  // ---- keyboard: one roving tab stop in the timeline, one in the undated strip ----
  function setActive(el, focus) {
    document.querySelectorAll('.ev[tabindex="0"]').forEach(function (o) { o.tabIndex = -1; });
    if (!el) return;
    el.tabIndex = 0;
    state.active = +el.dataset.i;
    if (focus) { el.focus({ preventScroll: false }); }
  }
  function restoreActive() {
    var el = state.active != null ? lanesEl.querySelector('.ev[data-i="' + state.active + '"]') ||
      undatedBody.querySelector('.ev[data-i="' + state.active + '"]') : null;
    var firstLane = lanesEl.querySelector(".ev"), firstChip = undatedBody.querySelector(".ev");
    document.querySelectorAll('.ev[tabindex="0"]').forEach(function (o) { o.tabIndex = -1; });
    if (firstLane) firstLane.tabIndex = 0;
    if (firstChip) firstChip.tabIndex = 0;
    if (el) {
      var group = el.closest("#undated-body") ? firstChip : firstLane;
      if (group) group.tabIndex = -1;
      el.tabIndex = 0;
      if (document.activeElement === document.body) el.focus({ preventScroll: true });
    }
  }
  function neighbour(el, key) {
    if (key === "ArrowRight" || key === "ArrowLeft") {
      var sib = key === "ArrowRight" ? el.nextElementSibling : el.previousElementSibling;
      while (sib && !sib.classList.contains("ev")) sib = key === "ArrowRight" ? sib.nextElementSibling : sib.previousElementSibling;
      return sib;
    }
    if (key === "Home" || key === "End") {
      var all = el.parentNode.querySelectorAll(".ev");
      return all[key === "Home" ? 0 : all.length - 1];
    }
    var lane = el.closest(".lane");
    if (!lane) return null;
    var next = key === "ArrowDown" ? lane.nextElementSibling : lane.previousElementSibling;
    if (!next) return key === "ArrowDown" ? undatedBody.querySelector(".ev") : null;
    var x = el.offsetLeft, best = null, bd = Infinity;
    next.querySelectorAll(".ev").forEach(function (o) {
      var dist = Math.abs(o.offsetLeft - x) + Math.abs(o.offsetTop - el.offsetTop) * 0.01;
      if (dist < bd) { bd = dist; best = o; }
    });
    return best;
  }
  document.addEventListener("keydown", function (ev) {
    var tgt = ev.target, typing = /^(INPUT|SELECT|TEXTAREA)$/.test(tgt.tagName);
    if (ev.key === "/" && !typing) { ev.preventDefault(); $("search").focus(); return; }
    if (typing) return;
    if (ev.key === "+" || ev.key === "=") { setZoom(state.ppd * 1.5); return; }
    if (ev.key === "-" || ev.key === "_") { setZoom(state.ppd / 1.5); return; }
    if (ev.key === "Escape") { select(null); return; }
    var el = tgt.closest && tgt.closest(".ev");
    if (!el) return;
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(+el.dataset.i); return; }
    if (/^(Arrow(Left|Right|Up|Down)|Home|End)$/.test(ev.key)) {
      var n = neighbour(el, ev.key);
      ev.preventDefault();
      if (n) setActive(n, true);
    }
  });

  // ---- mouse ----
  function onClick(ev) {
    var el = ev.target.closest(".ev");
    if (!el) return;
    setActive(el, false);
    select(+el.dataset.i);
  }
  lanesEl.addEventListener("click", onClick);
  undatedBody.addEventListener("click", onClick);
  function onOver(ev) {
    var el = ev.target.closest(".ev");
    if (!el) { tip.hidden = true; return; }
    var e = EV[+el.dataset.i];
    tip.textContent = title(e) + " — " + statusText(e.status) + (e.disputed ? " (!)" : "") + " · " + whenText(e);
    tip.hidden = false;
    tip.style.left = Math.min(window.innerWidth - 370, ev.clientX + 12) + "px";
    tip.style.top = (ev.clientY + 14) + "px";
  }
  [lanesEl, undatedBody].forEach(function (n) {
    n.addEventListener("mouseover", onOver);
    n.addEventListener("mouseleave", function () { tip.hidden = true; });
  });
  detailBody.addEventListener("click", function (ev) {
    var b = ev.target.closest("[data-entity]");
    if (!b) return;
    state.participant = b.dataset.entity;
    $("participant").value = state.participant;
    render();
  });
  scroller.addEventListener("wheel", function (ev) {
    if (!ev.ctrlKey) return;
    ev.preventDefault();
    var rect = scroller.getBoundingClientRect();
    var day = d0 + (scroller.scrollLeft + ev.clientX - rect.left - LABEL_W) / state.ppd;
    var old = state.ppd;
    setZoom(state.ppd * (ev.deltaY < 0 ? 1.25 : 0.8), null);
    scroller.scrollLeft = Math.max(0, (day - d0) * state.ppd - (ev.clientX - rect.left - LABEL_W));
    if (old !== state.ppd) renderAxis();
  }, { passive: false });
  var axisPending = false;
  scroller.addEventListener("scroll", function () {
    if (axisPending) return;
    axisPending = true;
    requestAnimationFrame(function () { axisPending = false; renderAxis(); });
  });

  // ---- controls ----
  var searchTimer = null;
  $("search").addEventListener("input", function (ev) {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { state.q = ev.target.value.trim().toLowerCase(); render(); }, 120);
  });
  document.querySelectorAll('input[name="lanes"]').forEach(function (r) {
    r.addEventListener("change", function () { state.lanesBy = r.value; render(); });
  });
  $("participant").addEventListener("change", function (ev) { state.participant = ev.target.value; render(); });
  $("confidence").addEventListener("input", function (ev) {
    state.conf = +ev.target.value; $("conf-out").textContent = state.conf.toFixed(2); render();
  });
  $("show-none").addEventListener("change", function (ev) { state.showNone = ev.target.checked; render(); });
  $("show-labels").checked = state.labels;
  $("show-labels").addEventListener("change", function (ev) { state.labels = ev.target.checked; render(); });
  $("zoom-in").addEventListener("click", function () { setZoom(state.ppd * 1.5); });
  $("zoom-out").addEventListener("click", function () { setZoom(state.ppd / 1.5); });
  $("zoom-fit").addEventListener("click", fitAll);
  $("zoom-focus").addEventListener("click", focusBusy);
  document.querySelectorAll("#langs button").forEach(function (b) {
    b.addEventListener("click", function () { setLang(b.dataset.lang); });
  });

  function buildFilters() {
    var tc = {}, sc = {};
    EV.forEach(function (e) { tc[e.type] = (tc[e.type] || 0) + 1; sc[e.status] = (sc[e.status] || 0) + 1; });
    function boxes(id, keys, counts, label, store) {
      var fs = $(id), legend = fs.querySelector("legend");
      fs.innerHTML = "";
      fs.appendChild(legend);
      keys.forEach(function (k) {
        var l = document.createElement("label");
        l.innerHTML = '<input type="checkbox" value="' + esc(k) + '"' + (store[k] ? " checked" : "") + "> " +
          esc(label(k)) + ' <span class="count">' + counts[k] + "</span>";
        l.firstChild.addEventListener("change", function (ev) { store[k] = ev.target.checked; render(); });
        fs.appendChild(l);
      });
    }
    boxes("type-filter", Object.keys(tc).sort(function (a, b) { return tc[b] - tc[a] || (a < b ? -1 : 1); }), tc, typeText, state.types);
    boxes("status-filter", STATUSES.filter(function (s) { return sc[s]; }).concat(Object.keys(sc).filter(function (s) {
      return STATUSES.indexOf(s) < 0; })), sc, statusText, state.statuses);
    var sel = $("participant");
    var ids = Object.keys(entityCount).sort(function (a, b) {
      return entityCount[b] - entityCount[a] || entName(a).localeCompare(entName(b));
    });
    sel.innerHTML = '<option value="">' + esc(t("all")) + "</option>" + ids.map(function (id) {
      return '<option value="' + esc(id) + '">' + esc(entName(id)) + " (" + entityCount[id] + ")</option>";
    }).join("");
    sel.value = state.participant;
  }
  function setLang(l, noRender) {
    lang = T[l] ? l : "en";
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (n) { n.textContent = t(n.dataset.i18n); });
    document.querySelectorAll("[data-i18n-label]").forEach(function (n) { n.setAttribute("aria-label", t(n.dataset.i18nLabel)); });
    document.querySelectorAll("#langs button").forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.lang === lang)); });
    $("scope").textContent = (t("scope")[M.title] || M.title);
    var c = M.counts;
    $("summary").textContent = c.events + " " + t("events") + " (" + c.dated + " " + t("dated") + ", " + c.undated + " " +
      t("undatedText") + ") · " + Object.keys(M.articles).length + " " + t(Object.keys(M.articles).length === 1 ? "article" : "articles");
    buildFilters();
    if (noRender) return;
    render();
    if (state.sel != null) showDetail(EV[state.sel]);
  }

  setLang(lang, true);
  focusBusy();
  void lanesEl.offsetHeight; // force the first layout before declaring the page ready
  document.documentElement.dataset.ready = "1";
  window.gbView = { model: M, state: state, render: render, select: select, setZoom: setZoom, setLang: setLang,
    fitAll: fitAll, readyAt: performance.now(), paintedAt: null };
  requestAnimationFrame(function () { setTimeout(function () { window.gbView.paintedAt = performance.now(); }, 0); });
})();
