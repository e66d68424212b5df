/* argkb argument map, large maps: the nodes and edges are not all in the graph at once. The page embeds
   them as a compact table (argkb.export.compact: columns, profiles of shared values, edges as index
   triples; deflated, in base64) in #argkb-traces, inflated once the overview is drawn; a trace, a panel or a
   lever's impacts bring in their own elements, decoded exactly as the small map embeds them. The walks
   here are map.js's traceSet and impactSet on the table (map.js uses these on a large map). */
(function () {
  "use strict";
  var meta = null, table = null, index = null, ins = null, outs = null, made = {}, cy = null, pending = null;

  function active() { return !!(meta && meta.compact); }

  /* the table: base64 of deflated JSON, inflated by the browser (DecompressionStream) off the first paint */
  function start() {
    if (pending) return pending;
    var box = document.getElementById("argkb-traces"), text = box.textContent;
    box.textContent = "";                       // the text is not needed twice
    var bytes;
    if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(text);
    else {
      var binary = atob(text);
      bytes = new Uint8Array(binary.length);
      for (var b = 0; b < binary.length; b++) bytes[b] = binary.charCodeAt(b);
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    pending = new Response(stream).text().then(function (json) { indexTable(JSON.parse(json)); });
    return pending;
  }
  /* run fn once the table is there (at once on a small map, which has none) */
  function ready(fn) {
    if (!active() || table) fn();
    else start().then(fn);
  }
  function load() {
    if (!table) throw new Error("argkb: the map's traces are still being read");
    return table;
  }

  function indexTable(data) {
    table = data;
    var ids = table.columns.id, n = ids.length, e = table.edges;
    index = {}; ins = new Array(n); outs = new Array(n);
    for (var i = 0; i < n; i++) { index[ids[i]] = i; ins[i] = []; outs[i] = []; }
    for (var k = 0; k < e.length; k += 3) { outs[e[k]].push(k); ins[e[k + 1]].push(k); }
    relabel(table.why);
    meta.why = table.why;
  }

  /* the whys' entries {id, …} without a label get their node's (argkb.export.compact leaves them out) */
  function relabel(value) {
    if (Array.isArray(value)) { value.forEach(relabel); return; }
    if (!value || typeof value !== "object") return;
    Object.keys(value).forEach(function (k) { relabel(value[k]); });
    if (typeof value.id === "string" && !("label" in value) && index[value.id] !== undefined) {
      value.label = field(index[value.id], "label");
    }
  }

  function field(i, name) {
    var at = table.profileFields.indexOf(name);
    if (at >= 0) return table.profiles[table.profile[i]][at];
    var column = table.columns[name];
    return column ? column[i] : null;
  }
  function type(i) { return field(i, "type"); }
  function kind(k) { return table.kinds[table.edges[k + 2]].data.kind; }

  function expand(id) {
    var at = id.indexOf(":"), base = table.prefixes[id.slice(0, at)];
    return at > 0 && base !== undefined ? base + id.slice(at + 1) : undefined;
  }

  /* node i as cyjs.node_element makes it */
  function nodeElement(i) {
    var data = {}, row = table.profiles[table.profile[i]];
    table.profileFields.forEach(function (f, j) { if (row[j] !== null) data[f] = row[j]; });
    Object.keys(table.columns).forEach(function (f) { var v = table.columns[f][i]; if (v !== null) data[f] = v; });
    var classes = data.classes;
    delete data.classes;
    data.name = data.label;
    data.value = data.id;
    if (data.iri === undefined) data.iri = expand(data.id);
    if (data.display === undefined) data.display = data.label;
    return { group: "nodes", data: data, classes: classes };
  }
  function edgeElement(k) {
    var look = table.kinds[table.edges[k + 2]], ids = table.columns.id;
    var s = ids[table.edges[k]], t = ids[table.edges[k + 1]];
    var data = Object.assign({ id: s + "__" + look.data.kind + "__" + t, source: s, target: t }, look.data);
    return { group: "edges", data: data, classes: look.classes };
  }

  /* the ids as a Cytoscape collection, adding (hidden until a view shows them) those not yet in it */
  function ensure(ids) {
    load();
    var added = [], fresh = [];
    ids.forEach(function (id) {
      var i = index[id];
      if (i === undefined || made[i]) return;
      made[i] = true;
      fresh.push(i);
      var element = nodeElement(i);
      element.classes += " hidden";
      element.position = { x: (i % 400) * 250, y: Math.floor(i / 400) * 120 };
      added.push(element);
    });
    fresh.forEach(function (i) {
      ins[i].concat(outs[i]).forEach(function (k) {
        if (made[table.edges[k]] && made[table.edges[k + 1]] && !made["e" + k]) {
          made["e" + k] = true;
          var element = edgeElement(k);
          element.classes += " hidden";
          added.push(element);
        }
      });
    });
    if (added.length) window.ArgkbStatus.paint(cy.add(added).nodes());
    var found = [];
    ids.forEach(function (id) { var n = cy.getElementById(id); if (n.length) found.push(n[0]); });
    return cy.collection(found);
  }

  function sources(i, kinds) {
    return ins[i].filter(function (k) { return kinds.indexOf(kind(k)) >= 0; }).map(function (k) { return table.edges[k]; });
  }
  function targets(i, kinds) {
    return outs[i].filter(function (k) { return kinds.indexOf(kind(k)) >= 0; }).map(function (k) { return table.edges[k + 1]; });
  }
  function push(queue, more) { for (var i = 0; i < more.length; i++) queue.push(more[i]); }
  function ids(set) { return Object.keys(set).map(function (i) { return table.columns.id[i]; }); }

  /* map.js's traceSet: the arguments for and against the node, their premises and undercuts, recursively;
     the moves that trigger it (with actor and lever), the actors it affects, what it is a premise of */
  function traceIds(id) {
    load();
    var start = index[id], out = {}, queue = [start];
    if (start === undefined) return [];
    for (var q = 0; q < queue.length; q++) {
      var n = queue[q];
      if (out[n]) continue;
      out[n] = true;
      push(queue, type(n) === "argument" ? sources(n, ["premise", "attacks"]) : sources(n, ["conclusion", "attacks"]));
    }
    var moves = sources(start, ["trigger"]);
    moves.forEach(function (m) { out[m] = true; sources(m, ["actor", "lever"]).forEach(function (x) { out[x] = true; }); });
    targets(start, ["affects"]).forEach(function (x) { out[x] = true; });
    targets(start, ["premise", "conclusion", "attacks"]).forEach(function (u) {
      out[u] = true;
      targets(u, ["conclusion", "attacks"]).forEach(function (x) { out[x] = true; });
    });
    return ids(out);
  }

  /* map.js's impactSet: everything that follows from the node, each implication with its arguments */
  function impactIds(id) {
    load();
    var start = index[id], out = {}, queue = [start];
    if (start === undefined) return [];
    if (type(start) === "actor") push(queue, sources(start, ["affects"]));
    for (var q = 0; q < queue.length; q++) {
      var n = queue[q];
      if (out[n]) continue;
      out[n] = true;
      push(queue, targets(n, ["actor", "lever", "trigger", "premise", "conclusion"]));
    }
    Object.keys(out).forEach(function (c) {
      if (type(c) !== "implication" && type(c) !== "claim") return;
      var args = sources(c, ["conclusion", "attacks"]);
      args.forEach(function (a) { sources(a, ["attacks"]).forEach(function (u) { args.push(u); }); });
      args.forEach(function (a) { out[a] = true; sources(a, ["premise"]).forEach(function (p) { out[p] = true; }); });
    });
    return ids(out);
  }

  /* what a node's panel walks: its trace, its impacts and its neighbours */
  function ensurePanel(id) {
    load();
    var i = index[id];
    if (i === undefined) return;
    var near = ins[i].map(function (k) { return table.columns.id[table.edges[k]]; })
      .concat(outs[i].map(function (k) { return table.columns.id[table.edges[k + 1]]; }));
    ensure(traceIds(id).concat(impactIds(id), near));
  }

  /* [{id, label}] of one node type, by label (the toolbar's selectors) */
  function list(nodeType) {
    load();
    var out = [];
    for (var i = 0; i < table.count; i++) if (type(i) === nodeType) out.push({ id: table.columns.id[i], label: field(i, "label") });
    return out.sort(function (a, b) { return a.label.localeCompare(b.label); });
  }
  function hasLens(key) {
    load();
    var at = table.profileFields.indexOf("perspective");
    if (at < 0) return table.columns.perspective.indexOf(key) >= 0;
    return table.profiles.some(function (row) { return row[at] === key; });
  }

  window.ArgkbLazy = {
    init: function (metadata) { meta = metadata; },
    attach: function (cyInstance) { cy = cyInstance; },
    active: active, start: start, ready: ready, why: function () { load(); return table.why; },
    has: function (id) { load(); return index[id] !== undefined; },
    typeOf: function (id) { load(); return index[id] === undefined ? "" : type(index[id]); },
    element: function (id) { load(); return index[id] === undefined ? null : nodeElement(index[id]); },
    edges: function () { load(); var out = []; for (var k = 0; k < table.edges.length; k += 3) out.push(edgeElement(k)); return out; },
    ensure: ensure, ensurePanel: ensurePanel, traceIds: traceIds, impactIds: impactIds, list: list, hasLens: hasLens
  };
})();
