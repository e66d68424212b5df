/* argkb argument map, the page around the graph: the views (the overview first, or the graph), the
   toolbar (filters, lenses, search, "All nodes", Fit, Reset), the panel as a drawer, and the address
   (#focus=, #select=, #view=, #status=) the page opens on. The graph itself is graph.js
   (window.ArgkbGraph). All text from the knowledge base reaches the page through textContent. */
(function () {
  "use strict";
  var G = window.ArgkbGraph, doc = G.doc, meta = G.meta, lazy = G.lazy, compact = G.compact, el = G.el;
  var state = G.state, graph = G.graph, node = G.node, search = G.search;
  var WIDE = 1100;      // from this width the panel sits beside the view; below it, a drawer over it
  document.getElementById("map-title").textContent = meta.title;
  document.title = meta.title;

  // ------------------------------------------------------------ views
  /* "overview": the implications by lever (overview.js); "graph": the Cytoscape canvas. */
  function setView(view) {
    document.body.classList.toggle("view-overview", view === "overview");
    document.body.setAttribute("data-view", view);
    if (view === "graph") graph().resize();
  }

  function showOverview() {
    setView("overview");
    document.getElementById("status").textContent = "";
  }

  // ------------------------------------------------------------ filters
  var lenses = {};      // lens -> are its arguments shown?
  /* a large map is not drawn whole: say so, and how to get a smaller one */
  function tooLarge() {
    showOverview();
    document.getElementById("status").textContent = "This map has " + meta.compact.nodes + " nodes, too many to draw " +
      "at once: open an implication's trace from the overview, or export a smaller map (--source NAME, --lever NAME).";
  }

  function focusOn(id) {
    if (compact && !id) { tooLarge(); return; }
    var started = performance.now();
    graph();
    state.focusId = id || "";
    document.body.classList.toggle("focused", !!state.focusId);
    document.getElementById("filter-focus").value = state.focusId && node(state.focusId).hasClass("implication") ? state.focusId : "";
    if (!wide()) closePanel();         // the graph takes the screen; "Details" brings the panel back
    applyFilters();
    if (state.focusId) window.ArgkbPanel.show(state.focusId, false);
    document.body.setAttribute("data-focus-ms", String(Math.round(performance.now() - started)));
  }
  function applyFilters() {
    var cy = graph();
    setView("graph");
    var lever = document.getElementById("filter-lever").value;
    var actor = document.getElementById("filter-actor").value;
    if (compact && !state.focusId && !lever && !actor) { tooLarge(); return; }
    if (compact) [state.focusId && G.traceSet(state.focusId), lever && G.impactSet(lever), actor && G.impactSet(actor)];   // bring them in
    var keep = cy.nodes();
    if (state.focusId) keep = keep.intersection(G.traceSet(state.focusId));
    if (lever) keep = keep.intersection(G.impactSet(lever));
    if (actor) keep = keep.intersection(G.impactSet(actor));
    var first = G.level() === "levers";
    if (first) keep = cy.nodes(".lever, .implication");
    document.getElementById("expand").setAttribute("aria-pressed", String(state.expanded));
    document.getElementById("expand").textContent = state.expanded ? "Levers only" : "All nodes";
    cy.batch(function () {
      cy.elements().removeClass("hidden");
      cy.nodes().not(keep).addClass("hidden");
      (first ? cy.edges().not(".summary") : cy.edges(".summary")).addClass("hidden");
      cy.nodes(".argument").forEach(function (a) {
        if (lenses[a.data("perspective")] === false) a.addClass("hidden");
      });
      cy.edges().forEach(function (e) {
        if (e.source().hasClass("hidden") || e.target().hasClass("hidden")) e.addClass("hidden");
      });
    });
    G.draw();
  }

  function fillSelect(selectId, type) {
    var select = document.getElementById(selectId);
    var nodes = compact ? lazy.list(type) : G.cy().nodes("." + type).map(function (n) { return { id: n.id(), label: n.data("label") }; })
      .sort(function (a, b) { return a.label.localeCompare(b.label); });
    nodes.forEach(function (n) {
      var option = el("option", n.label);
      option.value = n.id;
      select.appendChild(option);
    });
    if (selectId !== "filter-focus") select.addEventListener("change", applyFilters);
  }

  function buildLensFilters() {
    var box = document.getElementById("filter-perspectives");
    meta.perspectives.forEach(function (p) {
      if (compact ? !lazy.hasLens(p.key)
          : G.cy().nodes(".argument").filter(function (a) { return a.data("perspective") === p.key; }).empty()) return;
      lenses[p.key] = true;
      var label = el("label", null);
      label.style.background = p.colour;
      var box1 = el("input");
      box1.type = "checkbox";
      box1.checked = true;
      box1.addEventListener("change", function () { lenses[p.key] = box1.checked; applyFilters(); });
      label.appendChild(box1);
      label.appendChild(document.createTextNode(" " + p.label));
      box.appendChild(label);
    });
  }

  // ------------------------------------------------------------ the drawer and the folded toolbar
  function wide() { return window.innerWidth >= WIDE; }
  function openPanel() { document.body.classList.add("panel-open"); document.getElementById("panel-toggle").setAttribute("aria-expanded", "true"); }
  function closePanel() { document.body.classList.remove("panel-open"); document.getElementById("panel-toggle").setAttribute("aria-expanded", "false"); }
  document.getElementById("panel-toggle").addEventListener("click", function () {
    if (document.body.classList.contains("panel-open")) closePanel(); else openPanel();
  });
  document.getElementById("panel-close").addEventListener("click", closePanel);
  document.getElementById("more-toggle").addEventListener("click", function (ev) {
    var open = document.body.classList.toggle("more-open");
    ev.target.setAttribute("aria-expanded", String(open));
    var cy = G.cy();
    if (cy && document.body.dataset.view === "graph") cy.resize();
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && !wide()) closePanel(); });

  /* The overview's "why": the panel on implication ``id``, the why under ``lens`` in full (null: the
     lens by lens view, with the status lens's why in full) — beside the overview, or as a drawer over it. */
  function why(id, lens) {
    graph();
    window.ArgkbWhy.pick(lens);
    window.ArgkbPanel.show(id, false);
    window.ArgkbOverview.mark(id);
    openPanel();
    document.getElementById("panel").scrollTop = 0;      // its name first, then the why
  }

  document.getElementById("filter-focus").addEventListener("change", function (ev) { focusOn(ev.target.value); });
  document.getElementById("search").addEventListener("input", function (ev) {
    if (document.body.dataset.view === "overview") { window.ArgkbOverview.filter(ev.target.value); return; }
    graph(); search(ev.target.value);
  });
  document.getElementById("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var cy = graph(), hits = cy.nodes(".match"); if (hits.length) cy.animate({ fit: { eles: hits, padding: 60 } }); }
  });
  document.getElementById("fit").addEventListener("click", function () { var cy = graph(); cy.fit(cy.elements().not(".hidden"), 20); });
  document.getElementById("view-overview").addEventListener("click", function () {
    showOverview();
    window.ArgkbOverview.filter(document.getElementById("search").value);
  });
  document.getElementById("expand").addEventListener("click", function () {
    if (compact) { tooLarge(); return; }
    state.expanded = !state.expanded; graph(); applyFilters();
  });
  document.getElementById("view-graph").addEventListener("click", function () { focusOn(""); });
  document.getElementById("reset").addEventListener("click", function () {
    graph();
    document.getElementById("filter-lever").value = "";
    document.getElementById("filter-actor").value = "";
    document.getElementById("search").value = "";
    state.focusId = "";
    state.expanded = false;
    document.getElementById("filter-focus").value = "";
    Object.keys(lenses).forEach(function (k) { lenses[k] = true; });
    document.querySelectorAll("#filter-perspectives input").forEach(function (i) { i.checked = true; });
    search("");
    applyFilters();
  });

  // #focus=ID shows only that node's trace; #select=ID opens its panel on the whole map (at the first
  // level for a lever or an implication, with every node for any other); #view=graph opens on the whole
  // map's first level, #view=all on every node; #status=LENS colours by status under a lens
  // (overall, realism, ..., off); joined with "&". Without any, the page opens on the overview, with
  // (from WIDE pixels) the panel on the implication where the lenses disagree most sharply.
  function decode(text) {
    try { return decodeURIComponent(text); } catch (e) { return text; }   // a malformed %-escape stays as written
  }
  var hash = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    var m = part.match(/^(focus|select|status|view)=(.+)$/);
    if (m) hash[m[1]] = decode(m[2]);
  });
  G.connect({ focus: focusOn, openPanel: openPanel, status: hash.status,
              controls: function () {
                buildLensFilters();
                fillSelect("filter-focus", "implication");
                fillSelect("filter-lever", "lever");
                fillSelect("filter-actor", "actor");
              } });
  window.ArgkbStatus.init(null, meta, el);     // the badges and the lens selector; the graph comes later
  window.ArgkbOverview.init(meta, el);
  // a large map's traces are read once the overview is drawn: what needs them waits for them
  window.ArgkbOverview.render({ open: function (id) { lazy.ready(function () { focusOn(id); }); },
                                why: function (id, lens) { lazy.ready(function () { why(id, lens); }); } });
  if (compact) setTimeout(function () { lazy.ready(opening); }, 0);   // after the overview's first paint
  else opening();
  function opening() {
    var wanted = hash.focus || hash.select || "";
    var known = compact ? !!wanted && lazy.has(wanted) : Object.prototype.hasOwnProperty.call(G.ids, wanted);
    if (hash.focus && known) {
      focusOn(wanted);
    } else if (compact && hash.select && known) {
      focusOn(wanted);                   // a large map is not drawn whole: the node's trace, its panel open
      openPanel();
    } else if (compact && (hash.view === "graph" || hash.view === "all")) {
      tooLarge();
    } else if ((hash.select && known) || hash.view === "graph" || hash.view === "all") {
      var type = known ? doc.elements.nodes.filter(function (n) { return n.data.id === wanted; })[0].data.type : "";
      state.expanded = hash.view === "all" || (!!type && type !== "lever" && type !== "implication");
      focusOn("");
      if (known) { window.ArgkbPanel.show(wanted, false); if (hash.select) openPanel(); }
    } else {
      showOverview();
      if (wanted) document.getElementById("status").textContent = "no node " + wanted + " in this map";
      setTimeout(function () {
        graph();
        // beside the overview, the panel opens on the implication the overview leads with
        if (wide() && (meta.disagree || []).length) {
          window.ArgkbPanel.show(meta.disagree[0], false);
          window.ArgkbOverview.mark(meta.disagree[0]);
        }
        document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
        document.body.setAttribute("data-ready", "true");
      }, 30);
    }
  }
})();
