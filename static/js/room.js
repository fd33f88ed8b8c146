// The group room page: renders frames from RoomConnection. Bodies are always set as text.
import { format, gettext, language, ngettext } from "./i18n.js";
import { RoomConnection } from "./room/connection.js";
import { closeMenusOnEscape, replaceKeepingFocus, settleLoadEarlier } from "./room/focus.js";
import { dropDecided, showReached } from "./room/milestones.js";
import { RoomStore } from "./room/offline-store.js";
import { showSession } from "./room/sessions.js";
import { messageText } from "./room/words.js";

const EMOJI = { heart: "❤️", clap: "👏", pray: "🙏", muscle: "💪", hug: "🤗", smile: "🙂" };
const EMOJI_LABEL = {
  heart: gettext("heart"), clap: gettext("applause"), pray: gettext("thanks"),
  muscle: gettext("strength"), hug: gettext("hug"), smile: gettext("smile"),
};
const ALERT_REASONS = {
  crisis_language: gettext("Crisis language"),
  reported: gettext("A message was reported"),
  asked_for_support: gettext("Could use support"),
  relapse_risk: gettext("Relapse risk"),
  mood_low: gettext("Mood at its lowest"),
  craving_high: gettext("Strong craving"),
  mood_drop: gettext("Mood dropping"),
};
const STATUS_TEXT = {
  connecting: gettext("Connecting…"),
  online: gettext("Connected"),
  offline: gettext("Offline: messages will be sent when you reconnect."),
};

const root = document.getElementById("room");
const me = Number(root.dataset.me);
const list = document.getElementById("messages");
const timeline = document.getElementById("timeline");
const announcer = document.getElementById("announcer");
const composer = document.getElementById("composer");
const input = document.getElementById("composer-body");
const composerError = document.getElementById("composer-error");
const loadEarlier = document.getElementById("load-earlier");
const emptyRoom = document.getElementById("empty-room");
const typingLine = document.getElementById("typing");
const statusLine = document.getElementById("connection-status");
const notice = document.getElementById("room-notice");

const CLOSED_TEXT = {
  4401: gettext("You are logged out. Log in again to see the room."),
  4403: gettext("You no longer have access to this group."),
  4428: gettext("Therapists and clinic staff need an authenticator app to use the room."),
};

const messages = new Map(); // id -> message
let myRole = "participant";
const pendingLocal = new Map(); // client_id -> element shown before the ack
let oldestId = null;
let replyTo = null;
let typingSentAt = 0;
const typers = new Map(); // user id -> {name, timer}
// The last messages and the unsent outbox, kept on this device so the room opens offline.
const store = new RoomStore(me, root.dataset.wsPath, Number(root.dataset.offlineUntil));
const fromDevice = new Set(); // ids shown from that copy and not yet confirmed by the server
let historyLoaded = false;
let saveTimer = null;

const connection = new RoomConnection(root.dataset.wsPath, {
  frame: onFrame,
  status: (state) => { statusLine.textContent = STATUS_TEXT[state]; root.dataset.connection = state; },
  closedForGood: (code) => {
    statusLine.textContent = CLOSED_TEXT[code] ?? CLOSED_TEXT[4403];
    document.getElementById("second-factor-setup").hidden = code !== 4428;
    root.dataset.connection = "closed";
    composer.hidden = true;
    store.forget();
  },
});

function onFrame(frame) {
  switch (frame.type) {
    case "hello":
      myRole = frame.me.role;
      root.dataset.role = myRole;
      showPresence(frame.online);
      showLocked(frame.group.locked);
      if (frame.muted_until) showMuted(frame.muted_until);
      if (frame.session) showSession(frame.session);
      showPinned(frame.pinned ?? null);
      if (!historyLoaded) connection.write({ type: "history", before: null, limit: 50 });
      break;
    case "history":
      frame.messages.forEach((m) => upsert(m, false));
      if (!historyLoaded) dropUnconfirmed();
      historyLoaded = true;
      settleLoadEarlier(loadEarlier, frame.has_more);
      updateEmpty();
      markRead();
      break;
    case "sync":
      frame.messages.forEach((m) => upsert(m, true));
      markRead();
      break;
    case "ack":
      pendingLocal.get(frame.client_id)?.remove();
      pendingLocal.delete(frame.client_id);
      upsert(frame.message, false);
      break;
    case "message":
      upsert(frame.message, frame.message.author?.id !== me);
      markRead();
      break;
    case "message.updated":
      upsert(frame.message, false);
      break;
    case "presence":
      showPresence(frame.online);
      break;
    case "typing":
      showTyping(frame.user);
      break;
    case "room":
      showLocked(frame.locked);
      break;
    case "muted":
      showMuted(frame.until);
      break;
    case "error":
      showError(frame);
      break;
    case "flagged":
      announce(gettext("Thank you. Your report went to the group's therapists."));
      break;
    case "crisis":
      showCrisis(frame.resources);
      break;
    case "relapse_support":
      showResources("relapse", frame.resources);
      announce(gettext("Your therapists know you could use support. Reach out before you decide anything."));
      break;
    case "alert":
      showAlert(frame.alert);
      break;
    case "session":
      showSession(frame);
      break;
    case "pinned":
      showPinned(frame.message);
      break;
    case "thread":
      upsert(frame.message, false);
      frame.replies.forEach((m) => upsert(m, false));
      expandThread(frame.message.id);
      break;
    case "milestone.reached":
      showReached(frame.milestone, announce);
      break;
    case "milestone.decided":
      dropDecided(frame.milestone_id);
      break;
  }
  if (SAVED_FRAMES.has(frame.type)) saveSoon();
}

