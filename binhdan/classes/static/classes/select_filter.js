/* A search box above every <select data-filter="placeholder">: typing (with or without
   Vietnamese diacritics) keeps only the matching options; the chosen one always stays.
   Without JavaScript the select works as it is. */
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function attach(select) {
    var all = Array.prototype.slice.call(select.options).map(function (option) {
      return { option: option, key: fold(option.textContent) };
    });
    var box = document.createElement("input");
    box.type = "search";
    box.className = "select-filter";
    box.placeholder = select.getAttribute("data-filter") || "";
    box.setAttribute("aria-label", box.placeholder);
    box.setAttribute("autocomplete", "off");
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var wanted = fold(box.value);
      var chosen = select.value;
      while (select.options.length) { select.remove(0); }
      all.forEach(function (entry) {
        if (!wanted || !entry.option.value || entry.option.value === chosen ||
            entry.key.indexOf(wanted) !== -1) {
          select.add(entry.option);
        }
      });
      select.value = chosen;
    });
  }
  document.querySelectorAll("select[data-filter]").forEach(attach);
})();
