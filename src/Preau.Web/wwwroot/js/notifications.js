// Keeps the header's unread counter live: the server pushes ("unread", count) to this person's group.
// Without JavaScript (or if the connection fails) the counter rendered by the server stays as it was.
(function () {
  "use strict";
  var link = document.getElementById("notif-link");
  if (!link || !window.signalR) {
    return;
  }
  var badge = link.querySelector(".notif-badge");
  var text = document.getElementById("notif-count");
  var live = document.getElementById("notif-live");
  // The server counts up to one more than it shows (UnreadNotifications.Shown): above it, "99+".
  var shown = parseInt(link.dataset.shown, 10) || 99;

  function describe(n) {
    if (n === 0) { return link.dataset.textNone; }
    if (n === 1) { return link.dataset.textOne; }
    if (n > shown) { return link.dataset.textMore.replace("{0}", String(shown)); }
    return link.dataset.textMany.replace("{0}", String(n));
  }

  function show(n) {
    var previous = parseInt(badge.dataset.count, 10) || 0;
    badge.dataset.count = String(n);
    badge.textContent = n > shown ? shown + "+" : String(n);
    badge.hidden = n === 0;
    text.textContent = describe(n);
    // Announced politely only when something new arrived, not when the count drops.
    if (n > previous) {
      live.textContent = describe(n);
    }
  }

  var connection = new signalR.HubConnectionBuilder()
    .withUrl(link.dataset.hub)
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.None)
    .build();
  connection.on("unread", function (n) {
    if (typeof n === "number" && n >= 0) {
      show(n);
    }
  });
  connection.start().then(function () {
    link.dataset.live = "on";
  }).catch(function () {
    // The server-rendered count remains; the next page load shows the new one.
  });
})();
