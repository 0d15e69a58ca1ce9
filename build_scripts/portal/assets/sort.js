/* Sortable tables: click (or press Enter on) a column header of a table.sortable to sort its
   rows by that column; click again to reverse. A cell's data-value, when present, is what is
   compared; data-sort="number" on the header compares numbers, with empty values last either
   way. The footer (totals) stays where it is. No dependencies. */
(function () {
  "use strict";

  var collator = typeof Intl !== "undefined" && Intl.Collator
    ? new Intl.Collator("zh-Hans-CN", { numeric: true })
    : null;

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var value = cell.getAttribute("data-value");
    return value !== null ? value : cell.textContent.trim();
  }

  function compareText(a, b) {
    return collator ? collator.compare(a, b) : (a < b ? -1 : a > b ? 1 : 0);
  }

  function sortBy(table, th, index, numeric) {
    var body = table.tBodies[0];
    if (!body) return;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, position) {
      var raw = cellValue(row, index);
      var key = numeric ? parseFloat(raw) : raw;
      return { row: row, key: key, position: position, empty: raw === "" || (numeric && isNaN(key)) };
    });
    keyed.sort(function (x, y) {
      if (x.empty !== y.empty) return x.empty ? 1 : -1;  // empty last, both directions
      var order = 0;
      if (!x.empty) order = numeric ? x.key - y.key : compareText(x.key, y.key);
      if (!ascending) order = -order;
      return order || x.position - y.position;
    });
    keyed.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function setUp(table) {
    if (table.getAttribute("data-sortable-ready") || !table.tHead || !table.tHead.rows.length) return;
    table.setAttribute("data-sortable-ready", "1");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var index = th.cellIndex;
      var numeric = th.getAttribute("data-sort") === "number";
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, index, numeric); });
    });
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
  /* Material's instant navigation, if enabled, swaps the page without reloading scripts. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpAll);
  }
})();
