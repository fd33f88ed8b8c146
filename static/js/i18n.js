// The pages' words in the reader's language, from Django's JavaScript catalogue (/jsi18n/<lang>/,
// a script the page loads before its modules). Without it (say, offline) the English stays.
const catalog = globalThis.django;

export const gettext = catalog?.gettext ?? ((text) => text);
export const ngettext = catalog?.ngettext ?? ((one, many, count) => (count === 1 ? one : many));
// Marks a word for `make messages` that is translated later, from a variable.
export const gettext_noop = (text) => text;
export const language = document.documentElement.lang || "en";

// Fills "%(name)s" placeholders: the translated sentence decides where each value goes.
export function format(text, values) {
  return text.replace(/%\((\w+)\)s/g, (match, key) => (key in values ? String(values[key]) : match));
}
