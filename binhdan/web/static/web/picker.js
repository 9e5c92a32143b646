// The area picker (areas/_picker.html) with JavaScript on: Enter in the search box searches
// at once instead of sending the whole form, and Down moves to the results.
(function () {
  "use strict";
  function options(input) {
    var picker = input.closest(".picker");
    return picker ? picker.querySelectorAll(".picker-results input[type=radio]") : [];
  }
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.matches(".picker input[type=search]")) {
      return;
    }
    if (event.key === "Enter") {
      event.preventDefault();
      if (window.htmx) { window.htmx.trigger(input, "search"); }
    } else if (event.key === "ArrowDown") {
      var radios = options(input);
      if (radios.length) {
        event.preventDefault();
        var checked = Array.prototype.find.call(radios, function (r) { return r.checked; });
        (checked || radios[0]).focus();
      }
    }
  });
})();
