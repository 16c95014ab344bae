// baocao audit report: sortable tables and filter boxes (no libraries, works from file://).
(function () {
  "use strict";
  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function cellValue(row, i) {
    var c = row.cells[i];
    if (!c) return "";
    return c.hasAttribute("data-v") ? c.getAttribute("data-v") : c.textContent;
  }
  // Sorting: click a header (class "sortable") to sort by that column; click again to reverse.
  function sortBy(table, th) {
    var i = Array.prototype.indexOf.call(th.parentNode.cells, th);
    var numeric = th.classList.contains("num");
    var dir = th.getAttribute("aria-sort") === "descending" ? "ascending"
            : th.getAttribute("aria-sort") === "ascending" ? "descending"
            : (numeric ? "descending" : "ascending");
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.forEach(function (r, k) { if (!r.hasAttribute("data-i")) r.setAttribute("data-i", k); });
    rows.sort(function (a, b) {
      var x = cellValue(a, i), y = cellValue(b, i), d;
      if (numeric) { d = (parseFloat(x) || 0) - (parseFloat(y) || 0); }
      else { d = fold(x).localeCompare(fold(y)); }
      if (dir === "descending") d = -d;
      return d || (+a.getAttribute("data-i") - +b.getAttribute("data-i"));
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
  }
  // Filtering: rows whose label (data-label, else the text) contains the folded filter text stay.
  // In a matrix, when the text names key columns, only those columns stay, with the rows citing them.
  function applyFilter(table, text) {
    var q = fold(text);
    var head = table.tHead.rows[0];
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var matrix = table.classList.contains("matrix");
    var cols = [];
    if (matrix && q) {
      Array.prototype.forEach.call(head.cells, function (th, i) {
        if (th.classList.contains("key") && fold(th.getAttribute("data-label") || th.textContent).indexOf(q) >= 0) cols.push(i);
      });
    }
    if (matrix) {
      Array.prototype.forEach.call(head.cells, function (th, i) {
        var hide = cols.length > 0 && th.classList.contains("key") && cols.indexOf(i) < 0;
        th.classList.toggle("hidden", hide);
        rows.forEach(function (r) { if (r.cells[i]) r.cells[i].classList.toggle("hidden", hide); });
      });
    }
    var shown = 0;
    rows.forEach(function (r) {
      var label = fold(r.getAttribute("data-label") || r.textContent);
      var keep = !q || label.indexOf(q) >= 0;
      if (!keep && cols.length) {
        keep = cols.some(function (i) { return r.cells[i] && r.cells[i].textContent.trim() !== ""; });
      }
      r.classList.toggle("hidden", !keep);
      if (keep) shown++;
    });
    var counter = document.getElementById(table.id + "-count");
    if (counter) counter.textContent = shown + " / " + rows.length;
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        th.classList.add("sortable");
        th.addEventListener("click", function () { sortBy(table, th); });
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("input.filter"), function (input) {
      var table = document.getElementById(input.getAttribute("data-table"));
      if (!table) return;
      var run = function () { applyFilter(table, input.value); };
      input.addEventListener("input", run);
      input.addEventListener("keyup", run);
      input.addEventListener("search", run);
      input.addEventListener("change", run);
      if (input.value) run();
    });
  });
})();
