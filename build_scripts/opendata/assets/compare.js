/* 对比页: pick agencies and years, see their key figures side by side.
 * Reads key-figures.json (same origin, URL in data-src of #od-compare). All text is set with
 * textContent, never as HTML: agency names are untrusted. Without JavaScript the page shows the
 * static table #od-compare-static instead. */
(function () {
  "use strict";

  var HIDDEN_FIELDS = { source: true, agency: true, year: true };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function show(value) {
    if (value === null || value === undefined) { return "空"; }
    if (value === true) { return "是"; }
    if (value === false) { return "否"; }
    return String(value);
  }

  function uniqueSorted(values, numeric) {
    var seen = {}, out = [];
    values.forEach(function (v) {
      if (v === null || v === undefined) { return; }
      var key = String(v);
      if (!seen[key]) { seen[key] = true; out.push(v); }
    });
    return out.sort(function (a, b) {
      return numeric ? a - b : String(a).localeCompare(String(b), "zh-Hans-CN");
    });
  }

  /* The selection in the address: #agencies=<name>|<name>&years=2023|2024, each name
   * percent-encoded on its own, so a link from an agency or year page preselects it. */
  function readHash() {
    var state = {};
    (location.hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i > 0) {
        state[part.slice(0, i)] = part.slice(i + 1).split("|").filter(Boolean).map(function (v) {
          try { return decodeURIComponent(v); } catch (e) { return v; }
        });
      }
    });
    return state;
  }

  function writeHash(agencies, years) {
    var enc = function (list) { return list.map(encodeURIComponent).join("|"); };
    var hash = "#agencies=" + enc(agencies) + "&years=" + enc(years);
    if (history.replaceState) { history.replaceState(null, "", hash); }
  }

  function checkboxes(legend, name, values, checked) {
    var box = el("fieldset", { "class": "od-compare-choices" });
    box.appendChild(el("legend", null, legend));
    values.forEach(function (value, i) {
      var id = "od-" + name + "-" + i;
      var label = el("label", { "for": id });
      var input = el("input", { type: "checkbox", id: id, name: name, value: String(value) });
      input.checked = checked.indexOf(String(value)) >= 0;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + String(value)));
      box.appendChild(label);
    });
    return box;
  }

  function selected(root, name) {
    return Array.prototype.slice.call(root.querySelectorAll("input[name='" + name + "']:checked"))
      .map(function (input) { return input.value; });
  }

  function render(root, data, out) {
    var agencies = selected(root, "agency"), years = selected(root, "year");
    writeHash(agencies, years);
    var chosen = data.reports.filter(function (r) {
      return agencies.indexOf(String(r.agency)) >= 0 && years.indexOf(String(r.year)) >= 0;
    }).sort(function (a, b) {
      return String(a.agency).localeCompare(String(b.agency), "zh-Hans-CN") || a.year - b.year ||
        String(a.source).localeCompare(String(b.source));
    });
    while (out.firstChild) { out.removeChild(out.firstChild); }
    if (chosen.length < 2) {
      out.appendChild(el("p", { role: "status" },
        chosen.length ? "只找到 1 份报告。请再选择一个机关或年度。" : "没有符合条件的报告。请至少选择两个机关或两个年度。"));
      if (!chosen.length) { return; }
    }
    var wrap = el("div", { style: "overflow-x:auto" });
    var table = el("table", { "class": "od-compare-result" });
    table.appendChild(el("caption", null, "关键数字对比（" + chosen.length + " 份报告）"));
    var head = el("tr");
    head.appendChild(el("th", { scope: "col" }, "指标"));
    chosen.forEach(function (r) {
      var th = el("th", { scope: "col", "data-source": r.source }, r.agency + " " + r.year + " 年");
      if (r.duplicate) {
        th.appendChild(el("br"));
        th.appendChild(el("small", null, "重复报告：" + r.source));
      }
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el("tbody");
    data.fields.forEach(function (field) {
      if (HIDDEN_FIELDS[field.name]) { return; }
      var tr = el("tr", { "data-field": field.name });
      tr.appendChild(el("th", { scope: "row", title: field.meaning }, field.label));
      chosen.forEach(function (r) {
        var applies = !field.templates || field.templates.indexOf(r.template) >= 0;
        tr.appendChild(el("td", null, applies ? show(r[field.name]) : "无此项"));
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    wrap.appendChild(table);
    out.appendChild(wrap);
  }

  function build(root, data) {
    var agencies = uniqueSorted(data.reports.map(function (r) { return r.agency; }), false);
    var years = uniqueSorted(data.reports.map(function (r) { return r.year; }), true);
    var state = readHash();
    var pickYears = state.years || years.map(String);
    var pickAgencies = state.agencies;
    if (!pickAgencies && state.years) {  // a year chosen: every agency with a report that year
      pickAgencies = uniqueSorted(data.reports.filter(function (r) {
        return pickYears.indexOf(String(r.year)) >= 0;
      }).map(function (r) { return r.agency; }), false);
    }
    pickAgencies = pickAgencies || agencies.slice(0, 2).map(String);
    while (root.firstChild) { root.removeChild(root.firstChild); }
    var form = el("form", { "class": "od-compare-form" });
    form.appendChild(checkboxes("机关", "agency", agencies, pickAgencies));
    form.appendChild(checkboxes("年度", "year", years, pickYears));
    var out = el("div", { "class": "od-compare-output", "aria-live": "polite" });
    form.addEventListener("change", function () { render(root, data, out); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    root.appendChild(form);
    root.appendChild(out);
    render(root, data, out);
  }

  function init() {
    var root = document.getElementById("od-compare");
    if (!root || root.getAttribute("data-ready")) { return; }
    root.setAttribute("data-ready", "1");
    root.hidden = false;
    var status = root.querySelector(".od-compare-status");
    fetch(root.getAttribute("data-src"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) {
        build(root, data);
        var fallback = document.getElementById("od-compare-static");
        if (fallback) { fallback.hidden = true; }
      })
      .catch(function (err) {
        if (status) { status.textContent = "无法读取对比数据（" + err.message + "），请使用下方的表格。"; }
      });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);  // mkdocs-material instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
