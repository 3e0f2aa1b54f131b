// The demo page: the questionnaire mounted into the page itself, in the
// person's browser language (the page's own lang is ours, not theirs), and
// an installable web app that works offline after the first visit.
import { mount } from "./ui.js";

const heading = document.querySelector("h1");
const notice = document.getElementById("notice");
let text = null;
let waiting = null; // a new release, installed and waiting for the person's OK
let offline = null; // what the service worker said of the offline copy: "unavailable" or "incomplete"

function showNotice() {
  if (!text) return;
  if (!waiting) {
    const words = { unavailable: text.offlineUnavailable, incomplete: text.offlineIncomplete }[offline];
    if (words) {
      notice.textContent = words;
      notice.hidden = false;
    }
    return;
  }
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = text.updateNow;
  button.addEventListener("click", () => waiting.postMessage({ type: "update-now" }));
  const message = document.createElement("span");
  message.textContent = `${text.updateReady} `;
  notice.replaceChildren(message, button);
  notice.hidden = false;
}

mount(document.getElementById("app"), {
  heading: null,
  pageLanguage: false,
  canPrint: true,
  onLanguage(lang, words) {
    text = words;
    document.documentElement.lang = lang;
    document.title = words.title;
    heading.textContent = words.title;
    document.getElementById("map-link").textContent = words.map.link;
    showNotice();
  },
});

// Offline after the first visit (service workers need http://127.0.0.1,
// localhost or https).
if ("serviceWorker" in navigator && window.isSecureContext) {
  const hadWorker = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.register("sw.js").then((registration) => {
    if (!registration) return; // blocked by the browser's settings
    const watch = (worker) => {
      if (!worker) return;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) {
          waiting = worker;
          showNotice();
        } else if (worker.state === "activated" && !hadWorker && text) {
          notice.textContent = text.offlineReady;
          notice.hidden = false;
        }
      });
    };
    if (registration.waiting && navigator.serviceWorker.controller) {
      waiting = registration.waiting;
      showNotice();
    }
    watch(registration.installing);
    registration.addEventListener("updatefound", () => watch(registration.installing));
  }, () => {});
  // What the service worker says of the offline copy: no room for it on
  // this device, or a copy with files missing (the browser cleared some).
  navigator.serviceWorker.addEventListener("message", (event) => {
    const { type, reason, missing } = event.data ?? {};
    if (type === "offline-unavailable" && reason === "storage") offline = "unavailable";
    else if (type === "offline-status" && missing > 0) offline = "incomplete";
    else return;
    showNotice();
  });
  navigator.serviceWorker.controller?.postMessage({ type: "check" });
  // The new release took over: reload once so page, engine and data match.
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (hadWorker && !reloading) {
      reloading = true;
      location.reload();
    }
  });
}