const SAVED_FRAMES = new Set(["history", "sync", "ack", "message", "message.updated", "error"]);

function saveSoon() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => store.save(messages.values(), [...connection.outbox.values()]), 200);
}

// The room as last seen on this device, before the socket answers (or while offline).
function showSaved() {
  const saved = store.load();
  for (const message of saved.messages) {
    upsert(message, false);
    fromDevice.add(message.id);
    connection.see(message.id, true); // the hello then syncs from here
  }
  connection.restore(saved.outbox);
  for (const frame of saved.outbox) showSending(frame.client_id, frame.body);
}

// The server's first page of history replaces the saved copy: a saved message it no longer
// shows (deleted by retention, or older than the page) leaves the list.
function dropUnconfirmed() {
  const replies = []; // ids found in the thread of a dropped prompt
  for (const id of fromDevice) {
    messages.delete(id);
    const element = document.getElementById(`m-${id}`);
    if (!element) continue;
    const container = element.parentElement;
    element.querySelectorAll(":scope > .thread > li").forEach((li) => replies.push(Number(li.dataset.id)));
    element.remove();
    if (container !== list) updateThreadSummary(container);
  }
  fromDevice.clear();
  // A confirmed reply whose prompt went with the saved copy stays, in the room's own list.
  for (const id of replies) if (messages.has(id)) upsert(messages.get(id), false);
  oldestId = messages.size ? Math.min(...messages.keys()) : null;
  updateEmpty();
}

function upsert(message, announce) {
  fromDevice.delete(message.id);
  const previous = messages.get(message.id);
  const known = previous !== undefined;
  messages.set(message.id, message);
  if (oldestId === null || message.id < oldestId) oldestId = message.id;
  const element = renderMessage(message);
  const existing = document.getElementById(`m-${message.id}`);
  if (existing) {
    replaceKeepingThread(existing, element);
  } else {
    // Keep each list ordered by id whatever order frames arrive in. A reply to a prompt goes
    // in the prompt's thread, so the room shows the conversation compactly under it.
    const container = threadFor(message) ?? list;
    const after = [...container.children].find((li) => Number(li.dataset.id) > message.id);
    const nearBottom = timeline.scrollHeight - timeline.scrollTop - timeline.clientHeight < 80;
    container.insertBefore(element, after ?? null);
    if (container !== list) updateThreadSummary(container);
    if (!after && nearBottom && container === list) element.scrollIntoView({ block: "end" });
  }
  if (message.id === pinnedId) showPinned(message.state === "visible" ? message : null);
  if (message.state === "removed" && previous?.body && announcer.textContent.includes(messageText(previous))) {
    announcer.textContent = ""; // a removed message must not linger for screen readers
  }
  if (announce && !known) {
    announcer.textContent = `${message.author ? message.author.display_name : "GroupSpace"}: ${messageText(message)}`;
  }
  clearTyping(message.author?.id);
  updateEmpty();
}

