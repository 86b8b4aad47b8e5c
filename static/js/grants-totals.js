// Running totals on the programme's admin page: recomputed from the award
// rows while the editor types. Without JavaScript the saved totals show.
(function () {
  "use strict";

  function parseAmount(text) {
    var cleaned = (text || "").replace(/[\s\u00a0]/g, "").replace(",", ".");
    var value = parseFloat(cleaned);
    return isNaN(value) ? 0 : value;
  }

  function formatMoney(value) {
    var formatted = new Intl.NumberFormat("cs-CZ", {
      maximumFractionDigits: 2,
    }).format(value);
    return formatted.replace(/\s/g, "\u00a0") + "\u00a0Kč";
  }

  function sum(field) {
    var total = 0;
    var inputs = document.querySelectorAll(
      'input[name^="awards-"][name$="-' + field + '"]'
    );
    inputs.forEach(function (input) {
      var prefix = input.name.slice(0, -field.length);
      var removed = document.querySelector(
        'input[name="' + prefix + 'DELETE"]'
      );
      if (/__prefix__/.test(input.name) || (removed && removed.checked)) {
        return;
      }
      total += parseAmount(input.value);
    });
    return total;
  }

  function update(box) {
    var requested = sum("requested");
    var awarded = sum("awarded");
    box.querySelector('[data-total="requested"]').textContent =
      formatMoney(requested);
    box.querySelector('[data-total="awarded"]').textContent =
      formatMoney(awarded);
    if (box.dataset.allocation) {
      var remaining = parseAmount(box.dataset.allocation) - awarded;
      var cell = box.querySelector('[data-total="remaining"]');
      cell.textContent = formatMoney(remaining);
      cell.classList.toggle("errornote", remaining < 0);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-grants-totals]");
    if (!box) {
      return;
    }
    document.addEventListener("input", function (event) {
      if (event.target.name && event.target.name.indexOf("awards-") === 0) {
        update(box);
      }
    });
    document.addEventListener("change", function (event) {
      if (event.target.name && /^awards-.*-DELETE$/.test(event.target.name)) {
        update(box);
      }
    });
  });
})();
