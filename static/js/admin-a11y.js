/* The back office's widgets with names for assistive technology (issue
   #40): Django's tabular inlines, split date and time fields and filter
   pickers, and select2's autocomplete boxes come without labels. Runs on
   every admin page and again whenever rows or boxes are added. */
(function () {
  "use strict";

  function text(element) {
    return element ? element.textContent.replace(/[\s:*?]+$/, "").replace(/\s+/g, " ").trim() : "";
  }

  function labelOf(field) {
    if (!field.id) return "";
    const label = document.querySelector('label[for="' + field.id + '"]');
    if (label) return text(label);
    const row = field.closest(".form-row, fieldset");
    const own = row && row.querySelector("label, legend");
    return text(own);
  }

  function name(element, value) {
    if (value && !element.hasAttribute("aria-label")) {
      element.setAttribute("aria-label", value);
    }
  }

  // select2 (autocomplete fields): the box and its search field take the
  // label of the select they stand for.
  function fixSelect2(container) {
    const select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return;
    const label = labelOf(select) || text(select.closest("td") && headerOf(select));
    container.querySelectorAll('[role="combobox"], .select2-search__field').forEach(function (box) {
      if (box.getAttribute("aria-label") !== label) box.setAttribute("aria-label", label);
    });
    // The chosen value, read as a read-only text box: named by the label
    // and the value itself.
    container.querySelectorAll('.select2-selection__rendered[role="textbox"]').forEach(function (value) {
      const own = select.id && document.querySelector('label[for="' + select.id + '"]');
      if (own && value.id) {
        if (!own.id) own.id = select.id + "-label";
        const names = own.id + " " + value.id;
        if (value.getAttribute("aria-labelledby") !== names) value.setAttribute("aria-labelledby", names);
      } else if (value.getAttribute("aria-label") !== label) {
        value.setAttribute("aria-label", label);
      }
    });
    // A list holds only items: the "clear" cross goes beside the list.
    container.querySelectorAll(".select2-selection__rendered").forEach(function (list) {
      if (list.tagName !== "UL") return;
      Array.from(list.children).forEach(function (child) {
        if (child.tagName !== "LI") {
          const old = list.parentNode.querySelector(":scope > .select2-selection__clear");
          if (old) old.remove();
          list.after(child);
        }
      });
    });
  }

  // Tabular inlines: each field is named by its column and row.
  function headerOf(field) {
    const cell = field.closest("td");
    const table = cell && cell.closest("table");
    if (!table) return null;
    const index = Array.prototype.indexOf.call(cell.parentNode.children, cell);
    const headers = table.querySelectorAll("thead tr > *");
    return headers[index] || null;
  }

  function fixTabular(table) {
    // An empty header cell heads nothing.
    table.querySelectorAll("thead th").forEach(function (th) {
      if (!th.textContent.trim()) {
        const td = document.createElement("td");
        td.className = th.className;
        th.replaceWith(td);
      }
    });
    table.querySelectorAll("tbody tr.form-row").forEach(function (row, number) {
      row.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
        if (field.closest(".select2")) return;
        if (field.labels && field.labels.length) return;
        const column = text(headerOf(field));
        if (column) name(field, column + " (řádek " + (number + 1) + ")");
      });
    });
  }

  // Split date and time: Django writes "Datum:" and "Čas:" as bare text.
  function fixDateTime(paragraph) {
    const field = labelOf(paragraph.querySelector("input")) || text(paragraph.closest(".form-row, fieldset") && paragraph.closest(".form-row, fieldset").querySelector("label, legend"));
    const inputs = paragraph.querySelectorAll("input");
    if (inputs[0]) name(inputs[0], (field ? field + " – " : "") + "datum");
    if (inputs[1]) name(inputs[1], (field ? field + " – " : "") + "čas");
  }

  function fix(root) {
    root.querySelectorAll("span.select2").forEach(fixSelect2);
    root.querySelectorAll(".tabular table").forEach(fixTabular);
    root.querySelectorAll("p.datetime").forEach(fixDateTime);
    // The filter pickers' help icon: an image with a name, not a bare span.
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  let pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      observer.disconnect();
      fix(document);
      observer.observe(document.body, {childList: true, subtree: true});
    });
  }
  const observer = new MutationObserver(soon);

  function start() {
    fix(document);
    observer.observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  window.addEventListener("load", function () { fix(document); });
})();
