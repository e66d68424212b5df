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

  document.getElementById("map-title").textContent = meta.title;
  document.title = meta.title;

  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: doc.elements,
    style: doc.style.concat(window.ArgkbStatus.styles(meta), [
      { selector: ".faded", style: { opacity: 0.15 } },
      { selector: ".match", style: { "underlay-color": "#ffbe0b", "underlay-opacity": 0.6, "underlay-padding": 8 } },
      { selector: "node:selected", style: { "underlay-color": "#1d3557", "underlay-opacity": 0.35, "underlay-padding": 10 } },
      { selector: ".hidden", style: { display: "none" } }
    ]),
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 4
  });

  function runLayout() {
    // affects-edges point back down to actors; leave them out so the layers stay
    // premises -> arguments -> implications, bottom to top.
    var laid = cy.elements().not(".hidden").not("edge.affects");
    laid.layout({ name: "dagre", rankDir: "BT", nodeSep: 18, rankSep: 70, edgeSep: 8,
                  animate: false, fit: true, padding: 20 }).run();
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
    focusId = id || "";
    document.getElementById("filter-focus").value = focusId && node(focusId).hasClass("implication") ? focusId : "";
    applyFilters();
    if (focusId) window.ArgkbPanel.show(focusId, false);
  }
  function applyFilters() {
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
    document.getElementById("status").textContent = shownNodes + " nodes, " + shownEdges + " edges";
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

  window.ArgkbMap = { cy: cy, impactSet: impactSet, traceSet: traceSet, search: search, focus: focusOn };
  buildLensFilters();
  fillSelect("filter-focus", "implication");
  document.getElementById("filter-focus").addEventListener("change", function (ev) { focusOn(ev.target.value); });
  cy.on("dbltap", "node", function (ev) { focusOn(ev.target.id()); });
  fillSelect("filter-lever", "lever");
  fillSelect("filter-actor", "actor");
  document.getElementById("search").addEventListener("input", function (ev) { search(ev.target.value); });
  document.getElementById("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var hits = cy.nodes(".match"); if (hits.length) cy.animate({ fit: { eles: hits, padding: 60 } }); }
  });
  document.getElementById("fit").addEventListener("click", function () { cy.fit(cy.elements().not(".hidden"), 20); });
  document.getElementById("reset").addEventListener("click", function () {
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
  cy.on("tap", "node", function (ev) { window.ArgkbPanel.show(ev.target.id()); });
  window.ArgkbPanel.init(cy, meta, el);
  window.ArgkbStatus.init(cy, meta, el);
  // #focus=ID shows only that node's trace; #select=ID opens its panel on the whole map;
  // #status=LENS colours by status under a lens (overall, realism, ..., off); joined with "&"
  var hash = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    var m = part.match(/^(focus|select|status)=(.+)$/);
    if (m) hash[m[1]] = decodeURIComponent(m[2]);
  });
  window.ArgkbStatus.set(hash.status || meta.statusLens);
  var wanted = hash.focus || hash.select || "";
  if (hash.focus && node(wanted).length) {
    focusOn(wanted);
  } else {
    runLayout();
    report();
    if (wanted && node(wanted).length) window.ArgkbPanel.show(wanted, false);
  }
})();
