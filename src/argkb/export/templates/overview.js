/* argkb argument map: the first view. The implications grouped by lever, one row each with its
   qualifier, the moves behind it and its status overall and under each lens (what `argkb lenses`
   prints); rows where the lenses disagree are marked. A row opens the implication's trace as a graph.
   Built with textContent only. */
(function () {
  "use strict";
  var meta, el;

  function lensName(lens) {
    var p = (meta.perspectives || []).filter(function (q) { return q.key === lens; })[0];
    return p ? p.label : lens;
  }

  function statusCell(status) {
    var td = el("td", null, "st");
    if (status) td.appendChild(window.ArgkbStatus.badge(status));
    else { td.textContent = "–"; td.title = "this lens has no argument about it"; }
    return td;
  }

  function header(lenses) {
    var tr = el("tr");
    tr.appendChild(el("th", "Implication (if …)", "impl"));
    tr.appendChild(el("th", "Qualifier"));
    lenses.forEach(function (lens) {
      var th = el("th", lensName(lens), "st");
      var colour = (meta.perspectiveColours || {})[lens];
      if (colour) th.style.borderBottom = "3px solid " + colour;
      tr.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(tr);
    return thead;
  }

  function row(r, lenses, open) {
    var tr = el("tr", null, "impl-row" + (r.diverges ? " diverges" : ""));
    tr.setAttribute("data-node", r.id);
    tr.tabIndex = 0;
    tr.title = "Open the trace of " + r.label;
    var td = el("td", null, "impl");
    td.appendChild(el("span", r.label, "impl-label"));
    if (r.diverges) td.appendChild(el("span", "lenses disagree", "diverge-tag"));
    if (r.moves.length) {
      var moves = el("div", "if " + r.moves.join("; "), "moves");
      moves.title = moves.textContent;      // the line is cut to one; the whole list on hover
      td.appendChild(moves);
    }
    tr.appendChild(td);
    var q = el("td");
    if (r.qualifier) q.appendChild(el("span", r.qualifier, "badge qualifier"));
    tr.appendChild(q);
    lenses.forEach(function (lens) { tr.appendChild(statusCell(r.statuses[lens])); });
    tr.addEventListener("click", function () { open(r.id); });
    tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(r.id); });
    return tr;
  }

  function render(open) {
    var box = document.getElementById("overview");
    box.replaceChildren();
    var lenses = Object.keys(meta.statusAttrs);
    var rows = 0, diverging = 0;
    var intro = el("p", null, "intro");
    box.appendChild(intro);
    meta.overview.forEach(function (group) {
      var section = el("section", null, "lever-group");
      section.setAttribute("data-lever", group.lever);
      section.appendChild(el("h2", group.label + " (" + group.rows.length + ")"));
      var table = el("table", null, "implications");
      table.appendChild(header(lenses));
      var tbody = el("tbody");
      group.rows.forEach(function (r) {
        tbody.appendChild(row(r, lenses, open));
        rows += 1;
        if (r.diverges) diverging += 1;
      });
      table.appendChild(tbody);
      section.appendChild(table);
      box.appendChild(section);
    });
    intro.textContent = "Implications by lever, with their status under " + meta.semantics +
      " semantics overall and lens by lens (IN: accepted, its objections answered; OUT: defeated by an " +
      "accepted objection; UNDEC: undecided; –: the lens has no argument about it). " + diverging +
      " of " + rows + " rows are marked where the lenses disagree. Click a row to see its trace as a graph.";
    document.body.setAttribute("data-overview-rows", String(rows));
  }

  window.ArgkbOverview = {
    init: function (metadata, make) { meta = metadata; el = make; },
    render: render
  };
})();
