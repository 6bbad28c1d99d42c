// Sort and filter the knowledge base's tables in the browser. Without JavaScript they stay plain tables.
(function () {
  "use strict";
  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a.replace(/%$/, "") && String(y) === b.replace(/%$/, "")) return x - y;
    return a.localeCompare(b);
  }
  function makeSortable(table) {
    var head = table.tHead, body = table.tBodies[0];
    if (!head || !body) return;
    Array.prototype.forEach.call(head.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent.trim();
      button.title = "Sort by " + button.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.rows[0].cells, function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var order = compare(cellText(r1, index), cellText(r2, index));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  function addFilter(table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length < 8) return;
    var input = document.createElement("input");
    input.type = "search";
    input.className = "ekb-filter";
    input.placeholder = "Filter rows…";
    input.setAttribute("aria-label", "Filter the rows of this table");
    input.addEventListener("input", function () {
      var needle = input.value.toLowerCase();
      Array.prototype.forEach.call(body.rows, function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
    table.parentNode.insertBefore(input, table);
  }
  // Each cell carries its column's name, which a table shown as cards on a narrow screen prints before it.
  function labelCells(table) {
    var head = table.tHead;
    if (!head) return;
    var names = Array.prototype.map.call(head.rows[0].cells, function (th) { return th.textContent.trim(); });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, index) { cell.setAttribute("data-label", names[index] || ""); });
      });
    });
    table.classList.add("ekb-labelled");
  }
  // A wrapper that scrolls is a region the keyboard can reach and scroll (WCAG 2.1.1); one that does not is no tab stop.
  function reachIfScrolling(table) {
    var wrapper = table.parentNode;
    if (!wrapper.classList.contains("table-wrapper")) return;
    if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", table.caption ? table.caption.textContent.trim() : "Table");
    } else {
      ["tabindex", "role", "aria-label"].forEach(function (name) { wrapper.removeAttribute(name); });
    }
  }
  // A search result's snippet is the page's readers' text: not its tables, ids, breadcrumb or sort controls, and
  // with a space between blocks, so that words of two paragraphs do not run together. This replaces Sphinx's
  // Search.htmlToText (searchtools.js of Sphinx 8.2 to 9.0), the one part of Sphinx's scripts the site changes.
  var LEFT_OUT_OF_SNIPPETS = ".headerlink, script, style, table, .ekb-filter, .ekb-breadcrumb, .ekb-id, .ekb-type, dl.ekb-facts, figure, .ekb-mark";
  var BLOCKS = "p, li, dt, dd, h1, h2, h3, h4, h5, h6, div, section, blockquote";
  function readersText(htmlString, anchor) {
    var page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(LEFT_OUT_OF_SNIPPETS).forEach(function (element) { element.remove(); });
    page.querySelectorAll(BLOCKS).forEach(function (element) { element.append(" "); });
    var main = (anchor && page.querySelector('[role="main"] ' + anchor)) || page.querySelector('[role="main"]');
    return main ? main.textContent.replace(/\s+/g, " ").trim() : "";
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof Search !== "undefined" && Search.htmlToText) Search.htmlToText = readersText;
    var tables = document.querySelectorAll("table.ekb-table");
    tables.forEach(function (table) {
      if (table.classList.contains("ekb-sortable")) {
        makeSortable(table);
        addFilter(table);
      }
      labelCells(table);
      reachIfScrolling(table);
    });
    window.addEventListener("resize", function () { tables.forEach(reachIfScrolling); });
  });
})();
