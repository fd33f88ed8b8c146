// The room's socket: reconnects with capped, jittered back-off; resends every unacknowledged
// `send` with its client_id; syncs from the last id it holds everything up to (not the highest
// seen: live frames from two processes can cross, so a gap may hide below it); pings so a lost
// live frame is noticed;
// drops the socket when the device goes offline, so what is written then waits in the outbox.
// It knows nothing of the page: it reports through the callbacks it is given.

const PING_EVERY_MS = 25000;
const PONG_WAIT_MS = 10000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30000;
// Not logged in, no access, a care-team member without a second factor: reconnecting won't help.
const PERMANENT_CLOSES = new Set([4401, 4403, 4428]);
const RETRYABLE = new Set(["unavailable", "rate_limited"]); // nothing was stored: try again
const RETRY_AFTER_MS = 3000;

export class RoomConnection {
  constructor(path, handlers) {
    this.path = path;
    this.handlers = handlers; // {frame(frame), status(state, detail), closedForGood(code)}
    this.lastId = 0; // highest message id seen
    // Highest id up to which every message is held: set by `sync` answers and the newest page
    // of history, never by live frames. Syncs start here. null: not known yet (use lastId).
    this.syncedTo = null;
    this.latestHistoryAsked = false;
    this.outbox = new Map(); // client_id -> send frame, until acknowledged
    this.attempt = 0;
    this.socket = null;
    this.pingTimer = null;
    this.stopped = false;
    this.offline = navigator.onLine === false; // from a lost socket or network to the next hello
    window.addEventListener("online", () => {
      this.offline = false;
      this.reconnectSoon(0);
    });
    window.addEventListener("offline", () => this.dropOffline());
  }

  open() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}${this.path}`);
    this.socket = socket;
    // Retries while offline keep saying so.
    this.handlers.status(this.offline ? "offline" : "connecting");
    socket.addEventListener("message", (event) => {
      if (socket !== this.socket) return; // a socket given up on (dropOffline)
      clearTimeout(this.pongTimer);
      this.receive(JSON.parse(event.data));
    });
    socket.addEventListener("close", (event) => this.closed(socket, event.code));
  }

  // Unacknowledged messages of an earlier visit; sent on the next hello.
  restore(frames) {
    for (const frame of frames) this.outbox.set(frame.client_id, frame);
  }

  // The device lost its network: its socket may not notice for 35 s (the ping), or ever (an
  // emulated offline). Give it up now, so the page says offline and new messages wait.
  dropOffline() {
    this.offline = true;
    const socket = this.socket;
    if (!socket || this.stopped) return;
    this.socket = null;
    socket.close();
    this.closed(null, 1006);
  }

  receive(frame) {
    switch (frame.type) {
      case "hello":
        this.attempt = 0;
        this.offline = false;
        this.handlers.status("online");
        this.startPinging();
        // A fresh page asks for the newest history itself: it holds all it needs up to here.
        if (!this.lastId && this.syncedTo === null) this.syncedTo = frame.last_message_id ?? 0;
        else this.sync();
        for (const pending of this.outbox.values()) this.write(pending);
        break;
      case "ack":
        this.outbox.delete(frame.client_id);
        this.see(frame.message.id);
        break;
      case "message":
      case "message.updated":
        if (frame.type === "message") this.see(frame.message.id);
        break;
      case "history":
        for (const message of frame.messages) this.see(message.id, this.latestHistoryAsked);
        this.latestHistoryAsked = false;
        break;
      case "sync":
        // A page holds every message after the asked id up to its last one.
        for (const message of frame.messages) this.see(message.id, true);
        if (!frame.messages.length) this.syncedTo = Math.max(this.syncedTo ?? 0, this.syncAsked);
        if (frame.has_more) this.sync();
        break;
      case "pong":
        // Behind the server, or live frames arrived since the last sync (one may have been
        // skipped): sync from what is known to be whole. Repeats are dropped by id.
        if (frame.last_message_id && frame.last_message_id > this.syncFrom()) this.sync();
        break;
      case "error":
        if (frame.client_id && this.outbox.has(frame.client_id)) {
          if (RETRYABLE.has(frame.code)) this.retryLater(frame.client_id);
          else this.outbox.delete(frame.client_id); // refused as it is: resending won't help
        }
        break;
    }
    this.handlers.frame(frame);
  }

  see(id, covered = false) {
    if (id > this.lastId) this.lastId = id;
    if (covered && id > (this.syncedTo ?? 0)) this.syncedTo = id;
  }

  syncFrom() {
    return this.syncedTo ?? this.lastId;
  }

  sync() {
    this.syncAsked = this.syncFrom();
    this.write({ type: "sync", after: this.syncAsked });
  }

  // Queue a message; it is sent now if connected and again after every reconnect until acked.
  send(body, replyTo) {
    const frame = { type: "send", client_id: crypto.randomUUID(), body, reply_to: replyTo ?? null };
    this.outbox.set(frame.client_id, frame);
    this.write(frame);
    return frame.client_id;
  }

  // Resend a refused-for-now message on the open socket (it is also resent after a reconnect).
  retryLater(clientId) {
    setTimeout(() => {
      const frame = this.outbox.get(clientId);
      if (frame) this.write(frame);
    }, RETRY_AFTER_MS * (0.5 + Math.random()));
  }

  write(frame) {
    if (frame.type === "history" && frame.before == null) this.latestHistoryAsked = true;
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  startPinging() {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.ping(), PING_EVERY_MS);
  }

  // A socket can die without a close event (a phone changing networks): no answer, reconnect.
  ping() {
    const socket = this.socket;
    if (!this.write({ type: "ping" })) return;
    clearTimeout(this.pongTimer);
    this.pongTimer = setTimeout(() => socket.close(), PONG_WAIT_MS);
  }

  closed(socket, code) {
    if (socket !== this.socket) return;
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    if (PERMANENT_CLOSES.has(code)) {
      this.stopped = true;
      this.handlers.closedForGood(code);
      return;
    }
    this.offline = true;
    this.handlers.status("offline");
    this.reconnectSoon();
  }

  // Exponential back-off with full jitter, capped, so a server restart is not a stampede.
  reconnectSoon(delay) {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    const wait = delay ?? Math.random() * ceiling;
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      if (this.socket && this.socket.readyState <= WebSocket.OPEN) return; // connecting or open
      this.open();
    }, wait);
  }
}
