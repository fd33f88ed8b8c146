// Keyboard focus in the room. A message re-renders whenever it changes (a reaction, an approval,
// a removal): whoever was on one of its buttons stays on that button, or on the message itself
// when the button is gone, never thrown back to the top of the page.

// What a control is across re-renders: its kind and its first word or emoji ("❤️ 2" -> "❤️").
function identity(control) {
  return `${control.className}|${control.textContent.trim().split(" ")[0]}`;
}

export function replaceKeepingFocus(old, fresh) {
  const focused = old.contains(document.activeElement) ? document.activeElement : null;
  old.replaceWith(fresh);
  if (!focused) return;
  const wanted = identity(focused);
  const twin = [...fresh.querySelectorAll("button, a[href]")].find((c) => identity(c) === wanted);
  if (twin && focused !== old) {
    twin.focus({ preventScroll: true });
  } else {
    fresh.tabIndex = -1;
    fresh.focus({ preventScroll: true });
  }
}

// After a page of older messages: ready for the next one, or hidden when there is none left.
// If the keyboard was on it, it goes to the oldest message rather than back to the top.
export function settleLoadEarlier(button, hasMore) {
  const hadFocus = document.activeElement === button;
  button.removeAttribute("aria-disabled");
  button.hidden = !hasMore;
  const oldest = button.parentElement.querySelector("#messages > li");
  if (hadFocus && !hasMore && oldest) {
    oldest.tabIndex = -1;
    oldest.focus();
  }
}

// Escape closes an open disclosure menu (the group menu) and returns to its toggle.
export function closeMenusOnEscape(scope) {
  scope.addEventListener("keydown", (event) => {
    const menu = event.target.closest?.("details[open]");
    if (event.key !== "Escape" || !menu) return;
    menu.open = false;
    menu.querySelector("summary").focus();
  });
}
