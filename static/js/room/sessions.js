// The room's session line: "Session in progress" or the next session's time, redrawn on every
// `session` frame and, between frames, when the clock passes a start or an end.
import { gettext, language } from "../i18n.js";

const banner = document.getElementById("session-banner");
const text = document.getElementById("session-text");
let state = null;
let timer = null;

function timeElement(iso, options) {
  const time = document.createElement("time");
  time.dateTime = iso;
  time.textContent = format(iso, options);
  return time;
}

function format(iso, options) {
  const zone = banner?.dataset.timeZone || undefined;
  try {
    return new Intl.DateTimeFormat(language, { timeZone: zone, ...options }).format(new Date(iso));
  } catch {
    return new Date(iso).toLocaleString(); // an unknown zone name: the device's own
  }
}

function render() {
  if (!banner || !state) return;
  const now = Date.now();
  let { current, next } = state;
  if (current && Date.parse(current.ends_at) <= now) current = null;
  if (!current && next && Date.parse(next.starts_at) <= now && Date.parse(next.ends_at) > now) {
    current = next; // started before the server's frame arrived
    next = null;
  }
  banner.classList.toggle("in-session", Boolean(current));
  text.replaceChildren();
  if (current) {
    const strong = document.createElement("strong");
    strong.textContent = gettext("Session in progress");
    text.append(strong, ` ${gettext("until")} `, timeElement(current.ends_at, { hour: "numeric", minute: "2-digit" }));
    if (current.prompts_only) text.append(` · ${gettext("the room is open for replies to prompts")}`);
  } else if (next) {
    text.append(`${gettext("Next session:")} `, timeElement(next.starts_at, {
      weekday: "long", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short",
    }));
  } else {
    text.append(gettext("No upcoming session is scheduled."));
  }
  scheduleRedraw(current, next);
}

function scheduleRedraw(current, next) {
  clearTimeout(timer);
  const moments = [current?.ends_at, next?.starts_at].filter(Boolean).map(Date.parse);
  const soonest = Math.min(...moments.filter((t) => t > Date.now()));
  // Browsers cap timers near 24.8 days; the server's frame arrives long before that anyway.
  if (Number.isFinite(soonest)) timer = setTimeout(render, Math.min(soonest - Date.now() + 500, 2 ** 31 - 1));
}

export function showSession(sessionState) {
  state = sessionState;
  render();
}

export function inPromptsOnlySession() {
  const current = state?.current;
  return Boolean(current && current.prompts_only && Date.parse(current.ends_at) > Date.now());
}
