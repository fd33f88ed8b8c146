// The check-in form: small helps only; the form works the same without this script.
import { format, ngettext } from "./i18n.js";

const form = document.getElementById("checkin-form");
const note = form.querySelector("textarea[name=note]");
const count = document.getElementById("note-count");
const noteShared = form.querySelector("input[name=note_shared]");
const visibility = [...form.querySelectorAll("input[name=visibility]")];
const selfCare = [...form.querySelectorAll("input[name=self_care]")];

function showCount() {
  count.textContent = format(ngettext("%(count)s of 1000 characters.", "%(count)s of 1000 characters.", note.value.length), {
    count: note.value.length,
  });
}

// Sharing the note means something only when the check-in itself is shared.
function syncNoteShare() {
  const shared = visibility.some((radio) => radio.checked && radio.value === "shared");
  noteShared.disabled = !shared;
  if (!shared) noteShared.checked = false;
}

// "None today" and the things you did exclude each other (the server refuses both).
function syncSelfCare(event) {
  const changed = event.target;
  if (!changed.checked) return;
  for (const box of selfCare) {
    if (box !== changed && (box.value === "none" || changed.value === "none")) box.checked = false;
  }
}

note.addEventListener("input", showCount);
visibility.forEach((radio) => radio.addEventListener("change", syncNoteShare));
selfCare.forEach((box) => box.addEventListener("change", syncSelfCare));
syncNoteShare();
// Two quick taps must not look like two check-ins (the server also de-duplicates the form).
form.addEventListener("submit", () => {
  form.querySelector("button[type=submit]").setAttribute("aria-disabled", "true");
});
