// Every page: registers the service worker, and keeps what this device holds for offline use
// from outliving the login (docs/privacy.md, "On the device").
import { forgetEverything } from "./room/offline-store.js";

const script = document.querySelector("script[data-service-worker]");
const worker = navigator.serviceWorker;

if (worker) {
  const controlled = Boolean(worker.controller);
  worker.register(script.dataset.serviceWorker, { scope: "/" })
    .then(() => worker.ready)
    .then((registration) => {
      // A room page loaded before the worker ran went past it: ask for it to be kept too.
      if (!controlled && document.querySelector("[data-offline-until]")) {
        registration.active?.postMessage({ type: "keep", url: location.href });
      }
    })
    .catch(() => {}); // no worker (private browsing): everything works online as before
}

// Logged out, however it happened: nothing of the last person's rooms stays for the next one.
if (script.dataset.signedIn !== "true") forgetEverything();

// The logout response's Clear-Site-Data wipes the rest; this also covers a logout tapped offline.
for (const form of document.querySelectorAll("form[method=post]")) {
  if (new URL(form.action, location.href).pathname !== script.dataset.logoutUrl) continue;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    forgetEverything().finally(() => form.submit()); // submit() fires no submit event
  });
}
