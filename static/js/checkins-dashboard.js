// The therapist's check-in dashboard, live: it listens on the group room's socket (as the
// therapist it is) and re-fetches its server-rendered part when a check-in or alert arrives.
import { format, gettext } from "./i18n.js";
import { RoomConnection } from "./room/connection.js";

const REASONS = {
  asked_for_support: gettext("Could use support"),
  mood_low: gettext("Mood at its lowest"),
  craving_high: gettext("Strong craving"),
  mood_drop: gettext("Mood dropped"),
  crisis_language: gettext("Crisis language"),
  reported: gettext("Reported a message"),
};
const STATUS = {
  connecting: gettext("Live updates: connecting…"),
  online: gettext("Live updates: on. New check-ins and alerts appear here by themselves."),
  offline: gettext("Live updates: paused, reconnecting…"),
};

const live = document.getElementById("dashboard-live");
const statusLine = document.getElementById("dashboard-status");
let greeted = false;
let fetching = false;
let fetchAgain = false;

const connection = new RoomConnection(live.dataset.wsPath, {
  frame: onFrame,
  status: (state) => {
    statusLine.textContent = STATUS[state];
    live.dataset.connection = state;
  },
  closedForGood: () => {
    statusLine.textContent = gettext("Live updates stopped. Reload the page to see new check-ins.");
    live.dataset.connection = "closed";
  },
});

function onFrame(frame) {
  switch (frame.type) {
    case "hello":
      // This page shows no messages: start from the newest, so the connection never syncs them.
      connection.lastId = Math.max(connection.lastId, frame.last_message_id ?? 0);
      if (greeted) refresh(); // back after a disconnect: catch up on what was missed
      greeted = true;
      break;
    case "checkin":
      if (frame.event === "created") announce(format(gettext("%(name)s checked in."), { name: frame.checkin.user.display_name }));
      refresh();
      break;
    case "alert":
      announce(
        format(gettext("Alert: %(reason)s, %(name)s."), {
          reason: REASONS[frame.alert.reason] ?? frame.alert.kind, name: frame.alert.user.display_name,
        }),
        frame.alert.kind === "crisis",
      );
      refresh();
      break;
  }
}

// One fetch at a time; frames arriving meanwhile (a check-in and its alerts) cause one more.
async function refresh() {
  if (fetching) {
    fetchAgain = true;
    return;
  }
  fetching = true;
  try {
    const response = await fetch(live.dataset.liveUrl, { credentials: "same-origin" });
    if (response.ok) replace(await response.text());
  } catch {
    // Offline for a moment: the next frame or reconnect fetches again.
  } finally {
    fetching = false;
    if (fetchAgain) {
      fetchAgain = false;
      refresh();
    }
  }
}

// Server-rendered HTML from this origin, escaped by the template like the page itself.
// Keeps open "earlier this week" sections open and the focus where it was.
function replace(html) {
  const open = [...live.querySelectorAll("details[open]")].map((d) => d.closest("[id]")?.id);
  const focusedId = document.activeElement?.closest("#dashboard-live [id]")?.id;
  live.innerHTML = html;
  for (const id of open) document.getElementById(id)?.querySelector("details")?.setAttribute("open", "");
  if (focusedId) document.getElementById(focusedId)?.querySelector("a, button, summary")?.focus();
}

function announce(text, urgent = false) {
  document.getElementById(urgent ? "dashboard-urgent" : "dashboard-announcer").textContent = text;
}

connection.open();
