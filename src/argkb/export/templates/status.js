/* argkb argument map: statuses. Every argument, claim and implication carries IN / OUT / UNDEC overall
   and under each lens (data "status", "status_realism", ...). The "Status under" selector fills them
   by their status under one lens; the legend, the panel and a list of statuses say it in words. */
(function () {
  "use strict";
  var cy, meta, el, current = "off";

  function hasStatus(n) { return n.hasClass("argument") || n.hasClass("claim") || n.hasClass("implication"); }
  function of(n, lens) {
    lens = lens || current;
    if (lens === "off" || !hasStatus(n)) return null;
    return n.data(meta.statusAttrs[lens]) || meta.notInView;
  }
  function cls(status) { return "st-" + status.toLowerCase().replace(/ /g, "-"); }
  function label(lens) { return lens === "off" ? "off" : lens.replace(/-/g, " "); }

  function badge(status) {
    var b = el("span", status, "badge status");
    b.style.background = meta.statusColours[status][0];
    b.style.color = meta.statusColours[status][1];
    b.setAttribute("data-status", status);
    return b;
  }

  /* Cytoscape styles for the status classes: after the base style, so they win over the type colours. */
  function styles(metadata) {
    return Object.keys(metadata.statusColours).map(function (status) {
      var c = metadata.statusColours[status];
      return { selector: "node." + cls(status), style: { "background-color": c[0], color: c[1], "text-outline-color": c[0] } };
    });
  }

  function legend() {
    var box = document.getElementById("status-legend");
    box.replaceChildren();
    if (current === "off") return;
    box.appendChild(el("b", "Status under " + label(current) + " (" + meta.semantics + ")"));
    Object.keys(meta.statusColours).forEach(function (status) {
      var d = el("div");
      d.setAttribute("data-status", status);
      var sw = el("span", null, "swatch");
      sw.style.background = meta.statusColours[status][0];
      d.appendChild(sw);
      d.appendChild(document.createTextNode(status));
      box.appendChild(d);
    });
  }

  /* Every node with a status, in words: what the canvas shows by colour (for reading and for tests). */
  function list() {
    var box = document.getElementById("status-list");
    var ul = box.querySelector("ul");
    ul.replaceChildren();
    box.hidden = current === "off";
    if (current === "off") return;
    var order = Object.keys(meta.statusColours), tally = {};
    var nodes = cy.nodes().filter(hasStatus).sort(function (a, b) {
      return order.indexOf(of(a)) - order.indexOf(of(b)) || a.data("label").localeCompare(b.data("label"));
    });
    nodes.forEach(function (n) {
      var status = of(n), li = el("li");
      tally[status] = (tally[status] || 0) + 1;
      li.setAttribute("data-node", n.id());
      li.setAttribute("data-status", status);
      li.appendChild(badge(status));
      li.appendChild(window.ArgkbPanel.link(n));
      ul.appendChild(li);
    });
    box.querySelector("summary").textContent = "Statuses under " + label(current) + ": " +
      order.map(function (s) { return (tally[s] || 0) + " " + s; }).join(", ");
  }

  function set(lens) {
    if (!Object.prototype.hasOwnProperty.call(meta.statusAttrs, lens)) lens = "off";
    current = lens;
    document.getElementById("status-lens").value = lens;
    document.body.setAttribute("data-status-lens", lens);
    cy.batch(function () {
      Object.keys(meta.statusColours).forEach(function (s) { cy.nodes().removeClass(cls(s)); });
      if (lens !== "off") cy.nodes().filter(hasStatus).forEach(function (n) { n.addClass(cls(of(n))); });
    });
    legend();
    list();
    window.ArgkbPanel.refresh();
  }

  /* status colours for nodes added to the graph later (a large map's traces, argkb lazy.js) */
  function paint(nodes) {
    if (current !== "off") nodes.filter(hasStatus).forEach(function (n) { n.addClass(cls(of(n))); });
  }

  /* The panel's table: the node's status overall and under each lens, the chosen one marked. */
  function table(n, body) {
    if (!hasStatus(n)) return;
    body.appendChild(el("h3", "Status (" + meta.semantics + ")"));
    var t = el("table", null, "statuses");
    t.id = "panel-statuses";
    Object.keys(meta.statusAttrs).forEach(function (lens) {
      var status = of(n, lens), tr = el("tr", null, lens === current ? "current" : "");
      tr.setAttribute("data-lens", lens);
      tr.setAttribute("data-status", status);
      tr.appendChild(el("td", label(lens)));
      var td = el("td");
      td.appendChild(badge(status));
      tr.appendChild(td);
      t.appendChild(tr);
    });
    body.appendChild(t);
  }

  function init(cyInstance, metadata, make) {
    cy = cyInstance; meta = metadata; el = make;
    var select = document.getElementById("status-lens");
    Object.keys(meta.statusAttrs).concat(["off"]).forEach(function (lens) {
      var option = el("option", label(lens));
      option.value = lens;
      select.appendChild(option);
    });
    select.addEventListener("change", function () { window.ArgkbMap.graph(); window.ArgkbWhy.pick(null); set(select.value); });
  }

  window.ArgkbStatus = {
    init: init, set: set, paint: paint, attach: function (cyInstance) { cy = cyInstance; }, styles: styles, table: table,
    of: of, badge: badge, current: function () { return current; }
  };
})();
