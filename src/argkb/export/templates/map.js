/* argkb argument map: draws the embedded Cytoscape.js document with a layered (dagre) layout.
   All text from the knowledge base reaches the page through textContent, never as markup. */
(function () {
  "use strict";
  var doc = JSON.parse(document.getElementById("argkb-data").textContent);
  var meta = doc.argkb;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  var BASE_FONT = 12;   // CSS pixels of a node label at zoom 1
  var LARGE = 600;      // nodes from which the whole graph is ranked the fast way
  document.getElementById("map-title").textContent = meta.title;
  document.title = meta.title;

  var cy = null;        // created on first need (graph()): the overview does not wait for it
  var ids = {};         // node ids, for the address before the graph exists
  doc.elements.nodes.forEach(function (n) { ids[n.data.id] = true; });

  /* Lays out what is shown with dagre. A focused trace is laid out bottom-to-top and left-to-right
     and keeps the one that fits the canvas at the larger zoom; it is then fitted, but never below the
     zoom at which labels reach their minimum size (with the focused node in view if it has to be cut). */
  function runLayout() {
    // affects-edges point back down to actors; leave them out so the layers stay
    // premises -> arguments -> implications, bottom to top.
    var laid = cy.elements().not(".hidden").not("edge.affects");
    var options = { name: "dagre", nodeSep: 14, rankSep: 50, edgeSep: 8, animate: false, fit: false,
                    // dagre's default ranker takes minutes on thousands of nodes; longest-path takes seconds
                    ranker: laid.nodes().length > LARGE ? "longest-path" : "network-simplex" };
    var best = null;
    (focusId ? ["LR", "BT"] : ["BT"]).forEach(function (dir) {
      laid.layout(Object.assign({ rankDir: dir }, options)).run();
      var bb = laid.boundingBox(), zoom = Math.min(cy.width() / (bb.w + 60), cy.height() / (bb.h + 60));
      if (!best || zoom > best.zoom + 1e-6) best = { dir: dir, zoom: zoom };
    });
    if (focusId && best.dir !== "BT") laid.layout(Object.assign({ rankDir: best.dir }, options)).run();
    document.body.setAttribute("data-layout", best.dir);
    fitView();
  }

  var clipped = false;   // is part of the focused trace outside the canvas?
  function fitView() {
    clipped = false;
    cy.fit(cy.elements().not(".hidden"), 30);
    var floor = meta.minLabelPx / BASE_FONT;
    if (focusId && cy.zoom() < floor) {
      // too big to fit at a readable size: keep that size, with the focused node as near the middle
      // as the trace allows without showing empty canvas beyond it (the rest is a drag away)
      clipped = true;
      cy.zoom(floor);
      var bb = cy.elements().not(".hidden").boundingBox(), at = node(focusId).position();
      cy.pan({ x: panAxis(bb.x1, bb.x2, at.x, cy.width(), floor), y: panAxis(bb.y1, bb.y2, at.y, cy.height(), floor) });
    }
  }

  function panAxis(low, high, focus, size, zoom) {
    var margin = 30;
    if ((high - low) * zoom + 2 * margin <= size) return (size - (low + high) * zoom) / 2;
    var pan = size / 2 - focus * zoom;
    return Math.min(margin - low * zoom, Math.max(size - margin - high * zoom, pan));
  }

  // ------------------------------------------------------------ views
  /* "overview": the implications by lever (overview.js); "graph": the Cytoscape canvas. */
  function setView(view) {
    document.body.classList.toggle("view-overview", view === "overview");
    document.body.setAttribute("data-view", view);
    if (view === "graph") graph().resize();
  }

  function showOverview() {
    setView("overview");
    document.getElementById("status").textContent = meta.counts.nodes + " nodes, " + meta.counts.edges + " edges";
  }

  // ------------------------------------------------------------ graph walks
  function node(id) { return cy.getElementById(id); }
  function into(id, kind) { return node(id).incomers("edge." + kind).sources(); }
  function outOf(id, kind) { return node(id).outgoers("edge." + kind).targets(); }

  /* Everything that follows from a node: moves an actor or lever is worked by, implications those
     trigger, arguments they are premises of and what those conclude, recursively; an actor also
     brings the implications that affect it. Each implication comes with its arguments and premises. */
  function impactSet(id) {
    var seen = {}, queue = [id], out = cy.collection();
    if (node(id).hasClass("actor")) node(id).incomers("edge.affects").sources().forEach(function (n) { queue.push(n.id()); });
    while (queue.length) {
      var here = queue.shift();
      if (seen[here]) continue;
      seen[here] = true;
      var n = node(here);
      out = out.union(n);
      n.outgoers("edge.actor, edge.lever, edge.trigger, edge.premise, edge.conclusion").targets()
        .forEach(function (t) { queue.push(t.id()); });
    }
    out.filter(".implication, .claim").forEach(function (c) {
      var args = c.incomers("edge.conclusion, edge.attacks").sources();
      args = args.union(args.incomers("edge.attacks").sources());
      out = out.union(args).union(args.incomers("edge.premise").sources());
    });
    return out;
  }

  /* A node's trace: the arguments for and against it, their premises and undercuts, recursively;
     with the moves that trigger it (and their actor and lever), the actors it affects, and the
     arguments it is itself a premise of, with what they conclude. */
  function traceSet(id) {
    var start = node(id), out = start, queue = [start], seen = {};
    while (queue.length) {
      var n = queue.shift();
      if (seen[n.id()]) continue;
      seen[n.id()] = true;
      out = out.union(n);
      var up = n.hasClass("argument") ? n.incomers("edge.premise, edge.attacks").sources()
                                      : n.incomers("edge.conclusion, edge.attacks").sources();
      up.forEach(function (m) { queue.push(m); });
    }
    var moves = start.incomers("edge.trigger").sources();
    out = out.union(moves).union(moves.incomers("edge.actor, edge.lever").sources());
    out = out.union(start.outgoers("edge.affects").targets());
    var uses = start.outgoers("edge.premise, edge.conclusion, edge.attacks").targets();
    return out.union(uses).union(uses.outgoers("edge.conclusion, edge.attacks").targets());
  }

  // ------------------------------------------------------------ filters
  var lenses = {}, focusId = "";
  function focusOn(id) {
    graph();
    focusId = id || "";
    document.body.classList.toggle("focused", !!focusId);
    document.getElementById("filter-focus").value = focusId && node(focusId).hasClass("implication") ? focusId : "";
    applyFilters();
    if (focusId) window.ArgkbPanel.show(focusId, false);
  }
  function applyFilters() {
    graph();
    setView("graph");
    var lever = document.getElementById("filter-lever").value;
    var actor = document.getElementById("filter-actor").value;
    var keep = cy.nodes();
    if (focusId) keep = keep.intersection(traceSet(focusId));
    if (lever) keep = keep.intersection(impactSet(lever));
    if (actor) keep = keep.intersection(impactSet(actor));
    cy.batch(function () {
      cy.elements().removeClass("hidden");
      cy.nodes().not(keep).addClass("hidden");
      cy.nodes(".argument").forEach(function (a) {
        if (lenses[a.data("perspective")] === false) a.addClass("hidden");
      });
      cy.edges().forEach(function (e) {
        if (e.source().hasClass("hidden") || e.target().hasClass("hidden")) e.addClass("hidden");
      });
    });
    runLayout();
    report();
  }

  function report() {
    var shownNodes = cy.nodes().not(".hidden").length, shownEdges = cy.edges().not(".hidden").length;
    document.body.setAttribute("data-rendered-nodes", String(shownNodes));
    document.body.setAttribute("data-rendered-edges", String(shownEdges));
    document.getElementById("status").textContent = shownNodes + " nodes, " + shownEdges + " edges" +
      (clipped ? " (drag to see the rest, or Fit)" : "");
  }

  function fillSelect(selectId, type) {
    var select = document.getElementById(selectId);
    cy.nodes("." + type).sort(function (a, b) { return a.data("label").localeCompare(b.data("label")); })
      .forEach(function (n) {
        var option = el("option", n.data("label"));
        option.value = n.id();
        select.appendChild(option);
      });
    if (selectId !== "filter-focus") select.addEventListener("change", applyFilters);
  }

  function buildLensFilters() {
    var box = document.getElementById("filter-perspectives");
    meta.perspectives.forEach(function (p) {
      if (cy.nodes(".argument").filter(function (a) { return a.data("perspective") === p.key; }).empty()) return;
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

  // ------------------------------------------------------------ search
  function search(text) {
    var q = text.trim().toLowerCase();
    cy.batch(function () {
      cy.elements().removeClass("faded match");
      if (!q) return;
      var hits = cy.nodes().filter(function (n) {
        return ["label", "statement", "warrant", "quote", "iri"].some(function (k) {
          var v = n.data(k);
          return v && String(v).toLowerCase().indexOf(q) >= 0;
        });
      });
      cy.elements().not(hits).addClass("faded");
      hits.addClass("match");
    });
  }

  window.ArgkbMap = { cy: null, impactSet: impactSet, traceSet: traceSet, search: search, focus: focusOn, graph: graph };

  /* The Cytoscape.js graph and everything that needs it: created on the first action that shows the
     graph, or just after the overview is drawn. */
  function graph() {
    if (cy) return cy;
    cy = cytoscape({
      container: document.getElementById("cy"),
      elements: doc.elements,
      style: doc.style.concat([
        // level of detail by zoom: a label that would be drawn smaller than minLabelPx is left out
        { selector: "node", style: { "font-size": BASE_FONT, "min-zoomed-font-size": meta.minLabelPx } },
        { selector: "node.implication", style: { "font-size": BASE_FONT + 2 } },
        { selector: "edge", style: { "min-zoomed-font-size": meta.minLabelPx } }
      ], window.ArgkbStatus.styles(meta), [
        { selector: ".faded", style: { opacity: 0.15 } },
        { selector: ".match", style: { "underlay-color": "#ffbe0b", "underlay-opacity": 0.6, "underlay-padding": 8 } },
        { selector: "node:selected", style: { "underlay-color": "#1d3557", "underlay-opacity": 0.35, "underlay-padding": 10 } },
        { selector: ".hidden", style: { display: "none" } }
      ]),
      wheelSensitivity: 0.3,
      minZoom: 0.01,
      maxZoom: 4
    });
    window.ArgkbMap.cy = cy;
    buildLensFilters();
    fillSelect("filter-focus", "implication");
    fillSelect("filter-lever", "lever");
    fillSelect("filter-actor", "actor");
    cy.on("dbltap", "node", function (ev) { focusOn(ev.target.id()); });
    cy.on("tap", "node", function (ev) { window.ArgkbPanel.show(ev.target.id()); });
    // the full label on hover (graph labels are shortened)
    var tip = document.getElementById("tip");
    cy.on("mouseover", "node", function (ev) {
      var n = ev.target, p = n.renderedPosition();
      tip.textContent = n.data("label");
      tip.style.left = Math.max(0, p.x - 40) + "px";
      tip.style.top = (p.y + n.renderedOuterHeight() / 2 + 6) + "px";
      tip.hidden = false;
    });
    cy.on("mouseout", "node", function () { tip.hidden = true; });
    cy.on("viewport", function () { tip.hidden = true; });
    window.ArgkbPanel.init(cy, meta, el);
    window.ArgkbStatus.attach(cy);
    window.ArgkbStatus.set(hash.status || meta.statusLens);
    document.body.setAttribute("data-graph-ready", "true");
    return cy;
  }

  document.getElementById("filter-focus").addEventListener("change", function (ev) { focusOn(ev.target.value); });
  document.getElementById("search").addEventListener("input", function (ev) { graph(); search(ev.target.value); });
  document.getElementById("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var hits = graph().nodes(".match"); if (hits.length) cy.animate({ fit: { eles: hits, padding: 60 } }); }
  });
  document.getElementById("fit").addEventListener("click", function () { graph().fit(cy.elements().not(".hidden"), 20); });
  document.getElementById("view-overview").addEventListener("click", showOverview);
  document.getElementById("view-graph").addEventListener("click", function () { focusOn(""); });
  document.getElementById("reset").addEventListener("click", function () {
    graph();
    document.getElementById("filter-lever").value = "";
    document.getElementById("filter-actor").value = "";
    document.getElementById("search").value = "";
    focusId = "";
    document.getElementById("filter-focus").value = "";
    Object.keys(lenses).forEach(function (k) { lenses[k] = true; });
    document.querySelectorAll("#filter-perspectives input").forEach(function (i) { i.checked = true; });
    search("");
    applyFilters();
  });

  // #focus=ID shows only that node's trace; #select=ID opens its panel on the whole map;
  // #view=graph opens on the whole map; #status=LENS colours by status under a lens
  // (overall, realism, ..., off); joined with "&". Without any, the page opens on the overview.
  function decode(text) {
    try { return decodeURIComponent(text); } catch (e) { return text; }   // a malformed %-escape stays as written
  }
  var hash = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    var m = part.match(/^(focus|select|status|view)=(.+)$/);
    if (m) hash[m[1]] = decode(m[2]);
  });
  window.ArgkbStatus.init(null, meta, el);     // the badges and the lens selector; the graph comes later
  window.ArgkbOverview.init(meta, el);
  window.ArgkbOverview.render(focusOn);
  var wanted = hash.focus || hash.select || "";
  var known = Object.prototype.hasOwnProperty.call(ids, wanted);
  if (hash.focus && known) {
    focusOn(wanted);
  } else if ((hash.select && known) || hash.view === "graph") {
    focusOn("");
    if (known) window.ArgkbPanel.show(wanted, false);
  } else {
    showOverview();
    if (wanted) document.getElementById("status").textContent = "no node " + wanted + " in this map";
    setTimeout(graph, 30);
  }
})();
