/* argkb argument map: the why of the selected implication, from the page data's "why"
   (argkb.export.why). First its verdict lens by lens, one line each (where the lenses disagree, that is
   the why of the disagreement); each line's button shows that lens's why in full below: its status and
   strength, the verdict in one sentence, the arguments that decide it, the objections the lens does not
   count and the premise it does not grant, and the cruxes. The lens shown in full is the one picked
   there, else the one chosen in "Status under" (overall when off). Built with textContent only. */
(function () {
  "use strict";
  var cy, meta, el, picked = null;
  var GRADUAL = { "df-quad": "DF-QuAD", "quadratic-energy": "quadratic energy" };

  function lensLabel(lens) { return lens.replace(/-/g, " "); }

  /* An argument or claim by id: a link that opens its panel when the map has the node, plain text if not. */
  function ref(id, label, open) {
    var node = cy ? cy.getElementById(id) : null;
    var text = label || (node && node.length ? node.data("label") : "") || id;
    var e = el("span", text, node && node.length ? "link" : "plain");
    e.title = id;
    e.setAttribute("data-id", id);
    if (node && node.length) {
      e.setAttribute("role", "link");
      e.tabIndex = 0;
      e.addEventListener("click", function () { open(id, true); });
      e.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(id, true); });
    }
    return e;
  }

  function joined(parent, items, sep, make) {
    items.forEach(function (item, i) {
      if (i) parent.appendChild(document.createTextNode(sep));
      parent.appendChild(make(item));
    });
  }

  function statusBadge(status) {
    return status ? window.ArgkbStatus.badge(status) : el("span", "silent", "badge status silent");
  }

  function lensBadge(lens) {
    if (!lens) return null;
    var b = el("span", lensLabel(lens), "badge");
    b.style.background = (meta.perspectiveColours || {})[lens] || "#777";
    return b;
  }

  /* What an objection attacks: the implication itself, one of its supporters, or both. */
  function against(item, why, me, open) {
    var span = el("span", null, "ref");
    var names = {};
    (why["for"] || []).forEach(function (s) { names[s.id] = s.label; });
    var others = item.against.filter(function (id) { return id !== me; });
    var text = " " + item.role + " " + (item.against.indexOf(me) >= 0 ? "this implication" : "");
    if (item.against.indexOf(me) >= 0 && others.length) text += " and ";
    span.appendChild(document.createTextNode(text));
    joined(span, others, ", ", function (id) { return ref(id, names[id], open); });
    if (item.force === "weaken") span.appendChild(document.createTextNode(" (only weakens)"));
    return span;
  }

  function argumentRow(item, why, me, open) {
    var li = el("li", null, "arg attack");
    li.setAttribute("data-arg", item.id);
    li.setAttribute("data-status", item.status || "");
    li.appendChild(statusBadge(item.status));
    var lb = lensBadge(item.lens);
    if (lb) li.appendChild(lb);
    li.appendChild(ref(item.id, item.label, open));
    li.appendChild(against(item, why, me, open));
    if ((item.answered_by || []).length) {
      var ans = el("div", "answered by ", "ref answered");
      joined(ans, item.answered_by, ", ", function (a) { return ref(a.id, a.label, open); });
      li.appendChild(ans);
    }
    return li;
  }

  /* The "Why" block of implication ``n`` in the panel ``body``; ``open(id, centre)`` shows another node. */
  function section(n, body, open) {
    var views = (meta.why || {})[n.id()];
    if (!views) return;
    var lens = picked || window.ArgkbStatus.current();
    if (lens === "off" || !views[lens]) lens = "overall";
    var why = views[lens], me = n.id(), known = {};
    var view = lens === "overall" ? "the overall view" : lensLabel(lens);
    (why["for"] || []).concat(why.deciding || [], why.not_counted || []).forEach(function (a) {
      known[a.id] = a.label;
      (a.answered_by || []).forEach(function (b) { known[b.id] = b.label; });
    });
    var box = el("div", null, "why");
    box.id = "panel-why";
    box.setAttribute("data-lens", lens);
    box.setAttribute("data-status", why.status || "silent");
    if (why.strength !== null && why.strength !== undefined) box.setAttribute("data-strength", String(why.strength));
    var strength = (why.strength === null || why.strength === undefined) ? "" :
      " (strength " + Number(why.strength).toFixed(2) + ")";
    box.appendChild(el("b", "Lens by lens"));
    box.appendChild(lensByLens(views, lens, n, open));
    box.appendChild(el("h3", "Why " + (why.status || "silent") + strength));
    box.appendChild(el("div", "under " + view + "; " +
      meta.semantics + " semantics, " + (GRADUAL[meta.gradual] || meta.gradual) + " strength", "ref"));
    box.appendChild(el("p", why.lead, "lead"));

    if ((why["for"] || []).length) {
      var pro = el("div", null, "why-for");
      pro.appendChild(el("b", "For it: "));
      joined(pro, why["for"], "; ", function (s) {
        var span = el("span");
        span.setAttribute("data-arg", s.id);
        span.appendChild(statusBadge(s.status));
        span.appendChild(ref(s.id, s.label, open));
        return span;
      });
      box.appendChild(pro);
    }

    if ((why.deciding || []).length) {
      box.appendChild(el("b", why.status === "OUT" ? "Defeated by:" : "Objections and what answers them:"));
      var ul = el("ul", null, "tree why-deciding");
      why.deciding.forEach(function (item) { ul.appendChild(argumentRow(item, why, me, open)); });
      box.appendChild(ul);
    } else if (why.status && why.status !== "OUT") {
      box.appendChild(el("div", "No objection counts here.", "why-deciding ref"));
    }

    if ((why.not_counted || []).length) {
      var nc = el("ul", null, "tree why-not-counted");
      why.not_counted.forEach(function (item) {
        var li = el("li");
        li.setAttribute("data-arg", item.id);
        li.appendChild(el("b", "Not counted under " + view + ": "));
        li.appendChild(ref(item.id, item.label, open));
        var premises = item.not_counted_because || [];
        if (premises.length) {
          li.appendChild(document.createTextNode(" (rests on "));
          joined(li, premises, ", ", function (p) { return ref(p.id, p.label, open); });
          li.appendChild(document.createTextNode(", not granted)"));
        } else {
          li.appendChild(document.createTextNode(" (not this lens's own argument)"));
        }
        nc.appendChild(li);
      });
      box.appendChild(nc);
    }

    var cx = el("div", null, "why-cruxes");
    cx.appendChild(el("b", "Cruxes: "));
    if (why.cruxes === null || why.cruxes === undefined) {
      cx.appendChild(document.createTextNode("not searched under " + meta.semantics + " semantics (argkb why " + me +
        " --semantics " + meta.semantics + " finds them)"));
    } else if (!why.cruxes.length) {
      cx.appendChild(document.createTextNode(
        "none of up to three arguments: the verdict does not rest on any small set"));
    } else {
      joined(cx, why.cruxes, "; ", function (crux) {
        var span = el("span", null, "crux");
        span.setAttribute("data-crux", crux.join(" "));
        joined(span, crux, " + ", function (id) { return ref(id, known[id], open); });
        return span;
      });
      cx.appendChild(el("div", "remove these arguments and the verdict changes" +
        (why.complete ? "" : " (the search stopped at its budget: there may be more)"), "ref"));
    }
    box.appendChild(cx);
    body.appendChild(box);
  }

  /* A view's verdict in a few words, by the labels of the arguments that decide it. */
  function gist(why, open) {
    var span = el("span", null, "lens-lead"), deciding = why.deciding || [], pro = why["for"] || [];
    function refs(items, max) {
      joined(span, items.slice(0, max), "; ", function (a) { return ref(a.id, a.label, open); });
      if (items.length > max) span.appendChild(document.createTextNode(" (+" + (items.length - max) + ")"));
    }
    if (why.status === "OUT") {
      span.appendChild(document.createTextNode(" defeated by "));
      refs(deciding, 2);
    } else if (why.status === "UNDEC") {
      span.appendChild(document.createTextNode(" undecided between "));
      refs(pro.concat(deciding), 2);
    } else {
      span.appendChild(document.createTextNode(pro.length ? " for it: " : " "));
      refs(pro, 1);
      span.appendChild(document.createTextNode(deciding.length ? "; " + deciding.length + " objection" +
        (deciding.length > 1 ? "s" : "") + " answered" : "; no objection counts"));
    }
    return span;
  }

  /* One line per view: its status and, where it judges the implication, its verdict in one sentence;
     the silent lenses on one line. A button shows that view's why in full. */
  function lensByLens(views, current, n, open) {
    var ul = el("ul", null, "lenses"), silent = el("li", null, "silent-lenses");
    silent.appendChild(el("span", "silent: ", "ref"));
    Object.keys(meta.statusAttrs).forEach(function (lens) {
      var why = views[lens];
      if (!why) return;
      var li = el("li", null, lens === current ? "current" : "");
      li.setAttribute("data-lens", lens);
      li.setAttribute("data-status", why.status || "silent");
      var button = el("button", null);
      button.type = "button";
      button.title = "The why under " + (lens === "overall" ? "the overall view" : lensLabel(lens)) + " in full";
      if (why.status) button.appendChild(window.ArgkbStatus.badge(why.status));
      button.appendChild(document.createTextNode((why.status ? " " : "") + lensLabel(lens)));
      button.addEventListener("click", function () { picked = lens; open(n.id(), false); });
      if (!why.status) { silent.appendChild(button); silent.appendChild(document.createTextNode(" ")); return; }
      li.appendChild(button);
      li.appendChild(gist(why, open));
      ul.appendChild(li);
    });
    if (silent.children.length > 1) ul.appendChild(silent);
    return ul;
  }

  window.ArgkbWhy = {
    init: function (cyInstance, metadata, make) { cy = cyInstance; meta = metadata; el = make; },
    section: section,
    /* the view whose why is shown in full: a status lens, or null to follow "Status under" */
    pick: function (lens) { picked = lens || null; },
    picked: function () { return picked; }
  };
})();
