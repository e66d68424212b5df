/* argkb argument map: the first view. It leads with the implications where the lenses disagree (the
   sharpest first), then lists the implications by lever, the levers on which most hangs first. One row
   per implication: its qualifier, the moves behind it and its status overall and under each lens (what
   `argkb lenses` prints), "–" where the lens is silent. A status opens the why of that verdict in the
   panel; "why they disagree" opens the why lens by lens; the rest of the row opens the implication's
   trace as a graph. A line of marks explains every mark. Built with textContent only. */
(function () {
  "use strict";
  var meta, el, handlers, paged = [], drawn = 0;
  /* the lens names the table's narrow columns show (as `argkb lenses` prints them); full names on hover */
  var SHORT = { "diplomatic-practice": "diplomacy", "security-analysis": "security", constructivism: "construc\u00ADtivism" };

  function lensName(lens) { return lens.replace(/-/g, " "); }
  function shortName(lens) { return SHORT[lens] || lens; }

  function statusCell(r, lens) {
    var status = r.statuses[lens], td = el("td", null, "st");
    td.setAttribute("data-lens", lens);
    td.setAttribute("data-short", shortName(lens).replace("\u00AD", ""));
    var button = el("button", null, "cell");
    button.type = "button";
    if (status) {
      button.appendChild(window.ArgkbStatus.badge(status));
      button.title = "Why " + status + " under " + (lens === "overall" ? "the overall view" : lensName(lens));
    } else {
      button.appendChild(el("span", "–", "silent-mark"));
      button.title = "silent: " + (lens === "overall" ? "no argument" : lensName(lens)) +
        " neither concludes nor attacks it";
    }
    button.addEventListener("click", function (ev) { ev.stopPropagation(); handlers.why(r.id, lens); });
    button.addEventListener("keydown", function (ev) { ev.stopPropagation(); });
    td.appendChild(button);
    return td;
  }

  function header(lenses) {
    var tr = el("tr");
    tr.appendChild(el("th", "Implication (if …)", "impl"));
    lenses.forEach(function (lens) {
      var th = el("th", shortName(lens), "st");
      th.title = lensName(lens);
      th.setAttribute("data-lens", lens);
      var colour = (meta.perspectiveColours || {})[lens];
      if (colour) th.style.borderBottom = "3px solid " + colour;
      tr.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(tr);
    return thead;
  }

  function row(r, lenses) {
    var tr = el("tr", null, "impl-row" + (r.diverges ? " diverges" : ""));
    tr.setAttribute("data-node", r.id);
    tr.tabIndex = 0;
    tr.title = "Open the trace of " + r.label;
    var td = el("td", null, "impl");
    if (r.qualifier) td.appendChild(el("span", r.qualifier, "badge qualifier"));
    td.appendChild(el("span", r.label, "impl-label"));
    var moves = el("div", r.moves.length ? "if " + r.moves.join("; ") : "", "moves");
    if (r.diverges) {
      var tag = el("button", "why the lenses disagree", "diverge-tag");
      tag.type = "button";
      tag.title = "Its verdict lens by lens, and why";
      tag.addEventListener("click", function (ev) { ev.stopPropagation(); handlers.why(r.id, null); });
      tag.addEventListener("keydown", function (ev) { ev.stopPropagation(); });
      moves.appendChild(tag);
    }
    if (moves.childNodes.length) td.appendChild(moves);
    tr.appendChild(td);
    lenses.forEach(function (lens) { tr.appendChild(statusCell(r, lens)); });
    tr.addEventListener("click", function () { handlers.open(r.id); });
    tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") handlers.open(r.id); });
    return tr;
  }

  /* the rows' table; on a large map (meta.rowLimit) the first rows, and a button for each next page */
  function table(rows, lenses) {
    var t = el("table", null, "implications");
    t.appendChild(header(lenses));
    var tbody = el("tbody");
    t.appendChild(tbody);
    if (!meta.rowLimit) {
      rows.forEach(function (r) { tbody.appendChild(row(r, lenses)); });
      drawn += rows.length;
      return t;
    }
    var out = document.createDocumentFragment(), more = el("button", null, "more-rows");
    more.type = "button";
    out.appendChild(t);
    out.appendChild(more);
    var part = { rows: rows, shown: rows, tbody: tbody, more: more, lenses: lenses };
    more.addEventListener("click", function () { page(part, part.tbody.children.length + meta.rowLimit); });
    paged.push(part);
    page(part, meta.rowLimit);
    return out;
  }

  function page(part, upTo) {
    var have = part.tbody.children.length;
    part.shown.slice(have, upTo).forEach(function (r) { part.tbody.appendChild(row(r, part.lenses)); });
    drawn += part.tbody.children.length - have;
    var left = part.shown.length - part.tbody.children.length;
    part.more.hidden = left <= 0;
    part.more.textContent = "Show " + Math.min(left, meta.rowLimit) + " more (" + left + " not shown)";
    document.body.setAttribute("data-overview-rows", String(drawn));
  }

  /* one line that explains every mark of the table */
  function marks() {
    var box = el("div", null, "marks");
    box.id = "overview-marks";
    function mark(what, text) {
      var span = el("span");
      span.setAttribute("data-mark", what);
      return { span: span, text: text };
    }
    var items = [];
    ["IN", "OUT", "UNDEC"].forEach(function (status) {
      var m = mark(status, { IN: "accepted: every objection answered", OUT: "defeated by an objection that stands",
                             UNDEC: "undecided" }[status]);
      m.span.appendChild(window.ArgkbStatus.badge(status));
      items.push(m);
    });
    var silent = mark("silent", "silent: the lens neither concludes nor attacks it");
    silent.span.appendChild(el("b", "– ", "silent-mark"));
    items.push(silent);
    var diverge = mark("diverges", "the lenses that judge it disagree");
    diverge.span.appendChild(el("span", null, "border-mark"));
    items.push(diverge);
    var qualifier = mark("qualifier", "how firmly the article puts it");
    qualifier.span.appendChild(el("span", "could", "badge qualifier"));
    items.push(qualifier);
    items.forEach(function (m) { m.span.appendChild(document.createTextNode(m.text)); box.appendChild(m.span); });
    box.appendChild(el("span", "Status: the why; row: the trace as a graph.", "ref"));
    return box;
  }

  function render(on) {
    handlers = on;
    paged = [];
    drawn = 0;
    var box = document.getElementById("overview");
    box.replaceChildren();
    var lenses = Object.keys(meta.statusAttrs);
    var byId = {}, rows = 0, diverging = 0;
    meta.overview.forEach(function (group) { group.rows.forEach(function (r) { byId[r.id] = r; }); });
    var implications = Object.keys(byId).length;
    var intro = el("p", null, "intro");
    box.appendChild(intro);
    box.appendChild(marks());

    var disagree = (meta.disagree || []).map(function (id) { return byId[id]; });
    if (disagree.length) {
      var first = el("section", null, "disagree-group");
      first.id = "disagree";
      var h = el("h2", "Where the lenses disagree (" + disagree.length + ")");
      h.appendChild(el("span", " — IN under one lens, OUT under another first", "sub"));
      first.appendChild(h);
      first.appendChild(table(disagree, lenses));
      box.appendChild(first);
      rows += disagree.length;
    }
    meta.overview.forEach(function (group, i) {
      var section = el("section", null, "lever-group");
      section.setAttribute("data-lever", group.lever);
      var h2 = el("h2", group.label + " (" + group.rows.length + ")");
      if (i === 0 && group.lever) h2.appendChild(el("span", " — levers by how many implications hang on them", "sub"));
      section.appendChild(h2);
      section.appendChild(table(group.rows, lenses));
      box.appendChild(section);
      rows += group.rows.length;
      group.rows.forEach(function (r) { if (r.diverges) diverging += 1; });
    });
    intro.textContent = implications + " implications, their status under " + meta.semantics +
      " semantics overall and lens by lens. The lenses disagree on " + disagree.length + " of them: those first, " +
      "then every implication under the lever that triggers it." + (meta.compact ? " A large map (" +
      meta.compact.nodes + " nodes): this overview, and each implication's trace drawn when you open it; " +
      "for the whole graph, export a smaller map (--source NAME, --lever NAME)." : "");
    document.body.setAttribute("data-overview-rows", String(meta.rowLimit ? drawn : rows));
    document.body.setAttribute("data-overview-ms", String(Math.round(performance.now())));
    document.body.setAttribute("data-disagree", String(disagree.length));
  }

  /* rows whose text holds the search words (the overview's search; the graph's highlights nodes) */
  function filter(text) {
    var q = text.trim().toLowerCase(), shown = 0;
    if (meta.rowLimit) return filterPaged(q);
    document.querySelectorAll("#overview tr.impl-row").forEach(function (tr) {
      var hit = !q || tr.querySelector("td.impl").textContent.toLowerCase().indexOf(q) >= 0;
      tr.hidden = !hit;
      if (hit) shown += 1;
    });
    document.querySelectorAll("#overview section").forEach(function (s) {
      s.hidden = !!q && !s.querySelector("tr.impl-row:not([hidden])");
    });
    return shown;
  }

  /* a large map's search: every row of the data, not only those drawn, a page of the hits per section */
  function filterPaged(q) {
    var shown = 0;
    drawn = 0;
    paged.forEach(function (part) {
      part.shown = !q ? part.rows : part.rows.filter(function (r) {
        return ((r.qualifier || "") + r.label + " if " + r.moves.join("; ")).toLowerCase().indexOf(q) >= 0;
      });
      part.tbody.replaceChildren();
      page(part, meta.rowLimit);
      part.tbody.closest("section").hidden = !!q && !part.shown.length;
      shown += part.shown.length;
    });
    return shown;
  }

  function mark(id) {
    document.querySelectorAll("#overview tr.impl-row.shown").forEach(function (tr) { tr.classList.remove("shown"); });
    if (id) document.querySelectorAll('#overview tr.impl-row[data-node="' + CSS.escape(id) + '"]')
      .forEach(function (tr) { tr.classList.add("shown"); });
  }

  window.ArgkbOverview = {
    init: function (metadata, make) { meta = metadata; el = make; },
    render: render,
    filter: filter,
    mark: mark
  };
})();
