// Shared check-ins and milestone celebrations, worded in the reader's language from a message's
// `data` (its stored `body` is English, for the crisis rules and for clients that show only
// `body`). Same words as checkins/sharing.py and checkins/milestones/celebrate.py.
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
  return message.body;
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