function renderMessage(message) {
  const li = document.createElement("li");
  li.id = `m-${message.id}`;
  li.dataset.id = message.id;
  li.className = `message kind-${message.kind} state-${message.state}${message.author?.id === me ? " mine" : ""}`;
  const header = document.createElement("p");
  header.className = "message-meta";
  const name = document.createElement("strong");
  name.textContent = message.author ? message.author.display_name : "GroupSpace";
  header.append(name);
  if (message.author?.role === "therapist") header.append(tag(gettext("Therapist")));
  if (message.kind === "prompt") header.append(tag(gettext("Prompt")));
  if (message.kind === "milestone") {
    li.classList.add("celebration");
    header.append(tag(gettext("Milestone")));
  }
  const time = document.createElement("time");
  time.dateTime = message.created_at;
  time.textContent = new Date(message.created_at).toLocaleTimeString(language, { hour: "numeric", minute: "2-digit" });
  header.append(" ", time);
  li.append(header);
  if (message.reply_to && messages.get(message.reply_to)?.kind !== "prompt") {
    const quoted = messages.get(message.reply_to);
    const reply = document.createElement("p");
    reply.className = "message-reply";
    reply.textContent = quoted
      ? format(gettext("Replying to %(name)s: %(text)s"), {
        name: quoted.author?.display_name ?? "GroupSpace", text: messageText(quoted).slice(0, 80),
      })
      : gettext("Replying to an earlier message");
    li.append(reply);
  }
  const body = document.createElement("p");
  body.className = "message-body";
  const hidden = message.state === "removed" && myRole !== "therapist";
  // Text, never HTML.
  body.textContent = hidden ? gettext("This message was removed by a moderator.") : messageText(message);
  li.append(body);
  if (message.state === "removed" && !hidden) li.append(tag(gettext("Removed: participants no longer see it")));
  if (message.state === "pending") li.append(tag(gettext("Waiting for a therapist's approval")));
  if (message.state !== "removed") li.append(renderActions(message));
  if (message.kind === "prompt") li.append(renderThreadSummary(message));
  return li;
}

function refreshMessage(id) {
  const element = id !== null && document.getElementById(`m-${id}`);
  if (element && messages.has(id)) replaceKeepingThread(element, renderMessage(messages.get(id)));
}

function replaceKeepingThread(existing, element) {
  const thread = existing.querySelector(":scope > .thread");
  if (thread) element.append(thread); // a prompt's replies survive its re-render
  replaceKeepingFocus(existing, element);
  if (thread) updateThreadSummary(thread);
}

// --- prompt threads ------------------------------------------------------------------------
const THREAD_SHOWN = 3; // replies shown under a prompt before "show all"

function threadFor(message) {
  const parent = message.reply_to ? messages.get(message.reply_to) : null;
  if (!parent || parent.kind !== "prompt") return null;
  const parentElement = document.getElementById(`m-${parent.id}`);
  if (!parentElement) return null;
  let thread = parentElement.querySelector(":scope > .thread");
  if (!thread) {
    thread = document.createElement("ol");
    thread.className = "thread collapsed";
    thread.setAttribute("aria-label", gettext("Replies"));
    parentElement.append(thread);
  }
  return thread;
}

function renderThreadSummary(message) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "link-button thread-summary";
  button.hidden = true;
  button.addEventListener("click", () => {
    const thread = document.querySelector(`#m-${message.id} > .thread`);
    if (thread?.classList.contains("collapsed")) {
      connection.write({ type: "thread", message_id: message.id }); // every reply, not only loaded ones
    } else if (thread) {
      thread.classList.add("collapsed");
      updateThreadSummary(thread);
    }
  });
  return button;
}

function updateThreadSummary(thread) {
  const button = thread.parentElement.querySelector(":scope > .thread-summary");
  const count = thread.children.length;
  if (!button) return;
  button.hidden = count <= THREAD_SHOWN;
  const collapsed = thread.classList.contains("collapsed");
  button.setAttribute("aria-expanded", String(!collapsed));
  button.textContent = collapsed
    ? format(ngettext("Show all %(count)s reply", "Show all %(count)s replies", count), { count })
    : gettext("Show fewer replies");
}

function expandThread(messageId) {
  const thread = document.querySelector(`#m-${messageId} > .thread`);
  if (!thread) return;
  thread.classList.remove("collapsed");
  updateThreadSummary(thread);
}

// --- the pinned prompt ---------------------------------------------------------------------
let pinnedId = null;
let pinnedMessage = null;
function showPinned(message) {
  const box = document.getElementById("pinned-prompt");
  const before = pinnedId;
  pinnedId = message?.id ?? null;
  if (before !== pinnedId) [before, pinnedId].forEach(refreshMessage); // the Pin buttons
  pinnedMessage = message;
  box.hidden = !message;
  document.getElementById("pinned-body").textContent = message ? message.body : "";
}
document.getElementById("pinned-reply").addEventListener("click", () => {
  if (pinnedMessage) {
    messages.set(pinnedMessage.id, messages.get(pinnedMessage.id) ?? pinnedMessage);
    startReply(pinnedMessage);
  }
});
document.getElementById("pinned-unpin")?.addEventListener("click", () =>
  connection.write({ type: "pin", message_id: null }));

