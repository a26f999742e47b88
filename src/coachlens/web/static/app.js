// coachlens: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Drag and drop a transcript onto the upload area (the file input still works by keyboard).
  document.querySelectorAll("[data-drop]").forEach(function (zone) {
    var input = zone.querySelector("input[type=file]");
    var name = zone.querySelector("[data-drop-name]");
    function show() {
      if (name && input.files && input.files.length) { name.textContent = "Chosen: " + input.files[0].name; }
    }
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        show();
      }
    });
  });
  // "Go back" on the error page returns to the previous page when there is one.
  document.querySelectorAll("[data-back]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (window.history.length > 1) { event.preventDefault(); window.history.back(); }
    });
  });
  // Select the check-in link for copying.
  var link = document.getElementById("link");
  if (link) { link.addEventListener("focus", function () { link.select(); }); }
})();
