// Uploading many files at once, progressive: without this script the form is a plain multipart post.
// For each form[data-upload]: drag-and-drop onto [data-drop-zone], one file per request (so that a refusal names its
// file) asking for JSON ({ added, refused }), one progress bar. The texts come from the form's data attributes:
// data-upload-field (the file field's name), data-upload-sending ("… {i} sur {n}…"), data-upload-done-one,
// data-upload-done-many ("{n} …"), data-upload-failed ("« {name} » …"), data-upload-refresh (link text).
(function () {
  "use strict";

  var forms = document.querySelectorAll("form[data-upload]");
  if (!forms.length || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  Array.prototype.forEach.call(forms, enhance);

  function enhance(form) {
    var d = form.dataset;
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
        text.textContent = d.uploadSending.replace("{i}", i + 1).replace("{n}", list.length);
        var data = new FormData();
        data.append("__RequestVerificationToken", token.value);
        data.append(d.uploadField, list[i], list[i].name);
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
            refused.push(d.uploadFailed.replace("{name}", list[i].name));
          }
          doneBytes += list[i].size;
          bar.value = Math.round(100 * doneBytes / total);
          next(i + 1);
        });
        xhr.addEventListener("error", function () {
          refused.push(d.uploadFailed.replace("{name}", list[i].name) + " (connexion interrompue)");
          doneBytes += list[i].size;
          next(i + 1);
        });
        xhr.send(data);
      }

      function finish() {
        bar.value = 100;
        text.textContent = added === 1 ? d.uploadDoneOne : d.uploadDoneMany.replace("{n}", added);
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
        link.textContent = d.uploadRefresh;
        errors.appendChild(link);
      }

      next(0);
    }
  }
})();