function tag(text) {
  const span = document.createElement("span");
  span.className = "tag";
  span.textContent = text;
  return span;
}

function renderActions(message) {
  const bar = document.createElement("div");
  bar.className = "message-actions";
  for (const [emoji, glyph] of Object.entries(EMOJI)) {
    const mine = (message.reacted_by?.[emoji] ?? []).includes(me);
    const count = message.reactions?.[emoji] ?? 0;
    if (!count && !["heart", "hug", "clap"].includes(emoji)) continue; // the rest once used
    const button = document.createElement("button");
    button.type = "button";
    button.className = "reaction";
    button.setAttribute("aria-pressed", String(mine));
    button.setAttribute("aria-label", `${EMOJI_LABEL[emoji]}${count ? `, ${count}` : ""}`);
    button.textContent = count ? `${glyph} ${count}` : glyph;
    button.addEventListener("click", () =>
      connection.write({ type: "react", message_id: message.id, emoji, on: !mine }));
    bar.append(button);
  }
  bar.append(linkButton(gettext("Reply"), () => startReply(message)));
  if (myRole === "therapist") {
    if (message.state === "pending") {
      bar.append(linkButton(gettext("Approve"), () => connection.write({ type: "approve", message_id: message.id })));
    }
    if (message.kind === "prompt" && message.state === "visible" && message.id !== pinnedId) {
      bar.append(linkButton(gettext("Pin"), () => connection.write({ type: "pin", message_id: message.id })));
    }
    bar.append(linkButton(gettext("Remove"), () => askReason(message, "remove")));
  } else if (message.author && message.author.id !== me) {
    bar.append(linkButton(gettext("Report"), () => askReason(message, "flag")));
  }
  return bar;
}

function linkButton(text, onClick) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "link-button";
  button.textContent = text;
  button.addEventListener("click", onClick);
  return button;
}

// One dialog for "report" (any member) and "remove" (therapists): both ask for a reason.
const reasonDialog = document.getElementById("reason-dialog");
let reasonTarget = null;
function askReason(message, action) {
  reasonTarget = { message, action, opener: document.activeElement };
  document.getElementById("reason-title").textContent =
    action === "remove" ? gettext("Remove this message for everyone?") : gettext("Report this message to the therapists?");
  document.getElementById("reason-quote").textContent = messageText(message);
  document.getElementById("reason-submit").textContent = action === "remove" ? gettext("Remove message") : gettext("Send report");
  document.getElementById("reason-input").value = "";
  reasonDialog.showModal();
}
reasonDialog.addEventListener("close", () => {
  if (reasonDialog.returnValue === "confirm" && reasonTarget) {
    const reason = document.getElementById("reason-input").value.trim();
    connection.write({ type: reasonTarget.action, message_id: reasonTarget.message.id, reason });
  }
  reasonTarget?.opener?.focus();
  reasonTarget = null;
});

function announce(text, urgent = false) {
  const region = urgent ? document.getElementById("urgent-announcer") : announcer;
  region.textContent = text;
}

function showCrisis(resources) {
  showResources("crisis", resources);
  announce(gettext("You're not alone. If you are in danger, call or text 988, or call 911."), true);
}

// The crisis and relapse panels: who to call, each a tel: link; focus moves to its Close.
function showResources(name, resources) {
  const panel = document.getElementById(`${name}-panel`);
  const list = document.getElementById(`${name}-resources`);
  list.replaceChildren(...resources.map((r) => {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = `tel:${r.contact.replace(/[^0-9+]/g, "")}`;
    link.textContent = r.contact;
    li.append(`${r.name}: `, link);
    return li;
  }));
  panel.hidden = false;
  document.getElementById(`${name}-close`).focus();
}

function showAlert(alert) {
  const box = document.getElementById("therapist-alerts");
  const what = ALERT_REASONS[alert.reason] ?? {
    crisis: ALERT_REASONS.crisis_language, flag: ALERT_REASONS.reported, support: ALERT_REASONS.asked_for_support,
  }[alert.kind];
  const item = document.createElement("li");
  item.textContent = format(gettext("%(what)s: %(name)s"), { what, name: alert.user.display_name });
  box.querySelector("ul").prepend(item);
  box.hidden = false;
  announce(
    format(gettext("%(what)s from %(name)s. Open the moderation queue."), { what, name: alert.user.display_name }),
    alert.kind === "crisis",
  );
}

function startReply(message) {
  replyTo = message.id;
  document.getElementById("reply-text").textContent = format(gettext("Replying to %(name)s"), {
    name: message.author?.display_name ?? "GroupSpace",
  });
  document.getElementById("reply-preview").hidden = false;
  input.focus();
}

