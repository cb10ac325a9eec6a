/*
 * Automatic sign-out for the staff pages: when the session's idle time has passed (the
 * server ends it after STAFF_IDLE_MINUTES without a request), leave the page for the
 * sign-in page at once, without waiting for a click, so clinical data does not stay on a
 * shared screen.
 *
 * The page's <script> tag carries the seconds left (data-seconds) and where to go
 * (data-href). Timers in background tabs are slowed down by browsers, so the deadline is
 * also checked whenever the tab becomes visible or focused again.
 */
(() => {
  "use strict";

  const tag = document.currentScript;
  if (!tag) {
    return;
  }
  const seconds = Number(tag.dataset.seconds);
  const href = tag.dataset.href || "/staff/login";
  if (!Number.isFinite(seconds) || seconds < 0) {
    return;
  }
  const deadline = Date.now() + seconds * 1000;
  let gone = false;

  function check() {
    if (gone || Date.now() < deadline) {
      return;
    }
    gone = true;
    // Hide the page first: navigation can take a moment on a slow network.
    if (document.body) {
      document.body.hidden = true;
    }
    window.location.replace(href);
  }

  window.setTimeout(check, seconds * 1000 + 50);
  window.setInterval(check, 5000);
  document.addEventListener("visibilitychange", check);
  window.addEventListener("focus", check);
})();
