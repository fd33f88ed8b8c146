// What a room keeps on this device so it opens offline: its last messages and the messages
// written but not yet acknowledged (the outbox, resent with their client_id on reconnect).
// localStorage, one entry per person and room. An entry expires when the login could have
// idled out (the server's offline-until time), a room page drops other people's entries, and
// logging out deletes them all (pwa.js). Why, in docs/privacy.md, "On the device".
const PREFIX = "groupspace:room:";
const KEEP = 50; // messages per room: one screen of history, not an archive
// The service worker's cache of room pages; the same name is in groupspace/pwa/views.py.
export const ROOMS_CACHE = "groupspace-rooms";
const NOTHING = { messages: [], outbox: [] };

export class RoomStore {
  constructor(userId, room, offlineUntilSeconds) {
    this.owner = `${PREFIX}${userId}:`;
    this.key = `${this.owner}${room}`;
    this.until = offlineUntilSeconds * 1000;
    forgetEntries((key) => !key.startsWith(this.owner)); // a shared device: not for this person
  }

  load() {
    try {
      const saved = JSON.parse(localStorage.getItem(this.key));
      if (saved && saved.until > Date.now()) {
        return { messages: saved.messages ?? [], outbox: saved.outbox ?? [] };
      }
      this.forget();
    } catch {
      // Unreadable or storage refused: the room simply opens without a saved copy.
    }
    return NOTHING;
  }

  save(messages, outbox) {
    if (!(this.until > Date.now())) return this.forget();
    const newest = [...messages].sort((a, b) => a.id - b.id).slice(-KEEP);
    try {
      localStorage.setItem(this.key, JSON.stringify({ until: this.until, messages: newest, outbox }));
    } catch {
      // Full or refused (private browsing): the room works, just not offline.
    }
  }

  forget() {
    forgetEntries((key) => key === this.key);
  }
}

function forgetEntries(matches) {
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(PREFIX) && matches(key)) localStorage.removeItem(key);
    }
  } catch {
    // No storage, nothing to forget.
  }
}

// Everything any room kept on this device, and the cached room pages: on logout, and on any
// page shown to someone logged out.
export async function forgetEverything() {
  forgetEntries(() => true);
  if ("caches" in window) await caches.delete(ROOMS_CACHE);
}
