// The offline page: links to the room pages this device keeps for offline use (cached by the
// service worker while online), named by their page titles. Nothing else is listed.
const list = document.getElementById("offline-rooms");

async function listRooms() {
  if (!("caches" in window) || !(await caches.has(list.dataset.roomsCache))) return;
  const cache = await caches.open(list.dataset.roomsCache);
  const parser = new DOMParser();
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    // The worker refuses expired copies too; this only keeps them out of the list.
    if (!(Number(response.headers.get(list.dataset.offlineHeader)) * 1000 > Date.now())) continue;
    const page = parser.parseFromString(await response.text(), "text/html");
    const item = document.createElement("li");
    item.className = "card";
    const link = document.createElement("a");
    link.className = "card-link";
    link.href = new URL(request.url).pathname;
    link.textContent = page.querySelector("h1")?.textContent.trim() || "Your group's room"; // text, never HTML
    item.append(link);
    list.append(item);
  }
  list.closest("section").hidden = list.children.length === 0;
}

document.getElementById("offline-retry").addEventListener("click", () => location.reload());
listRooms();
