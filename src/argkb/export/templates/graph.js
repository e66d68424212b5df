/* argkb argument map, the graph: the embedded Cytoscape.js document drawn on its canvas. The whole graph
   opens on its first level, the levers and the implications that hang on them, packed to the canvas with
   readable labels; a trace or "All nodes" brings in the claims and arguments, laid out in layers with
   dagre. Also the walks over the graph (a node's trace, what follows from it) and the search. The
   toolbar, the address and the switching between views are views.js, which connects to this through
   window.ArgkbGraph. All text from the knowledge base reaches the page through textContent, never as
   markup. */
(function () {
  "use strict";
  var doc = JSON.parse(document.getElementById("argkb-data").textContent);
  var meta = doc.argkb;
  var lazy = window.ArgkbLazy;     // a large map: elements brought in as views need them (lazy.js)
  lazy.init(meta);
  var compact = lazy.active();

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  var BASE_FONT = 14;   // CSS pixels of a node label at zoom 1 (the node boxes fit 22 characters at this size)
  var LARGE = 600;      // nodes from which the whole graph is ranked the fast way

  var cy = null;        // created on first need (graph()): the overview does not wait for it
  var ids = {};         // node ids, for the address before the graph exists
  doc.elements.nodes.forEach(function (n) { ids[n.data.id] = true; });
  var state = { focusId: "", expanded: false };   // the trace in focus ("" none); "All nodes" pressed
  var hooks = {};      // what views.js does for the graph (connect())

  /* Lays out what is shown with dagre. A focused trace is laid out bottom-to-top and left-to-right
     and keeps the one that fits the canvas at the larger zoom; it is then fitted, but never below the
     zoom at which labels reach their minimum size (with the focused node in view if it has to be cut). */
  function runLayout() {
    if (level() === "levers") { packLevers(); fitView(); return; }
    // affects-edges point back down to actors, and the levers' summary edges skip the moves; leave them
    // out so the layers stay premises -> arguments -> implications, bottom to top.
    var laid = cy.elements().not(".hidden").not("edge.affects").not("edge.summary");
    var options = { name: "dagre", nodeSep: 14, rankSep: 50, edgeSep: 8, animate: false, fit: false,
                    // dagre's default ranker takes minutes on thousands of nodes; longest-path takes seconds
                    ranker: laid.nodes().length > LARGE ? "longest-path" : "network-simplex" };
    var best = null;
    (state.focusId ? ["LR", "BT"] : ["BT"]).forEach(function (dir) {
      laid.layout(Object.assign({ rankDir: dir }, options)).run();
      var bb = laid.boundingBox(), zoom = Math.min(cy.width() / (bb.w + 60), cy.height() / (bb.h + 60));
      if (!best || zoom > best.zoom + 1e-6) best = { dir: dir, zoom: zoom };
    });
    if (state.focusId && best.dir !== "BT") laid.layout(Object.assign({ rankDir: best.dir }, options)).run();
    document.body.setAttribute("data-layout", best.dir);
    fitView();
  }

  var clipped = false;   // is part of the focused trace outside the canvas?
  function fitView() {
    clipped = false;
    cy.fit(cy.elements().not(".hidden"), 30);
    var floor = meta.minLabelPx / BASE_FONT;
    if (level() === "levers" && cy.zoom() < floor) {
      // the first level keeps its labels readable: the heaviest levers, top left, in view
      clipped = true;
      var box = cy.elements().not(".hidden").boundingBox();
      cy.zoom(floor);
      cy.pan({ x: 30 - box.x1 * floor, y: 30 - box.y1 * floor });
    } else if (state.focusId && cy.zoom() < floor) {
      // too big to fit at a readable size: keep that size, with the focused node as near the middle
      // as the trace allows without showing empty canvas beyond it (the rest is a drag away)
      clipped = true;
      cy.zoom(floor);
      var bb = cy.elements().not(".hidden").boundingBox(), at = node(state.focusId).position();
      cy.pan({ x: panAxis(bb.x1, bb.x2, at.x, cy.width(), floor), y: panAxis(bb.y1, bb.y2, at.y, cy.height(), floor) });
    }
  }

  function panAxis(low, high, focus, size, zoom) {
    var margin = 30;
    if ((high - low) * zoom + 2 * margin <= size) return (size - (low + high) * zoom) / 2;
    var pan = size / 2 - focus * zoom;
    return Math.min(margin - low * zoom, Math.max(size - margin - high * zoom, pan));
  }

  // ------------------------------------------------------------ the first level: levers -> implications
  /* "levers" when the whole graph is shown unfiltered and not expanded, else "all" */
  function level() {
    return !compact && !state.expanded && !state.focusId && !document.getElementById("filter-lever").value &&
      !document.getElementById("filter-actor").value ? "levers" : "all";
  }

  /* An edge from each lever to each implication one of its moves triggers (the moves themselves are
     the next level down): drawn only at the first level. */
  function addSummaryEdges() {
    var added = [];
    cy.nodes(".lever").forEach(function (lever) {
      var seen = {};
      lever.outgoers("edge.lever").targets().outgoers("edge.trigger").targets().forEach(function (impl) {
        if (seen[impl.id()]) return;
        seen[impl.id()] = true;
        added.push({ group: "edges", classes: "summary",
                     data: { id: "summary:" + lever.id() + ">" + impl.id(), source: lever.id(), target: impl.id(),
                             kind: "leads to", color: "#1d3557", line: "solid", width: 1.5, arrow: "triangle" } });
      });
    });
    cy.add(added);
  }

  /* Lays out the first level without dagre: one block per lever (the lever, its implications in a column
     to its right), the levers on which most hangs first (the overview's order); an implication of several
     levers sits with the first. Blocks go into as many columns as make the whole fit the canvas best. */
  function packLevers() {
    var shown = cy.nodes().not(".hidden"), placed = {}, blocks = [];
    var implW = 0, leverW = 0, gapY = 10, gapX = 50, pad = 30;
    shown.filter(".implication").forEach(function (n) { implW = Math.max(implW, n.data("width")); });
    shown.filter(".lever").forEach(function (n) { leverW = Math.max(leverW, n.data("width")); });
    meta.overview.forEach(function (group) {
      var lever = group.lever ? cy.getElementById(group.lever) : null, impls = [];
      group.rows.forEach(function (r) {
        if (placed[r.id]) return;
        placed[r.id] = true;
        impls.push(cy.getElementById(r.id));
      });
      var h = impls.reduce(function (sum, n) { return sum + n.data("height") + gapY; }, 0);
      if (lever && lever.length) h = Math.max(h, lever.data("height"));
      blocks.push({ lever: lever && lever.length ? lever : null, impls: impls, h: h });
    });
    shown.filter(".lever").forEach(function (n) {          // a lever that triggers no implication
      if (!blocks.some(function (b) { return b.lever && b.lever.id() === n.id(); })) blocks.push({ lever: n, impls: [], h: n.data("height") });
    });
    var blockW = leverW + gapX + implW, W = Math.max(cy.width(), 1), H = Math.max(cy.height(), 1), best = null;
    // as many columns as fit the canvas's width at the smallest readable zoom: what does not fit is below
    var readable = Math.max(1, Math.floor((W / (meta.minLabelPx / BASE_FONT) - 60 + pad) / (blockW + pad)));
    for (var cols = 1; cols <= Math.min(readable, Math.max(1, blocks.length)); cols++) {
      var heights = [], where = [];
      for (var c = 0; c < cols; c++) heights.push(0);
      blocks.forEach(function (b) {
        var col = heights.indexOf(Math.min.apply(null, heights));
        where.push({ col: col, y: heights[col] });
        heights[col] += b.h + pad;
      });
      var total = { w: cols * (blockW + pad), h: Math.max.apply(null, heights) };
      var zoom = Math.min(W / total.w, H / total.h), floor = meta.minLabelPx / BASE_FONT;
      // the best fit; when none fits at a readable zoom, the widest that does (the rest is a scroll down)
      if (!best || Math.min(zoom, floor) >= Math.min(best.zoom, floor)) best = { zoom: zoom, where: where };
    }
    cy.batch(function () {
      blocks.forEach(function (b, i) {
        var x0 = best.where[i].col * (blockW + pad), y = best.where[i].y;
        if (b.lever) b.lever.position({ x: x0 + leverW / 2, y: y + b.h / 2 });
        b.impls.forEach(function (n) {
          n.position({ x: x0 + leverW + gapX + implW / 2, y: y + n.data("height") / 2 });
          y += n.data("height") + gapY;
        });
      });
    });
    document.body.setAttribute("data-layout", "levers");
  }

  /* The size labels are drawn at, in CSS pixels, for the tests and for the reader: data-label-px on
     #cy, the smallest label of the nodes in view (0 when none is), with data-labels-drawn, how many of
     them are large enough to be drawn at all (min-zoomed-font-size). */
  function reportLabels() {
    var W = cy.width(), H = cy.height(), z = cy.zoom(), smallest = Infinity, drawn = 0, inView = 0;
    cy.nodes().forEach(function (n) {
      if (!n.visible()) return;
      var b = n.renderedBoundingBox();
      if (b.x2 < 0 || b.y2 < 0 || b.x1 > W || b.y1 > H) return;
      var px = parseFloat(n.style("font-size")) * z;
      inView += 1;
      smallest = Math.min(smallest, px);
      if (px >= meta.minLabelPx) drawn += 1;
    });
    var box = document.getElementById("cy");
    box.setAttribute("data-label-px", inView ? smallest.toFixed(1) : "0");
    box.setAttribute("data-labels-drawn", String(drawn));
    box.setAttribute("data-nodes-in-view", String(inView));
    box.setAttribute("data-level", level());
    var note = document.getElementById("cy-note");
    var text = "";
    if (level() === "levers") text = "Levers and the implications that hang on them. Double-click an implication for its " +
      "claims and arguments, or press All nodes.";
    else if (drawn < inView) text = (inView - drawn) + " of " + inView + " labels are too small to draw here: zoom in, " +
      "or double-click an implication for its trace.";
    note.textContent = text;
    note.hidden = !text;
  }

  function report() {
    var shownNodes = cy.nodes().not(".hidden").length, shownEdges = cy.edges().not(".hidden").length;
    document.body.setAttribute("data-rendered-nodes", String(shownNodes));
    document.body.setAttribute("data-rendered-edges", String(shownEdges));
    document.getElementById("status").textContent = (level() === "levers" ?
      cy.nodes(".lever").not(".hidden").length + " levers, " + cy.nodes(".implication").not(".hidden").length + " implications"
      : shownNodes + " nodes, " + shownEdges + " edges") + (clipped ? " (drag to see the rest, or Fit)" : "");
  }

  // ------------------------------------------------------------ graph walks
  function node(id) { return cy.getElementById(id); }
  function into(id, kind) { return node(id).incomers("edge." + kind).sources(); }
  function outOf(id, kind) { return node(id).outgoers("edge." + kind).targets(); }

  /* Everything that follows from a node: moves an actor or lever is worked by, implications those
     trigger, arguments they are premises of and what those conclude, recursively; an actor also
     brings the implications that affect it. Each implication comes with its arguments and premises. */
  function impactSet(id) {
    if (compact) return lazy.ensure(lazy.impactIds(id));
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
    if (compact) return lazy.ensure(lazy.traceIds(id));
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

  window.ArgkbMap = { cy: null, impactSet: impactSet, traceSet: traceSet, search: search,
                      focus: function (id) { hooks.focus(id); }, graph: graph };

  /* The Cytoscape.js graph and everything that needs it: created on the first action that shows the
     graph, or just after the overview is drawn. */
  function graph() {
    if (cy) return cy;
    // every node starts on a cell of a grid of its own until a view lays it out: edges between nodes that
    // all sat at (0, 0) had no endpoints Cytoscape.js could draw ("Edge … has invalid endpoints")
    var columns = Math.ceil(Math.sqrt(doc.elements.nodes.length));
    doc.elements.nodes.forEach(function (n, i) { n.position = { x: (i % columns) * 250, y: Math.floor(i / columns) * 120 }; });
    cy = cytoscape({
      container: document.getElementById("cy"),
      elements: compact ? [] : doc.elements,
      style: doc.style.concat([
        // level of detail by zoom: a label that would be drawn smaller than minLabelPx is left out
        { selector: "node", style: { "font-size": BASE_FONT, "min-zoomed-font-size": meta.minLabelPx,
                                     // a line that runs past a narrow shape (a diamond's tips) stays legible
                                     "text-outline-color": "data(color)", "text-outline-width": 2 } },
        { selector: "node.implication", style: { "font-size": BASE_FONT } },
        { selector: "edge", style: { "min-zoomed-font-size": meta.minLabelPx } },
        { selector: "edge.summary", style: { label: "", "curve-style": "straight", opacity: 0.6 } }
      ], window.ArgkbStatus.styles(meta), [
        { selector: ".faded", style: { opacity: 0.15 } },
        { selector: ".match", style: { "underlay-color": "#ffbe0b", "underlay-opacity": 0.6, "underlay-padding": 8 } },
        { selector: "node:selected", style: { "underlay-color": "#1d3557", "underlay-opacity": 0.35, "underlay-padding": 10 } },
        { selector: ".hidden", style: { display: "none" } }
      ]),
      layout: { name: "preset", fit: false },   // the positions above, nothing fitted before a view is shown
      minZoom: 0.01,
      maxZoom: 4
    });
    window.ArgkbMap.cy = cy;
    lazy.attach(cy);
    addSummaryEdges();
    var pending = null;
    cy.on("viewport", function () {
      if (pending) return;
      pending = setTimeout(function () { pending = null; if (document.body.dataset.view === "graph") reportLabels(); }, 120);
    });
    hooks.controls();    // the toolbar's lens boxes and node lists, now that the graph holds the nodes
    cy.on("dbltap", "node", function (ev) { hooks.focus(ev.target.id()); });
    cy.on("tap", "node", function (ev) { window.ArgkbPanel.show(ev.target.id()); hooks.openPanel(); });
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
    window.ArgkbStatus.set(hooks.status || meta.statusLens);
    document.body.setAttribute("data-graph-ready", "true");
    return cy;
  }

  /* What views.js needs of the graph. connect() hands over what the graph needs of views.js, before
     anything can call graph(): focus(id) shows a node's trace, openPanel() the panel, controls() fills
     the toolbar's lens boxes and node lists; status is the lens the address asks for. */
  window.ArgkbGraph = {
    doc: doc, meta: meta, lazy: lazy, compact: compact, ids: ids, el: el, state: state,
    graph: graph, cy: function () { return cy; }, node: node, level: level,
    impactSet: impactSet, traceSet: traceSet, search: search,
    /* lays out what is shown and reports it (status line, data-* attributes, label sizes) */
    draw: function () { runLayout(); report(); reportLabels(); },
    connect: function (handlers) { hooks = handlers; }
  };
})();
