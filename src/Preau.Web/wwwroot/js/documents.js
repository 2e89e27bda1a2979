// Documents, progressive: without this script the upload is a plain form post and the link is selectable text.
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

  // Upload: drag-and-drop onto the zone, one file per request (so a refusal names its file), one progress bar.
  var form = document.querySelector("[data-doc-upload]");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var input = form.querySelector("input[type=file]");
  var zone = form.querySelector("[data-drop-zone]");
  var box = form.querySelector("[data-progress]");
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-progress-text]");
  var errors = form.querySelector("[data-upload-errors]");
  var token = form.querySelector("input[name=__RequestVerificationToken]");
  var button = form.querySelector("button[type=submit]");

  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("dragging"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove("dragging"); });
  });
  zone.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) {
      send(e.dataTransfer.files);
    }
  });
  form.addEventListener("submit", function (e) {
    if (!input.files || input.files.length === 0) {
      return;
    }
    e.preventDefault();
    send(input.files);
  });

  function send(files) {
    var list = Array.prototype.slice.call(files);
    var total = list.reduce(function (sum, f) { return sum + f.size; }, 0) || 1;
    var doneBytes = 0;
    var added = 0;
    var refused = [];
    box.hidden = false;
    errors.textContent = "";
    button.disabled = true;

    function next(i) {
      if (i >= list.length) {
        finish();
        return;
      }
      text.textContent = "Envoi du fichier " + (i + 1) + " sur " + list.length + "…";
      var data = new FormData();
      data.append("__RequestVerificationToken", token.value);
      data.append("files", list[i], list[i].name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          bar.value = Math.round(100 * (doneBytes + e.loaded * list[i].size / e.total) / total);
        }
      });
      xhr.addEventListener("load", function () {
        try {
          var answer = JSON.parse(xhr.responseText);
          added += answer.added || 0;
          refused = refused.concat(answer.refused || []);
        } catch (err) {
          refused.push("« " + list[i].name + " » n'a pas pu être envoyé.");
        }
        doneBytes += list[i].size;
        bar.value = Math.round(100 * doneBytes / total);
        next(i + 1);
      });
      xhr.addEventListener("error", function () {
        refused.push("« " + list[i].name + " » n'a pas pu être envoyé (connexion interrompue).");
        doneBytes += list[i].size;
        next(i + 1);
      });
      xhr.send(data);
    }

    function finish() {
      bar.value = 100;
      text.textContent = added + (added > 1 ? " fichiers ajoutés." : " fichier ajouté.");
      button.disabled = false;
      if (refused.length === 0) {
        window.location.reload();
        return;
      }
      refused.forEach(function (message) {
        var p = document.createElement("p");
        p.textContent = message;
        errors.appendChild(p);
      });
      var link = document.createElement("a");
      link.href = window.location.pathname;
      link.textContent = "Afficher le dossier à jour";
      errors.appendChild(link);
    }

    next(0);
  }
})();
