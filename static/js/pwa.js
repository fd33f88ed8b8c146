// On every page: registers the service worker (the app installs and the rooms open offline),
// and makes sure what this device keeps for offline use never outlives the login.
import { forgetEverything } from "./room/offline-store.js";

const script = document.querySelector("script[data-service-worker]");

if ("serviceWorker" in navigator) {
  const controlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.register(script.dataset.serviceWorker, { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // A room page loaded before the worker ran went past it: ask for it to be kept too.
      if (!controlled && document.querySelector("[data-offline-until]")) {
        registration.active?.postMessage({ type: "keep", url: location.href });
      }
    })
    .catch(() => {
      // No worker (private browsing, an old browser): everything works online as before.
    });
}

if (script.dataset.signedIn !== "true") {
  // Logged out, however it happened (the logout form, an idle logoff, a closed browser):
  // nothing the last person's rooms left here may be shown to whoever uses the device next.
  forgetEverything();
}

// The logout response also carries Clear-Site-Data; this covers browsers that ignore it and a
// logout tapped while offline (the form then fails to send, but the device is clean).
for (const form of document.querySelectorAll("form[method=post]")) {
  if (new URL(form.action, location.href).pathname !== script.dataset.logoutUrl) continue;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await forgetEverything();
    } finally {
      form.submit(); // submit() fires no submit event: no loop
    }
  });
}
