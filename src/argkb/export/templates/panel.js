/* argkb argument map: the side panel — a clicked node's trace (arguments for and against it, lens by
   lens, with warrants, premises and quotes with their source) and its impacts; for an implication, the
   why of its status under the chosen lens first (why.js). Built with textContent. */
(function () {
  "use strict";
  var cy, meta, el, shown = null, MAX_DEPTH = 8;

  function lensColour(key) { return (meta.perspectiveColours || {})[key] || "#777"; }
  function badge(text, colour, cls) {
    var b = el("span", text, "badge " + (cls || ""));
    if (colour) b.style.background = colour;
    return b;
  }
  function link(n) {
    var a = el("span", n.data("label"), "link");
    a.setAttribute("role", "link");
    a.tabIndex = 0;
    a.addEventListener("click", function () { show(n.id(), true); });
    return a;
  }
  /* the node's status under the chosen lens, as a badge, when statuses are shown */
  function statusBadge(n, parent) {
    var status = window.ArgkbStatus.of(n);
    if (status) parent.appendChild(window.ArgkbStatus.badge(status));
  }
  function quotes(n, parent) {
    (n.data("quotes") || []).forEach(function (q) {
      var bq = el("blockquote", "“" + q.exact + "”");
      var where = (q.start !== null && q.end !== null) ? " [" + q.start + "–" + q.end + "]" : "";
      bq.appendChild(el("cite", (q.source_title || q.source) + where));
      parent.appendChild(bq);
    });
    if (!(n.data("quotes") || []).length && n.data("attribution") && !n.hasClass("argument")) {
      parent.appendChild(el("div", "attributed to " + n.data("attribution"), "ref"));
    }
  }

  function claimItem(c, seen, depth) {
    var li = el("li");
    li.appendChild(badge(c.data("type"), null, "type"));
    statusBadge(c, li);
    li.appendChild(link(c));
    if (seen[c.id()]) { li.appendChild(el("span", "  (shown above)", "ref")); return li; }
    seen[c.id()] = true;
    if (c.data("statement")) li.appendChild(el("div", c.data("statement")));
    quotes(c, li);
    if (depth >= MAX_DEPTH) return li;
    var ul = el("ul");
    c.incomers("edge.conclusion").sources().forEach(function (a) { ul.appendChild(argItem(a, "supports", seen, depth + 1)); });
    c.incomers("edge.attacks").sources().forEach(function (a) { ul.appendChild(argItem(a, "rebuts", seen, depth + 1)); });
    if (ul.children.length) li.appendChild(ul);
    return li;
  }

  function argItem(a, relation, seen, depth) {
    var li = el("li", null, "arg" + (relation === "supports" ? "" : " attack"));
    li.appendChild(badge(a.data("perspective_label") || a.data("perspective"), lensColour(a.data("perspective"))));
    li.appendChild(el("span", relation + ": ", "ref"));
    statusBadge(a, li);
    li.appendChild(link(a));
    if (seen[a.id()]) { li.appendChild(el("span", "  (shown above)", "ref")); return li; }
    seen[a.id()] = true;
    if (a.data("warrant")) li.appendChild(el("div", "Warrant: " + a.data("warrant"), "warrant"));
    if (depth >= MAX_DEPTH) return li;
    var ul = el("ul");
    a.incomers("edge.premise").sources().forEach(function (p) { ul.appendChild(claimItem(p, seen, depth + 1)); });
    a.incomers("edge.attacks").sources().forEach(function (u) { ul.appendChild(argItem(u, "undercuts", seen, depth + 1)); });
    if (ul.children.length) li.appendChild(ul);
    return li;
  }

  function section(body, title) {
    body.appendChild(el("h3", title));
    var ul = el("ul", null, "tree");
    body.appendChild(ul);
    return ul;
  }

  function lensTally(impl) {
    var tally = {};
    impl.incomers("edge.conclusion, edge.attacks").forEach(function (e) {
      var key = e.source().data("perspective_label") || e.source().data("perspective");
      tally[key] = tally[key] || { pro: 0, con: 0 };
      tally[key][e.hasClass("attacks") ? "con" : "pro"] += 1;
    });
    return Object.keys(tally).sort().map(function (k) {
      return k + " " + tally[k].pro + " for" + (tally[k].con ? ", " + tally[k].con + " against" : "");
    }).join("; ");
  }

  function impacts(n, body) {
    var reached = window.ArgkbMap.impactSet(n.id()).filter(".implication").not(n);
    if (!reached.length) return;
    var ul = section(body, "Impacts (" + reached.length + " implication" + (reached.length > 1 ? "s" : "") + ")");
    reached.sort(function (a, b) { return a.data("label").localeCompare(b.data("label")); }).forEach(function (i) {
      var li = el("li");
      if (i.data("qualifier")) li.appendChild(badge(i.data("qualifier"), "#1d3557"));
      li.appendChild(link(i));
      li.appendChild(el("div", lensTally(i), "ref"));
      ul.appendChild(li);
    });
  }

  function neighbours(n, body, kind, incoming, title) {
    var found = incoming ? n.incomers("edge." + kind).sources() : n.outgoers("edge." + kind).targets();
    if (!found.length) return;
    var ul = section(body, title);
    found.forEach(function (m) { var li = el("li"); li.appendChild(link(m)); ul.appendChild(li); });
  }

  function show(id, centre) {
    if (window.ArgkbLazy.active()) window.ArgkbLazy.ensurePanel(id);   // a large map: bring in what it shows
    var n = cy.getElementById(id);
    if (!n.length) return;
    shown = id;
    cy.nodes().unselect();
    n.select();
    if (centre) cy.animate({ center: { eles: n }, duration: 250 });
    var body = document.getElementById("panel-body");
    body.replaceChildren();
    var head = el("h2");
    head.appendChild(badge(n.data("type"), null, "type"));
    if (n.hasClass("argument")) head.appendChild(badge(n.data("perspective_label"), lensColour(n.data("perspective"))));
    head.appendChild(el("span", n.data("label")));
    body.appendChild(head);
    body.appendChild(el("div", n.data("iri"), "iri"));
    var only = el("button", "Show its trace as a graph");
    only.type = "button";
    only.addEventListener("click", function () { window.ArgkbMap.focus(n.id()); });
    body.appendChild(only);
    ["statement", "qualifier", "direction", "role", "attribution"].forEach(function (k) {
      if (n.data(k)) { var d = el("div"); d.appendChild(el("b", k + ": ")); d.appendChild(document.createTextNode(n.data(k))); body.appendChild(d); }
    });
    // an implication's why starts with its status lens by lens; any other node has its status table
    if (n.hasClass("implication") && (meta.why || {})[n.id()]) window.ArgkbWhy.section(n, body, show);
    else window.ArgkbStatus.table(n, body);
    if (n.hasClass("argument")) {
      section(body, "Trace").appendChild(argItem(n, n.data("role") === "support" ? "supports" : n.data("role"), {}, 0));
      neighbours(n, body, "conclusion", false, "Concludes");
      neighbours(n, body, "attacks", false, "Attacks");
    } else if (n.hasClass("claim") || n.hasClass("implication")) {
      section(body, "Trace").appendChild(claimItem(n, {}, 0));
      neighbours(n, body, "trigger", true, "Triggered by");
      neighbours(n, body, "affects", false, "Affects");
      impacts(n, body);
    } else {
      neighbours(n, body, "actor", false, "Moves");
      neighbours(n, body, "lever", false, "Moves");
      neighbours(n, body, "actor", true, "Actor");
      neighbours(n, body, "lever", true, "Lever");
      impacts(n, body);
    }
  }

  window.ArgkbPanel = {
    init: function (cyInstance, metadata, make) {
      cy = cyInstance; meta = metadata; el = make;
      window.ArgkbWhy.init(cy, meta, el);
      var legend = document.getElementById("legend");
      legend.appendChild(el("b", "Legend"));
      meta.legend.forEach(function (row) {
        var d = el("div");
        var sw = el("span", null, "swatch");
        sw.style.background = row.colour;
        if (row.what === "edge") { sw.style.height = "3px"; sw.style.border = "none"; }
        d.appendChild(sw);
        d.appendChild(document.createTextNode(row.what === "edge" ? "→ " + row.name : row.name));
        legend.appendChild(d);
      });
    },
    show: show,
    link: link,
    refresh: function () { if (shown) show(shown, false); }
  };
})();
