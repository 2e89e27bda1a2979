// Photo albums, progressive: without this script the upload is a plain form post and the slideshow plain links.
(function () {
  "use strict";

  // Slideshow: the arrow keys follow the previous/next links, Escape goes back to the album.
  var slide = document.querySelector("[data-slideshow]");
  if (slide) {
    document.addEventListener("keydown", function (e) {
      var tag = (e.target && e.target.tagName) || "";
      if (e.altKey || e.ctrlKey || e.metaKey || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") {
        return;
      }
      var link = null;
      if (e.key === "ArrowLeft") { link = slide.querySelector("[data-prev]"); }
      else if (e.key === "ArrowRight") { link = slide.querySelector("[data-next]"); }
      else if (e.key === "Escape") { link = slide.querySelector("[data-close]"); }
      if (link) {
        e.preventDefault();
        window.location.href = link.href;
      }
    });
  }

  // Upload: drag-and-drop onto the zone, one photo per request (so a refusal names its photo), one progress bar.
  var form = document.querySelector("[data-album-upload]");
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
  var dropped = null;

  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("dragging"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove("dragging"); });
  });
  zone.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) {
      dropped = e.dataTransfer.files;
      input.required = false;
      send(dropped);
    }
  });

  form.addEventListener("submit", function (e) {
    var files = dropped || input.files;
    if (!files || files.length === 0) {
      return;
    }
    e.preventDefault();
    send(files);
  });

  function send(files) {
    var list = Array.prototype.slice.call(files);
    var total = list.reduce(function (sum, f) { return sum + f.size; }, 0) || 1;
    var doneBytes = 0;
    var added = 0;
    var refused = [];
    box.hidden = false;
    errors.textContent = "";
    form.querySelector("button[type=submit]").disabled = true;

    function next(i) {
      if (i >= list.length) {
        finish();
        return;
      }
      text.textContent = "Envoi de la photo " + (i + 1) + " sur " + list.length + "…";
      var data = new FormData();
      data.append("__RequestVerificationToken", token.value);
      data.append("photos", list[i], list[i].name);
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
          refused.push("« " + list[i].name + " » n'a pas pu être envoyée.");
        }
        doneBytes += list[i].size;
        bar.value = Math.round(100 * doneBytes / total);
        next(i + 1);
      });
      xhr.addEventListener("error", function () {
        refused.push("« " + list[i].name + " » n'a pas pu être envoyée (connexion interrompue).");
        doneBytes += list[i].size;
        next(i + 1);
      });
      xhr.send(data);
    }

    function finish() {
      bar.value = 100;
      text.textContent = added + (added > 1 ? " photos ajoutées." : " photo ajoutée.");
      form.querySelector("button[type=submit]").disabled = false;
      dropped = null;
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
      link.textContent = "Afficher l'album à jour";
      errors.appendChild(link);
    }

    next(0);
  }
})();
