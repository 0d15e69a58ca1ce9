/* 对比 (query) page: choose agencies (or a region), figures and years; see their key figures
 * side by side, the totals of each region per year, and download exactly that selection as CSV.
 * Reads key-figures.json (same origin, URL in data-src of #od-compare) and the page's own
 * #od-compare-config (regions of the agencies from agencies.yml, which figures add up, which are
 * rates). All text is set with textContent, never as HTML: agency names are untrusted. Without
 * JavaScript the page shows the static table #od-compare-static instead. */
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

  function own(map, key) {
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
  }

  function show(value, isRate) {
    if (value === null || value === undefined) { return isRate ? "—" : "空"; }
    if (value === true) { return "是"; }
    if (value === false) { return "否"; }
    if (isRate) { return Number(value).toFixed(1) + "%"; }
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

  /* The selection in the address: #agencies=<name>|<name>&years=2023|2024&fields=a|b&regions=…,
   * each value percent-encoded on its own, so a link from an agency or year page preselects it. */
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

  function writeHash(sel, allFields) {
    var enc = function (list) { return list.map(encodeURIComponent).join("|"); };
    var hash = "#agencies=" + enc(sel.agencies) + "&years=" + enc(sel.years);
    if (sel.fields.length !== allFields) { hash += "&fields=" + enc(sel.fields); }
    if (history.replaceState) { history.replaceState(null, "", hash); }
  }

  function checkboxes(legend, name, values, checked, labelOf) {
    var box = el("fieldset", { "class": "od-compare-choices", "data-name": name });
    box.appendChild(el("legend", null, legend));
    values.forEach(function (value, i) {
      var id = "od-" + name + "-" + i;
      var label = el("label", { "for": id });
      var input = el("input", { type: "checkbox", id: id, name: name, value: String(value) });
      input.checked = checked.indexOf(String(value)) >= 0;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + (labelOf ? labelOf(value) : String(value))));
      box.appendChild(label);
    });
    return box;
  }

  function allNone(box, name) {
    var bar = el("span", { "class": "od-compare-all-none" });
    [["全选", true], ["全不选", false]].forEach(function (pair) {
      var button = el("button", { type: "button", "data-check": pair[1] ? "all" : "none" }, pair[0]);
      button.addEventListener("click", function () {
        Array.prototype.forEach.call(box.querySelectorAll("input[name='" + name + "']"), function (input) {
          if (!input.closest("label").hidden) { input.checked = pair[1]; }
        });
        box.dispatchEvent(new Event("change", { bubbles: true }));
      });
      bar.appendChild(button);
    });
    box.insertBefore(bar, box.children[1]);
  }

  function selected(root, name) {
    return Array.prototype.slice.call(root.querySelectorAll("input[name='" + name + "']:checked"))
      .map(function (input) { return input.value; });
  }

  /* CSV as key-figures.csv writes it (UTF-8 with BOM, CRLF; a text cell that Excel would run as a
   * formula gets a leading apostrophe), with the Chinese labels as the header row. */
  function csvCell(value) {
    var text;
    if (value === null || value === undefined) { text = ""; }
    else if (value === true || value === false) { text = value ? "true" : "false"; }
    else if (typeof value === "number") { text = String(value); }
    else {
      text = String(value);
      if (/^[=+\-@\t\r]/.test(text)) { text = "'" + text; }
    }
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csvText(header, rows) {
    return "\ufeff" + [header].concat(rows).map(function (row) {
      return row.map(csvCell).join(",");
    }).join("\r\n") + "\r\n";
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /* Per region and year, the sum of each chosen figure that adds up; `missing` counts the reports
   * whose figure is empty (not in the sum, never taken as 0). Files of one agency and year are one
   * report (F-duplicate-report), as are files under an agency's other names (`config.same`, from
   * agencies.yml's aliases): counted once, with the figure they agree on; where they differ, the
   * figure is left out (`conflicting`). */
  function regionTotals(chosen, fields, config) {
    var groups = {}, order = [];
    chosen.forEach(function (r) {
      var region = own(config.regions, r.agency);
      if (!region) { return; }
      var key = region + "\u0000" + r.year;
      if (!groups[key]) {
        groups[key] = { region: region, year: r.year, reports: 0, sums: {}, missing: {}, conflicting: {}, files: {} };
        order.push(key);
      }
      var g = groups[key], agency = own(config.same, r.agency) || String(r.agency).replace(/\s+/g, "");
      if (!own(g.files, agency)) { g.files[agency] = []; g.reports += 1; }
      g.files[agency].push(r);
    });
    order.forEach(function (k) {
      var g = groups[k];
      Object.keys(g.files).forEach(function (agency) {
        var same = g.files[agency];
        fields.forEach(function (f) {
          var known = [];
          same.forEach(function (r) {
            var v = r[f.name];
            if (v !== null && v !== undefined && known.indexOf(v) < 0) { known.push(v); }
          });
          if (known.length === 1) {
            g.sums[f.name] = Math.round(((g.sums[f.name] || 0) + known[0]) * 1e6) / 1e6;
          } else if (known.length) {
            g.conflicting[f.name] = (g.conflicting[f.name] || 0) + 1;
          } else {
            g.missing[f.name] = (g.missing[f.name] || 0) + 1;
          }
        });
      });
    });
    return order.map(function (k) { return groups[k]; }).sort(function (a, b) {
      return a.region.localeCompare(b.region, "zh-Hans-CN") || a.year - b.year;
    });
  }

  function render(root, data, config, out) {
    var sel = { agencies: selected(root, "agency"), years: selected(root, "year"), fields: selected(root, "field") };
    var visible = data.fields.filter(function (f) { return !HIDDEN_FIELDS[f.name]; });
    writeHash(sel, visible.length);
    var fields = visible.filter(function (f) { return sel.fields.indexOf(f.name) >= 0; });
    var chosen = data.reports.filter(function (r) {
      return sel.agencies.indexOf(String(r.agency)) >= 0 && sel.years.indexOf(String(r.year)) >= 0;
    }).sort(function (a, b) {
      return String(a.agency).localeCompare(String(b.agency), "zh-Hans-CN") || a.year - b.year ||
        String(a.source).localeCompare(String(b.source));
    });
    while (out.firstChild) { out.removeChild(out.firstChild); }
    if (!chosen.length || !fields.length) {
      out.appendChild(el("p", { role: "status" },
        !fields.length ? "请至少选择一项指标。" : "没有符合条件的报告。请选择机关（或地区）和年度。"));
      return;
    }
    var rates = {};
    config.rates.forEach(function (n) { rates[n] = true; });

    var bar = el("p", { "class": "od-compare-actions" });
    var csvButton = el("button", { type: "button", id: "od-download" }, "下载所选数据（CSV）");
    csvButton.addEventListener("click", function () {
      var header = ["来源文件", "机关", "地区", "年度"].concat(fields.map(function (f) { return f.label; }));
      var rows = chosen.map(function (r) {
        return [r.source, r.agency, own(config.regions, r.agency) || null, r.year].concat(fields.map(function (f) {
          var applies = !f.templates || f.templates.indexOf(r.template) >= 0;
          return applies ? r[f.name] : null;
        }));
      });
      download("对比-所选数据.csv", csvText(header, rows));
    });
    bar.appendChild(csvButton);
    out.appendChild(bar);

    var wrap = el("div", { style: "overflow-x:auto" });
    var table = el("table", { "class": "od-compare-result" });
    table.appendChild(el("caption", null, "关键数字对比（" + chosen.length + " 份报告，" + fields.length + " 项指标）"));
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
    fields.forEach(function (field) {
      var tr = el("tr", { "data-field": field.name });
      tr.appendChild(el("th", { scope: "row", title: field.meaning }, field.label));
      chosen.forEach(function (r) {
        var applies = !field.templates || field.templates.indexOf(r.template) >= 0;
        tr.appendChild(el("td", null, applies ? show(r[field.name], rates[field.name]) : "无此项"));
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    wrap.appendChild(table);
    out.appendChild(wrap);

    var summable = fields.filter(function (f) { return config.sum.indexOf(f.name) >= 0; });
    var totals = summable.length ? regionTotals(chosen, summable, config) : [];
    if (totals.length) {
      out.appendChild(el("h2", { id: "od-region-totals" }, "地区合计"));
      out.appendChild(el("p", null, "所选机关按 agencies.yml 登记的地区逐年相加（只含上面所选的机关和年度）；" +
        "同一机关同一年度的多份报告只计一次；标 * 的合计有报告该项为空，或同一机关同一年度的几份报告该项数字不同，未计入。"));
      var twrap = el("div", { style: "overflow-x:auto" });
      var ttable = el("table", { "class": "od-compare-result od-region-totals" });
      var thr = el("tr");
      ["地区", "年度", "报告数"].forEach(function (h) { thr.appendChild(el("th", { scope: "col" }, h)); });
      summable.forEach(function (f) { thr.appendChild(el("th", { scope: "col", title: f.meaning, "data-field": f.name }, f.label)); });
      var tthead = el("thead");
      tthead.appendChild(thr);
      ttable.appendChild(tthead);
      var ttbody = el("tbody");
      totals.forEach(function (g) {
        var tr = el("tr", { "data-region": g.region, "data-year": String(g.year) });
        tr.appendChild(el("th", { scope: "row" }, g.region));
        tr.appendChild(el("td", null, String(g.year)));
        tr.appendChild(el("td", null, String(g.reports)));
        summable.forEach(function (f) {
          var td = el("td", { "data-field": f.name }, g.sums[f.name] === undefined ? "空" : String(g.sums[f.name]));
          var why = [];
          if (g.missing[f.name]) { why.push(g.missing[f.name] + " 份报告该项为空"); }
          if (g.conflicting[f.name]) { why.push(g.conflicting[f.name] + " 个机关同一年度的几份报告该项数字不同"); }
          if (why.length) {
            td.appendChild(el("span", { title: why.join("；") + "，未计入合计" }, "*"));
          }
          tr.appendChild(td);
        });
        ttbody.appendChild(tr);
      });
      ttable.appendChild(ttbody);
      twrap.appendChild(ttable);
      out.appendChild(twrap);
      var totalsButton = el("button", { type: "button", id: "od-download-totals" }, "下载地区合计（CSV）");
      totalsButton.addEventListener("click", function () {
        var header = ["地区", "年度", "报告数"].concat(summable.map(function (f) { return f.label; }))
          .concat(summable.map(function (f) { return f.label + "（为空未计入的报告数）"; }))
          .concat(summable.map(function (f) { return f.label + "（重复报告数字不同、未计入的机关数）"; }));
        download("对比-地区合计.csv", csvText(header, totals.map(function (g) {
          return [g.region, g.year, g.reports].concat(summable.map(function (f) {
            return g.sums[f.name] === undefined ? null : g.sums[f.name];
          })).concat(summable.map(function (f) { return g.missing[f.name] || 0; }))
            .concat(summable.map(function (f) { return g.conflicting[f.name] || 0; }));
        })));
      });
      var p = el("p", { "class": "od-compare-actions" });
      p.appendChild(totalsButton);
      out.appendChild(p);
    }
  }

  function build(root, data, config) {
    var agencies = uniqueSorted(data.reports.map(function (r) { return r.agency; }), false);
    var years = uniqueSorted(data.reports.map(function (r) { return r.year; }), true);
    var visible = data.fields.filter(function (f) { return !HIDDEN_FIELDS[f.name]; });
    var byName = {};
    visible.forEach(function (f) { byName[f.name] = f; });
    var regions = uniqueSorted(agencies.map(function (a) { return own(config.regions, a); }), false);
    var state = readHash();
    var pickYears = state.years || years.map(String);
    var pickAgencies = state.agencies;
    if (state.regions) {  // a region chosen: every agency of it
      pickAgencies = (pickAgencies || []).concat(agencies.filter(function (a) {
        return state.regions.indexOf(own(config.regions, a)) >= 0;
      }).map(String));
    }
    if (!pickAgencies && state.years) {  // a year chosen: every agency with a report that year
      pickAgencies = uniqueSorted(data.reports.filter(function (r) {
        return pickYears.indexOf(String(r.year)) >= 0;
      }).map(function (r) { return r.agency; }), false);
    }
    pickAgencies = pickAgencies || agencies.slice(0, 2).map(String);
    var pickFields = state.fields || visible.map(function (f) { return f.name; });
    while (root.firstChild) { root.removeChild(root.firstChild); }
    var form = el("form", { "class": "od-compare-form" });

    var agencyBox = checkboxes("机关", "agency", agencies, pickAgencies, function (a) {
      return own(config.regions, a) ? a + "（" + own(config.regions, a) + "）" : a;
    });
    // Agency names as the label text, so that a search finds them whatever the region.
    Array.prototype.forEach.call(agencyBox.querySelectorAll("label"), function (label, i) {
      label.setAttribute("data-agency", String(agencies[i]));
    });
    var filter = el("input", { type: "search", "class": "od-compare-filter", placeholder: "筛选机关名称",
      "aria-label": "筛选机关名称" });
    filter.addEventListener("input", function () {
      var q = filter.value.trim();
      Array.prototype.forEach.call(agencyBox.querySelectorAll("label"), function (label) {
        label.hidden = q !== "" && label.textContent.indexOf(q) < 0;
      });
    });
    agencyBox.insertBefore(filter, agencyBox.children[1]);
    allNone(agencyBox, "agency");

    if (regions.length) {
      var regionBox = checkboxes("地区（选中即选中该地区的全部机关）", "region", regions,
        regions.filter(function (g) {
          var members = agencies.filter(function (a) { return own(config.regions, a) === g; }).map(String);
          return members.length && members.every(function (a) { return pickAgencies.indexOf(a) >= 0; });
        }).map(String));
      regionBox.addEventListener("change", function (e) {
        var input = e.target;
        if (!input || input.name !== "region") { return; }
        Array.prototype.forEach.call(agencyBox.querySelectorAll("input[name='agency']"), function (box) {
          if (own(config.regions, box.value) === input.value) { box.checked = input.checked; }
        });
      });
      form.appendChild(regionBox);
    }
    form.appendChild(agencyBox);
    var fieldBox = checkboxes("指标", "field", visible.map(function (f) { return f.name; }), pickFields,
      function (name) { return byName[name].label; });
    allNone(fieldBox, "field");
    form.appendChild(fieldBox);
    form.appendChild(checkboxes("年度", "year", years, pickYears));

    var out = el("div", { "class": "od-compare-output", "aria-live": "polite" });
    form.addEventListener("change", function () { render(root, data, config, out); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    root.appendChild(form);
    root.appendChild(out);
    render(root, data, config, out);
  }

  function readConfig() {
    var node = document.getElementById("od-compare-config");
    var config = { regions: {}, same: {}, sum: [], rates: [] };
    if (node) {
      try {
        var parsed = JSON.parse(node.textContent);
        Object.keys(config).forEach(function (k) { if (parsed[k]) { config[k] = parsed[k]; } });
      } catch (e) { /* a broken config leaves regions out, nothing else */ }
    }
    return config;
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
        build(root, data, readConfig());
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
