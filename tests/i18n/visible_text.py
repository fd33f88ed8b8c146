"""What a person reads or hears on a page: text nodes and the attributes screen readers speak."""

import re
from html.parser import HTMLParser

import polib
from django.conf import settings

# Attributes read aloud or shown: labels, hints, tooltips, and the words on input buttons.
SPOKEN_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt"}
BUTTON_INPUT_TYPES = {"submit", "button", "reset"}
# Markup whose text nobody reads: code, and what a person typed (a textarea's content).
SILENT_TAGS = {"script", "style", "textarea"}
LETTERS = re.compile(r"[^\W\d_]{2,}")
LOCALE = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES"


def normalise(text: str) -> str:
    return " ".join(text.split())


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.silent = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in SILENT_TAGS:
            self.silent += 1
        for name in SPOKEN_ATTRIBUTES & attributes.keys():
            self.texts.append(attributes[name] or "")
        if tag == "input" and attributes.get("type") in BUTTON_INPUT_TYPES:
            self.texts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in SILENT_TAGS:
            self.silent = max(0, self.silent - 1)

    def handle_data(self, data):
        if not self.silent:
            self.texts.append(data)


def visible_texts(html: str) -> set[str]:
    """Each piece of text on the page (whitespace normalised) that has words in it."""
    reader = _Reader()
    reader.feed(html)
    return {normalise(text) for text in reader.texts if LETTERS.search(text)}


def _segments(message: str) -> set[str]:
    """The plain-text pieces of a catalogue message, as they show between tags and values."""
    pieces = re.split(r"<[^>]+>|%\(\w+\)[sd]|%[sd]", message.replace("&amp;", "&"))
    return {normalise(piece) for piece in pieces if LETTERS.search(piece)}


def english_only_segments() -> set[str]:
    """Every piece of English text in the catalogues that the Spanish translation changes."""
    english: set[str] = set()
    spanish: set[str] = set()
    for domain in ("django", "djangojs"):
        for entry in polib.pofile(str(LOCALE / f"{domain}.po")):
            english |= _segments(entry.msgid)
            spanish |= _segments(entry.msgstr)
            if entry.msgid_plural:
                english |= _segments(entry.msgid_plural)
                for text in entry.msgstr_plural.values():
                    spanish |= _segments(text)
    return english - spanish
