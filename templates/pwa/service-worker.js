// GroupSpace's service worker, rendered by groupspace/pwa/views.py (served at /sw.js, so it
// controls the whole site). It keeps two things, and nothing else:
// - the app shell (CSS, the room's JavaScript, icons, the offline page): the same for everyone,
//   fetched without cookies;
// - the room pages this person opened, only those the server marks with the offline header,
//   and only until the login could have idled out. Every other page and every API answer goes
//   to the network untouched. Logging out clears both (Clear-Site-Data, and js/pwa.js).
// The room's last messages and unsent outbox are kept by the page itself (room/offline-store.js).
const VERSION = "{{ version }}";
const SHELL_CACHE = `groupspace-shell-${VERSION}`;
const SHELL = {{ shell|safe }};
const ROOMS_CACHE = {{ rooms_cache|safe }};
const OFFLINE_URL = {{ offline_url|safe }};
const LOGIN_PATH = {{ login_url|safe }};
const OFFLINE_UNTIL = {{ offline_header|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL_CACHE);
    await cache.addAll(SHELL.map((url) => new Request(url, { credentials: "omit" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("groupspace-shell-") && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request, url));
  } else if (!url.search && SHELL.includes(url.pathname)) {
    event.respondWith(fromShell(request));
  }
  // Anything else is not answered here: the browser fetches it as if there were no worker.
});

// A page opened before this worker ran was not seen by it; the page asks for itself to be kept.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "keep") return;
  const url = new URL(event.data.url, self.location.origin);
  if (url.origin === self.location.origin) event.waitUntil(navigate(new Request(url), url).catch(() => {}));
});

async function fromShell(request) {
  return (await caches.match(request.url, { cacheName: SHELL_CACHE })) ?? fetch(request);
}

// Pages come from the network whenever it answers, so they are never stale when online.
async function navigate(request, url) {
  const key = url.origin + url.pathname;
  let response;
  try {
    response = await fetch(request);
  } catch (networkError) {
    return (await cachedRoom(key)) ?? (await caches.match(OFFLINE_URL, { cacheName: SHELL_CACHE })) ?? Response.error();
  }
  if (url.pathname === LOGIN_PATH) {
    await caches.delete(ROOMS_CACHE); // no login: nothing of the last one may be shown
  } else if (response.ok && response.type === "basic" && response.headers.has(OFFLINE_UNTIL)) {
    const cache = await caches.open(ROOMS_CACHE);
    await cache.put(key, response.clone());
  }
  return response;
}

async function cachedRoom(key) {
  if (!(await caches.has(ROOMS_CACHE))) return null;
  const cache = await caches.open(ROOMS_CACHE);
  const response = await cache.match(key);
  if (!response) return null;
  if (Number(response.headers.get(OFFLINE_UNTIL)) * 1000 > Date.now()) return response;
  await cache.delete(key); // the login may have ended since: never show it again
  return null;
}
