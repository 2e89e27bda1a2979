// Documents, progressive: without this script the link is selectable text (the upload is upload.js's).
(function () {
  "use strict";

  // « Copier le lien »: the button only appears when the clipboard can be used.
  var copy = document.querySelector("[data-copy-button]");
  var source = document.querySelector("[data-copy-source]");
  if (copy && source && navigator.clipboard) {
    var status = document.querySelector("[data-copy-status]");
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        status.textContent = "Lien copié.";
      }, function () {
        source.select();
        status.textContent = "Sélectionnez le lien et copiez-le (Ctrl+C).";
      });
    });
  }
})();
