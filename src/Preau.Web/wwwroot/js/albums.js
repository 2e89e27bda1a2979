// Photo albums, progressive: without this script the slideshow is plain links (the upload is upload.js's).
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
})();
