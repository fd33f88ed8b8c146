// Shared check-ins, milestone celebrations and schedule notices, worded in the reader's language
// from a message's `data` (its stored `body` is English, for the crisis rules and for clients
// that show only `body`). Same words as checkins/sharing.py, checkins/milestones/celebrate.py
// and sessions_app/changes.py.
import { format, gettext, gettext_noop, language, ngettext } from "../i18n.js";

const MOOD_WORDS = { 1: gettext("Very low"), 2: gettext("Low"), 3: gettext("Okay"), 4: gettext("Good"), 5: gettext("Great") };
const MOOD_FACES = { 1: "😞", 2: "😔", 3: "😐", 4: "😊", 5: "😄" };
const CHECKIN_TITLES = {
  daily: gettext("Daily check-in"),
  before_session: gettext("Before a session check-in"),
  after_session: gettext("After a session check-in"),
};
const SELF_CARE = {
  exercise: gettext("Exercise"),
  rest: gettext("Rest"),
  people: gettext("Time with people"),
  hobby: gettext("A hobby"),
  relaxation: gettext("Meditation or relaxation"),
  none: gettext("None today"),
};
// A recorded milestone without a title of its own is called by its kind's name.
gettext_noop("Program phase completed");
gettext_noop("Graduation");
gettext_noop("A milestone from your therapist");
const RECORDED = new Set(["phase", "graduation", "custom"]);

// The room's text of a message: check-ins and celebrations in the reader's words, else the body.
export function messageText(message) {
  const data = message.data ?? {};
  if (message.kind === "checkin" && (data.withdrawn || data.mood)) return checkinText(data);
  if (message.kind === "milestone" && data.kind) return celebrationText(data);
  if (message.kind === "system" && data.notice) return noticeText(data) ?? message.body;
  return message.body;
}

// "Wed, Dec 2, 6:00 PM MST": a session's time as the group's clock reads it, like the body.
function sessionTime(iso, timeZone) {
  const options = {
    weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short",
  };
  try {
    return new Intl.DateTimeFormat(language, { timeZone, ...options }).format(new Date(iso));
  } catch {
    return new Date(iso).toLocaleString(language, options); // an unknown zone: the device's
  }
}

function noticeText(data) {
  const zone = data.time_zone;
  switch (data.notice) {
    case "session_moved":
      return format(gettext("The session on %(from)s moves to %(to)s."), {
        from: sessionTime(data.from, zone), to: sessionTime(data.to, zone),
      });
    case "session_cancelled": {
      const said = format(gettext("The session on %(when)s is cancelled."), { when: sessionTime(data.starts_at, zone) });
      return data.note ? `${said} ${data.note}` : said;
    }
    case "session_added":
      return format(gettext("An extra session is added: %(when)s."), { when: sessionTime(data.starts_at, zone) });
    default:
      return null; // a notice this page does not know yet: its English body
  }
}

function checkinText(data) {
  if (data.withdrawn) return gettext("This check-in was withdrawn by the person who shared it.");
  const parts = [
    format(gettext("mood %(mood)s/5 (%(word)s %(face)s)"), {
      mood: data.mood, word: MOOD_WORDS[data.mood] ?? data.mood_label, face: MOOD_FACES[data.mood] ?? "",
    }),
    format(gettext("anxiety %(anxiety)s/10"), { anxiety: data.anxiety }),
  ];
  if (data.craving !== null && data.craving !== undefined) {
    parts.push(format(gettext("craving %(craving)s/10"), { craving: data.craving }));
  }
  if (data.sleep_hours !== null && data.sleep_hours !== undefined) {
    parts.push(format(gettext("slept %(hours)s h"), { hours: data.sleep_hours.toLocaleString(language) }));
  }
  if (data.self_care?.length) {
    const things = data.self_care.map((key) => (SELF_CARE[key] ?? key).toLowerCase()).join(", ");
    parts.push(format(gettext("self-care: %(things)s"), { things }));
  }
  const lines = [format(gettext("%(title)s: %(parts)s."), {
    title: CHECKIN_TITLES[data.kind] ?? data.kind, parts: parts.join(" · "),
  })];
  if (data.wants_support) lines.push(gettext("I could use some support today."));
  if (data.note) lines.push(data.note);
  return lines.join("\n");
}

// "30 days", "6 months", "1 year", "10 sessions", or a therapist's title, as written.
export function milestoneLabel(milestone) {
  const { kind, value, unit, label } = milestone;
  if (RECORDED.has(kind)) return gettext(label);
  if (kind === "sessions") {
    return value === 1 ? gettext("First session") : format(ngettext("%(count)s session", "%(count)s sessions", value), { count: value });
  }
  if (kind === "streak") {
    return format(ngettext("%(count)s day of check-ins in a row", "%(count)s days of check-ins in a row", value), { count: value });
  }
  const units = {
    days: ngettext("%(count)s day", "%(count)s days", value),
    months: ngettext("%(count)s month", "%(count)s months", value),
    years: ngettext("%(count)s year", "%(count)s years", value),
  };
  return units[unit] ? format(units[unit], { count: value }) : label;
}

function celebrationText(data) {
  const label = milestoneLabel(data);
  const what = {
    clean_time: format(gettext("%(label)s of clean and sober time"), { label }),
    sessions: data.value === 1 ? gettext("my first session") : format(gettext("%(label)s attended"), { label }),
    phase: format(gettext("completing %(label)s"), { label }),
    graduation: format(gettext("graduating: %(label)s"), { label }),
  }[data.kind] ?? label;
  let text = format(gettext("🎉 Celebrating %(what)s!"), { what });
  if (data.therapist_note) text += `\n${format(gettext("From my therapist: %(note)s"), { note: data.therapist_note })}`;
  return text;
}
