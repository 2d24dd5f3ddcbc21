// Live updates: new replies appear in an open topic and the unread count stays right.
// Only an extra: every page works without it.
(function () {
  "use strict";
  if (!("WebSocket" in window)) return;
  var base = (location.protocol === "https:" ? "wss://" : "ws://") + location.host;

  // Shown while live updates cannot arrive (the server is restarting, or says they are
  // paused); the page itself still works and a reload shows everything.
  var paused = document.getElementById("live-paused");
  function showPaused(on) { if (paused) paused.hidden = !on; }

  function listen(path, onMessage) {
    var failures = 0;
    function open() {
      var socket, opened = false;
      try { socket = new WebSocket(base + path); } catch (e) { return; }
      socket.onopen = function () {
        opened = true;
        // Healthy once it stays open: a paused server accepts and closes at once.
        setTimeout(function () {
          if (socket.readyState === 1) { failures = 0; showPaused(false); }
        }, 1000);
      };
      socket.onmessage = function (event) {
        try { var data = JSON.parse(event.data); } catch (e) { return; }
        if (data) onMessage(data);
      };
      socket.onclose = function (event) {
        // 4403: no longer a member. A refused handshake looks like a network failure
        // to the browser, so a few failures in a row also end it. 4503: live updates
        // are paused; keep asking, more slowly.
        if (event.code === 4403) return;
        showPaused(true);
        if (event.code === 4503) failures = Math.min(failures + 1, 6);
        else if (!opened && ++failures > 6) return;
        // Back off 1 s doubling to 30 s, with jitter so a restarted server is not met
        // by every page at once.
        var delay = Math.min(30000, 1000 * Math.pow(2, failures));
        setTimeout(open, delay / 2 + Math.random() * delay / 2);
      };
    }
    open();
  }

  var status = document.getElementById("live-status");
  var topic = document.querySelector("[data-live-topic]");
  var topicId = topic && parseInt(topic.getAttribute("data-live-topic"), 10);
  if (topicId > 0) {
    listen("/ws/topics/" + topicId + "/", function (data) {
      var replies = document.getElementById("replies");
      var id = parseInt(data.id, 10);
      if (data.type !== "reply" || !replies || !(id > 0) || typeof data.html !== "string") return;
      // The heading ("3 replies") follows even when the reply is already on the page.
      var count = document.getElementById("reply-count");
      if (count && typeof data.reply_count_text === "string") count.textContent = data.reply_count_text;
      if (document.getElementById("reply-" + id)) return;
      replies.insertAdjacentHTML("beforeend", data.html);
      // A reply rendered for the socket has no CSRF token: its forms take the page's.
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      if (token && replies.lastElementChild) {
        replies.lastElementChild.querySelectorAll("form[method=post]").forEach(function (form) {
          if (!form.querySelector("input[name=csrfmiddlewaretoken]")) form.prepend(token.cloneNode());
        });
      }
      // Buttons in the new reply need htmx wiring like the rest of the page.
      if (window.htmx && replies.lastElementChild) window.htmx.process(replies.lastElementChild);
      if (!status) return;
      // Cleared first so that a second reply is read out too.
      status.textContent = "";
      setTimeout(function () {
        status.textContent = status.getAttribute("data-new-reply") || "New reply";
      }, 100);
    });
  }

  // The author's own reply also comes back with the form (htmx): keep whichever came first.
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var fragment = event.detail && event.detail.fragment;
    if (!fragment || !fragment.querySelectorAll) return;
    fragment.querySelectorAll("[id^='reply-']").forEach(function (el) {
      if (document.getElementById(el.id)) el.remove();
    });
  });

  if (document.querySelector("[data-live-notifications]")) {
    listen("/ws/notifications/", function (data) {
      var count = document.getElementById("notification-count");
      if (data.type === "notification" && count && typeof data.unread === "number") {
        count.textContent = String(data.unread);
      }
    });
  }
})();
