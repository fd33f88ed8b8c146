// A participant's own milestones in the room: the private "you reached" question, answered
// by an HTTP POST (CSRF token from the server-rendered form), never by a socket frame.
import { format, gettext } from "../i18n.js";
import { milestoneLabel } from "./words.js";

const box = document.getElementById("milestone-prompts");
const template = document.getElementById("milestone-prompt-template");

export function showReached(milestone, announce) {
  if (!box || !template) return; // therapists' pages have neither
  const label = milestoneLabel(milestone);
  if (milestone.state !== "asking") {
    announce(`${format(gettext("You reached %(label)s."), { label })} ${milestone.state === "shared"
      ? gettext("It is shared with your group, as you chose.")
      : gettext("It stays private, as you chose.")}`);
    return;
  }
  if (box.querySelector(`[data-milestone-id="${milestone.id}"]`)) return;
  const form = template.content.firstElementChild.cloneNode(true);
  form.dataset.milestoneId = milestone.id;
  form.querySelector("[name=milestone_id]").value = milestone.id;
  form.querySelector(".milestone-label").textContent = label; // text, never HTML
  box.append(form);
  box.hidden = false;
  announce(format(
    gettext("You reached a milestone: %(label)s. Celebrate it with your group, or keep it to yourself."),
    { label },
  ));
}

export function dropDecided(milestoneId) {
  box?.querySelector(`[data-milestone-id="${milestoneId}"]`)?.remove();
  if (box && !box.children.length) box.hidden = true;
}

box?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const error = form.querySelector(".milestone-error");
  const body = new FormData(form, event.submitter); // before disabling: a disabled submitter is left out
  const buttons = form.querySelectorAll("button");
  buttons.forEach((b) => { b.disabled = true; });
  error.textContent = "";
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body,
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error ?? gettext("That did not work. Try again."));
    dropDecided(form.dataset.milestoneId);
  } catch (problem) {
    error.textContent = problem instanceof SyntaxError ? gettext("That did not work. Try again.") : problem.message;
    buttons.forEach((b) => { b.disabled = false; });
  }
});
