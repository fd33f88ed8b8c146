// What a room keeps on this device to open offline: its last messages and its unacknowledged
// outbox, in localStorage per person and room, until the login could have idled out. A room
// drops other people's entries; logging out drops all (pwa.js). See docs/privacy.md.
const PREFIX = "groupspace:room:";
const KEEP = 50; // one screen of history, not an archive
export const ROOMS_CACHE = "groupspace-rooms"; // the worker's room pages (groupspace/pwa/views.py)

export class RoomStore {
  constructor(userId, room, offlineUntilSeconds) {
    const owner = `${PREFIX}${userId}:`;
    this.key = owner + room;
    this.until = offlineUntilSeconds * 1000;
    forget((key) => !key.startsWith(owner));
  }

  load() {
    try {
      const saved = JSON.parse(localStorage.getItem(this.key));
      if (saved?.until > Date.now()) return { messages: saved.messages ?? [], outbox: saved.outbox ?? [] };
      this.forget();
    } catch {} // unreadable or refused: the room opens without a saved copy
    return { messages: [], outbox: [] };
  }

  save(messages, outbox) {
    if (!(this.until > Date.now())) return this.forget();
    messages = [...messages].sort((a, b) => a.id - b.id).slice(-KEEP);
    try {
      localStorage.setItem(this.key, JSON.stringify({ until: this.until, messages, outbox }));
    } catch {} // full or refused: the room works, just not offline
  }

  forget() {
    forget((key) => key === this.key);
  }
}

function forget(matches) {
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(PREFIX) && matches(key)) localStorage.removeItem(key);
    }
  } catch {}
}

export async function forgetEverything() {
  forget(() => true);
  if (window.caches) await caches.delete(ROOMS_CACHE);
}
