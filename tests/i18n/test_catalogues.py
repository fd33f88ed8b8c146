"""The Spanish catalogues are complete, consistent and compiled, without needing GNU gettext.

Every string the code marks for translation (Python, templates, the pages' JavaScript) is in the
committed .po with a translation; nothing is fuzzy or left empty; placeholders and markup match
the English; and the committed .mo holds exactly what the .po says (`make messages` compiles it).
"""

import ast
import json
import re
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation.template import templatize

from .visible_text import LOCALE

ROOT = Path(settings.BASE_DIR)
PYTHON_DIRS = ["groupspace", "checkins", "sessions_app"]
PYTHON_MARKERS = {
    "gettext": "s",
    "gettext_lazy": "s",
    "_": "s",
    "gettext_noop": "s",
    "ngettext": "p",
    "ngettext_lazy": "p",
    "pgettext": "cs",
    "pgettext_lazy": "cs",
}
STRING = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
MARKED_CALL = re.compile(
    rf"\b(gettext|ngettext|pgettext|gettext_noop)\(\s*({STRING}(?:\s*,\s*{STRING})*)"
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
TAG = re.compile(r"</?\w+[^>]*>")


def catalogue(domain: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / f"{domain}.po"))


def keyed(po) -> dict:
    return {(entry.msgctxt, entry.msgid): entry for entry in po}


def _from_call(name: str, strings: list[str]) -> tuple[str | None, str, str | None]:
    if name.startswith("p"):
        return strings[0], strings[1], None
    if name.startswith("n"):
        return None, strings[0], strings[1]
    return None, strings[0], None


def python_messages() -> set[tuple]:
    found = set()
    for folder in PYTHON_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                kinds = PYTHON_MARKERS.get(node.func.id)
                if kinds is None:
                    continue
                args = node.args[: {"s": 1, "p": 2, "cs": 2}[kinds]]
                if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                    strings = [a.value for a in args]
                    context = strings[0] if kinds == "cs" else None
                    msgid = strings[-1] if kinds == "cs" else strings[0]
                    plural = strings[1] if kinds == "p" else None
                    found.add((context, msgid, plural, str(path.relative_to(ROOT))))
    return found


def template_messages() -> set[tuple]:
    found = set()
    for path in (ROOT / "templates").rglob("*"):
        if path.suffix not in {".html", ".txt"}:
            continue
        code = templatize(path.read_text())
        for name, args in MARKED_CALL.findall(code):
            strings = list(ast.literal_eval(f"({args},)"))
            found.add((*_from_call(name, strings), str(path.relative_to(ROOT))))
    return found


def javascript_messages() -> set[tuple]:
    found = set()
    for path in (ROOT / "static" / "js").rglob("*.js"):
        for name, args in MARKED_CALL.findall(path.read_text()):
            strings = json.loads(f"[{args}]")
            found.add((*_from_call(name, strings), str(path.relative_to(ROOT))))
    return found


def assert_covered(messages: set[tuple], po) -> None:
    entries = keyed(po)
    missing = []
    for context, msgid, plural, where in messages:
        entry = entries.get((context, msgid))
        if entry is None or (plural is not None and entry.msgid_plural != plural):
            missing.append(f"{where}: {msgid!r}")
        elif not entry.translated():
            missing.append(f"{where}: {msgid!r} (not translated)")
    assert missing == [], "run `make messages` and translate:\n" + "\n".join(sorted(missing))


def test_every_marked_python_and_template_string_is_translated():
    messages = python_messages() | template_messages()
    assert len(messages) > 400  # the collectors really found the marked strings
    assert_covered(messages, catalogue("django"))


def test_every_marked_javascript_string_is_translated():
    messages = javascript_messages()
    assert len(messages) > 80
    assert_covered(messages, catalogue("djangojs"))


def test_no_entry_is_untranslated_fuzzy_or_obsolete():
    for domain in ("django", "djangojs"):
        po = catalogue(domain)
        assert po.metadata["Language"] == "es"
        assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
        assert not po.metadata_is_fuzzy
        assert po.untranslated_entries() == [], domain
        assert po.fuzzy_entries() == [], domain
        assert po.obsolete_entries() == [], domain
        assert po.percent_translated() == 100


def test_translations_keep_the_placeholders_and_markup_of_the_english():
    for domain in ("django", "djangojs"):
        for entry in catalogue(domain):
            pairs = [(entry.msgid, entry.msgstr)]
            if entry.msgid_plural:
                pairs = [
                    (entry.msgid, entry.msgstr_plural[0]),
                    (entry.msgid_plural, entry.msgstr_plural[1]),
                ]
            for english, spanish in pairs:
                assert sorted(PLACEHOLDER.findall(english)) == sorted(
                    PLACEHOLDER.findall(spanish)
                ), english
                assert sorted(TAG.findall(english)) == sorted(TAG.findall(spanish)), english


def test_the_committed_mo_files_hold_what_the_po_files_say():
    for domain in ("django", "djangojs"):
        compiled = polib.mofile(str(LOCALE / f"{domain}.mo"))
        source = {
            key: entry for key, entry in keyed(catalogue(domain)).items() if entry.translated()
        }
        assert set(keyed(compiled)) - {(None, "")} == set(source), f"{domain}.mo is stale"
        for key, entry in keyed(compiled).items():
            if key == (None, ""):
                continue
            if entry.msgid_plural:
                assert entry.msgstr_plural == source[key].msgstr_plural, key
            else:
                assert entry.msgstr == source[key].msgstr, key