function cancelReply() {
  replyTo = null;
  document.getElementById("reply-preview").hidden = true;
}

function showPresence(online) {
  document.getElementById("online-count").textContent = online.length;
  document.getElementById("online-list").textContent = online.map((u) => u.display_name).join(", ");
}

function showLocked(locked) {
  notice.hidden = !locked;
  notice.textContent = locked
    ? myRole === "therapist"
      ? gettext("The room is locked: participants can read but not post. You can still post.")
      : gettext("The room is closed for now. If you are in crisis, call or text 988, or call 911.")
    : "";
  const lockButton = document.getElementById("lock-toggle");
  if (lockButton) {
    lockButton.textContent = locked ? gettext("Unlock the room") : gettext("Lock the room");
    lockButton.dataset.locked = String(locked);
  }
}

function showMuted(until) {
  composer.dataset.state = until ? "muted" : "";
  composerError.textContent = until
    ? format(gettext("A therapist has paused your messages until %(until)s. You can still read the room."), {
      until: new Date(until).toLocaleString(language),
    })
    : gettext("You can write in the room again.");
}

function showTyping(user) {
  clearTyping(user.id);
  const timer = setTimeout(() => clearTyping(user.id), 4000);
  typers.set(user.id, { name: user.display_name, timer });
  renderTyping();
}

function clearTyping(userId) {
  const typer = typers.get(userId);
  if (!typer) return;
  clearTimeout(typer.timer);
  typers.delete(userId);
  renderTyping();
}

function renderTyping() {
  const names = [...typers.values()].map((t) => t.name);
  typingLine.textContent = names.length === 0
    ? ""
    : format(ngettext("%(names)s is typing…", "%(names)s are typing…", names.length), { names: names.join(", ") });
}

function showError(frame) {
  const element = frame.client_id ? pendingLocal.get(frame.client_id) : null;
  if (element && (frame.code === "unavailable" || frame.code === "rate_limited")) {
    element.querySelector(".tag").textContent = gettext("Waiting to send…"); // retried by the connection
    return;
  }
  composerError.textContent = frame.detail;
  if (element) {
    element.classList.add("failed");
    element.querySelector(".tag").textContent = gettext("Not sent");
  }
}

function updateEmpty() {
  emptyRoom.hidden = list.children.length > 0;
}

function markRead() {
  if (document.visibilityState !== "visible" || connection.lastId === 0) return;
  connection.write({ type: "read", message_id: connection.lastId });
}

composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const body = input.value.trim();
  composerError.textContent = "";
  if (!body) {
    composerError.textContent = gettext("Write something first.");
    return;
  }
  showSending(connection.send(body, replyTo), body);
  saveSoon();
  input.value = "";
  cancelReply();
});

// Show a message straight away, marked as sending, until the server acknowledges it.
function showSending(clientId, body) {
  const li = document.createElement("li");
  li.className = "message mine sending";
  li.dataset.id = Number.MAX_SAFE_INTEGER;
  const text = document.createElement("p");
  text.className = "message-body";
  text.textContent = body;
  li.append(text, tag(gettext("Sending…")));
  list.append(li);
  li.scrollIntoView({ block: "end" });
  pendingLocal.set(clientId, li);
  updateEmpty();
}

input.addEventListener("keydown", (event) => {
  // Not while an input method is composing a word (Chinese, Japanese, Korean, some phones).
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    composer.requestSubmit();
  } else if (event.key === "Escape") {
    cancelReply();
  }
});

input.addEventListener("input", () => {
  const now = Date.now();
  if (now - typingSentAt > 3000) {
    typingSentAt = now;
    connection.write({ type: "typing" });
  }
});

loadEarlier.addEventListener("click", () => {
  if (loadEarlier.getAttribute("aria-disabled") === "true") return; // already asked
  loadEarlier.setAttribute("aria-disabled", "true"); // not `disabled`: that drops keyboard focus
  connection.write({ type: "history", before: oldestId, limit: 50 });
});

document.getElementById("reply-cancel").addEventListener("click", cancelReply);
document.getElementById("relapse-close").addEventListener("click", () => {
  document.getElementById("relapse-panel").hidden = true;
  input.focus();
});
document.getElementById("crisis-close").addEventListener("click", () => {
  document.getElementById("crisis-panel").hidden = true;
  input.focus();
});
document.getElementById("lock-toggle")?.addEventListener("click", (event) => {
  connection.write({ type: "lock", locked: event.currentTarget.dataset.locked !== "true" });
});
document.addEventListener("visibilitychange", markRead);
closeMenusOnEscape(root);

showSaved();
connection.open();
